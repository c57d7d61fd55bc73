import {FormatError} from "./FormatError.js";

const UTF8 = new TextDecoder("utf-8", {fatal: true});

/** Where a file's text starts: past a UTF-8 byte-order mark (EF BB BF), as some Windows editors write one; else 0. */
export function textStart(bytes: Uint8Array): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

const SAVE_AS_UTF8 = "save it as UTF-8 (in Notepad: File → Save as → Encoding: UTF-8) and try again";

/**
 * Refuses a file whose first bytes show it is not UTF-8 or ASCII text, with a FormatError that names the encoding and
 * the fix: UTF-16 (a byte-order mark FF FE or FE FF, or NUL bytes between the characters, as Windows' "Unicode"
 * writes) and UTF-32. `head` is the start of the file; a few hundred bytes are enough.
 */
export function checkTextEncoding(head: Uint8Array, file: string): void {
  const [a, b, c, d] = head;
  if ((a === 0xff && b === 0xfe && c === 0 && d === 0) || (a === 0 && b === 0 && c === 0xfe && d === 0xff)) {
    throw new FormatError(file, 1, `the file is UTF-32 text, which cannot be read; ${SAVE_AS_UTF8}`);
  }
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
    throw new FormatError(
      file,
      1,
      `the file is UTF-16 text (${a === 0xff ? "little" : "big"}-endian, as Windows' "Unicode" saves), ` +
        `which cannot be read; ${SAVE_AS_UTF8}`
    );
  }
  const sample = head.subarray(0, 512);
  const nul = sample.indexOf(0);
  if (nul >= 0) {
    const alternate =
      sample.length >= 4 && sample.filter((x, i) => i % 2 === nul % 2 && x === 0).length * 2 >= sample.length * 0.8;
    throw new FormatError(
      file,
      1,
      alternate
        ? `the file looks like UTF-16 text without a byte-order mark (every other byte is 0), ` +
            `which cannot be read; ${SAVE_AS_UTF8}`
        : `the file holds NUL bytes, so it is not text: is it the right file? If it is text, ${SAVE_AS_UTF8}`
    );
  }
}

/** Why bytes are not UTF-8 text ("byte 0xE9 at column 12 is not UTF-8"), or null when they are. */
export function utf8Problem(bytes: Uint8Array): string | null {
  try {
    UTF8.decode(bytes);
    return null;
  } catch {
    // Find the first byte where decoding fails: the shortest prefix that does not decode ends inside a bad sequence.
    for (let i = 0; i < bytes.length; ++i) {
      if (bytes[i] < 0x80) continue;
      const end = Math.min(bytes.length, i + 4);
      let ok = false;
      for (let j = i + 2; j <= end && !ok; ++j) {
        try {
          UTF8.decode(bytes.subarray(i, j));
          ok = true;
          i = j - 1;
        } catch {
          // keep trying a longer sequence
        }
      }
      if (!ok)
        return (
          `byte 0x${bytes[i].toString(16).toUpperCase().padStart(2, "0")} at column ${i + 1} is not UTF-8 (the file ` +
          `may be in Latin-1 or Windows-1252)`
        );
    }
    return "the line is not UTF-8";
  }
}

/** The reason for a line that is not UTF-8: it names the encoding problem and the fix. */
export function notUtf8Reason(problem: string): string {
  return `not UTF-8 text: ${problem}; ${SAVE_AS_UTF8}`;
}
