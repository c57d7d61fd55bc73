import {FormatError} from "./FormatError.js";
import {decodeLine} from "./decodeLine.js";
import {splitLines} from "./splitLines.js";

/**
 * Parses ML-100K's `u.genre` ("A list of the genres": `name|index` lines, indexes 0, 1, 2… in order, blank lines at
 * the end) into the genre names in u.item's flag order, throwing a `file:line` FormatError on a malformed line.
 */
export function parseUGenre(bytes: Uint8Array, file = "u.genre"): string[] {
  const names: string[] = [];
  let blank = 0;
  for (const [raw, number] of splitLines(bytes)) {
    const text = decodeLine(raw);
    if (text === "") {
      blank ||= number;
      continue;
    }
    if (blank) throw new FormatError(file, blank, "empty line");
    const fields = text.split("|");
    if (fields.length !== 2 || fields[0] === "")
      throw new FormatError(file, number, `expected "name|index", found ${JSON.stringify(text)}`, text);
    if (fields[1] !== String(names.length))
      throw new FormatError(file, number, `expected index ${names.length}, found ${JSON.stringify(fields[1])}`, text);
    names.push(fields[0]);
  }
  if (names.length === 0) throw new FormatError(file, 1, "empty file: no genres");
  return names;
}
