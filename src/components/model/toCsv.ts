// CSV as RFC 4180 writes it (https://www.rfc-editor.org/rfc/rfc4180): fields quoted where they hold a comma, a quote
// or a line break, quotes doubled, and records ended by CRLF. d3-dsv's csvFormatRow does the quoting (a well-kept
// library, already bundled with d3); this module adds the records' CRLF and the formula guard.
import {csvFormatRow} from "d3";

/** One field: numbers as JavaScript prints them, null and undefined as empty, true and false as words. */
export type CsvCell = string | number | boolean | null | undefined;

/**
 * A text field that a spreadsheet would run as a formula, guarded as OWASP's "CSV Injection" page advises: a field
 * starting with =, +, -, @, a tab or a carriage return gets a leading single quote, so it is read as text. Numbers are
 * written as numbers (a negative number is not a formula).
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The CSV of `header` and `rows`, every text field guarded (guardFormula), each record ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const field = (cell: CsvCell) =>
    cell === null || cell === undefined ? "" : typeof cell === "string" ? guardFormula(cell) : String(cell);
  return [header.map(field), ...rows.map((row) => row.map(field))].map((row) => `${csvFormatRow(row)}\r\n`).join("");
}
