/** Where keyboard focus is in a table of movie rows: the row's position among them, and the control's selector. */
export interface RowFocus {
  index: number;
  control: string;
}

const CONTROLS = ["select.seen-it", "button.why"];

/**
 * Where focus is, when it is on a row's control (its "I've seen it" select or its "Why?" button) in a table matching
 * `table` (a selector) in `root`: null otherwise. Read before the table is drawn again.
 */
export function rowFocus(root: Document, table: string): RowFocus | null {
  const active = root.activeElement;
  const control = CONTROLS.find((c) => active?.matches(c));
  const row = active?.closest(`${table} tbody tr[data-movie-id]`);
  if (!control || !row) return null;
  const rows = [...row.parentElement!.querySelectorAll(":scope > tr[data-movie-id]")];
  return {index: rows.indexOf(row), control};
}

/**
 * Puts focus back on the same control of the row now at the same position in `table` (the next movie, when the one
 * focused was rated and left the list), or of the last row when the list got shorter. Does nothing for null.
 */
export function restoreRowFocus(table: Element, at: RowFocus | null): void {
  if (!at) return;
  const rows = [...table.querySelectorAll("tbody > tr[data-movie-id]")];
  const row = rows[Math.min(at.index, rows.length - 1)];
  row?.querySelector<HTMLElement>(at.control)?.focus();
}
