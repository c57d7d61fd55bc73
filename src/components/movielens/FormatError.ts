/**
 * An error in a MovieLens file of any format (`.dat`, `.csv`, `u.data`, `u.item`, `u.genre`, my ratings), located as
 * `file:line` with the offending text.
 */
export class FormatError extends Error {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly reason: string;
  constructor(file: string, line: number, reason: string, text = "") {
    const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    super(`${file}:${line}: ${reason}${text ? `\n  > ${shown}` : ""}`);
    this.name = "FormatError";
    this.file = file;
    this.line = line;
    this.reason = reason;
    this.text = text;
  }
}
