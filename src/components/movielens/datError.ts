/** An error in a `.dat` file, located as `file:line` with the offending text. */
export class DatError extends Error {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly reason: string;
  constructor(file: string, line: number, reason: string, text = "") {
    const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    super(`${file}:${line}: ${reason}${text ? `\n  > ${shown}` : ""}`);
    this.name = "DatError";
    this.file = file;
    this.line = line;
    this.reason = reason;
    this.text = text;
  }
}
