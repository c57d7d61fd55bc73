const LF = 10;
const CR = 13;

/** Yields each line of a byte buffer without its line ending (LF or CRLF), with 1-based line numbers. */
export function* splitLines(bytes: Uint8Array): Generator<[line: Uint8Array, number: number]> {
  let start = 0;
  let number = 0;
  const n = bytes.length;
  while (start < n) {
    let end = bytes.indexOf(LF, start);
    const next = end < 0 ? n : end + 1;
    if (end < 0) end = n;
    if (end > start && bytes[end - 1] === CR) --end;
    yield [bytes.subarray(start, end), ++number];
    start = next;
  }
}
