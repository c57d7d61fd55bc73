/** A table with a header row of the given labels and an empty body; every label is set as text, never as HTML. */
export function textTable(
  className: string,
  headers: readonly string[]
): {table: HTMLTableElement; body: HTMLTableSectionElement} {
  const table = document.createElement("table");
  table.className = className;
  const head = table.createTHead().insertRow();
  for (const label of headers) head.appendChild(document.createElement("th")).textContent = label;
  return {table, body: table.createTBody()};
}

/** Appends a row of text cells to a table body (titles and genres are data: set as text, never parsed as HTML). */
export function textRow(body: HTMLTableSectionElement, cells: readonly string[]): HTMLTableRowElement {
  const tr = body.insertRow();
  for (const text of cells) tr.insertCell().textContent = text;
  return tr;
}

/** Appends the row a table shows while it has none: one cell spanning `columns`, class "empty", with `text`. */
export function emptyRow(body: HTMLTableSectionElement, columns: number, text: string): HTMLTableCellElement {
  const cell = body.insertRow().insertCell();
  cell.colSpan = columns;
  cell.className = "empty";
  cell.textContent = text;
  return cell;
}
