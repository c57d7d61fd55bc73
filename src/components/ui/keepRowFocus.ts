/** Where keyboard focus is in a table of movie rows: the row's position among them, and the control's selector. */
export interface RowFocus {
  index: number;
  control: string;
}

/** A list's rows and the controls in them whose focus is kept: by default, the recommendations' movie rows. */
export interface RowControls {
  /** The attribute that marks a row of the list ("data-movie-id"). */
  row: string;
  /** Selectors of the controls in a row ("I've seen it" and "Why?"). */
  controls: readonly string[];
}

const MOVIE_ROWS: RowControls = {row: "data-movie-id", controls: ["select.seen-it", "button.why"]};

/**
 * Where focus is, when it is on a row's control (by default a movie row's "I've seen it" select or "Why?" button) in a
 * table matching `table` (a selector) in `root`: null otherwise. Read before the table is drawn again.
 */
export function rowFocus(
  root: Document,
  table: string,
  {row: mark, controls}: RowControls = MOVIE_ROWS
): RowFocus | null {
  const active = root.activeElement;
  const control = controls.find((c) => active?.matches(c));
  const row = active?.closest(`${table} tbody tr[${mark}]`);
  if (!control || !row) return null;
  const rows = [...row.parentElement!.querySelectorAll(`:scope > tr[${mark}]`)];
  return {index: rows.indexOf(row), control};
}

/**
 * Puts focus back on the same control of the row now at the same position in `table` (the next movie, when the one
 * focused was rated and left the list), or of the last row when the list got shorter. Does nothing for null.
 */
export function restoreRowFocus(
  table: Element,
  at: RowFocus | null,
  {row: mark}: Pick<RowControls, "row"> = MOVIE_ROWS
): void {
  if (!at) return;
  const rows = [...table.querySelectorAll(`tbody > tr[${mark}]`)];
  const row = rows[Math.min(at.index, rows.length - 1)];
  row?.querySelector<HTMLElement>(at.control)?.focus();
}
