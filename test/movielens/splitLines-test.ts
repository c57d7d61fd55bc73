import {describe, expect, it} from "vitest";
import {splitLines} from "../../src/components/movielens/splitLines.js";

const lines = (text: string) =>
  [...splitLines(new TextEncoder().encode(text))].map(([line, n]) => [new TextDecoder().decode(line), n]);

describe("splitLines(bytes)", () => {
  it("yields each line without its LF or CRLF ending, numbered from 1", () => {
    expect(lines("a::b\nc::d\r\ne\n")).toEqual([
      ["a::b", 1],
      ["c::d", 2],
      ["e", 3]
    ]);
  });

  it("yields a last line that has no newline, and nothing for the end of a file that has one", () => {
    expect(lines("a\nb")).toEqual([
      ["a", 1],
      ["b", 2]
    ]);
    expect(lines("a\n")).toEqual([["a", 1]]);
    expect(lines("")).toEqual([]);
  });

  it("yields blank lines as empty, whether LF or CRLF, so a reader can number them", () => {
    expect(lines("\n\r\nx\n\n")).toEqual([
      ["", 1],
      ["", 2],
      ["x", 3],
      ["", 4]
    ]);
  });

  it("leaves a lone CR inside a line, and takes only the CR just before LF as part of the ending", () => {
    expect(lines("a\rb\r\r\n")).toEqual([["a\rb\r", 1]]);
    expect(lines("a\r")).toEqual([["a", 1]]);
  });

  it("gives views into the bytes, not copies", () => {
    const bytes = new TextEncoder().encode("ab\ncd");
    const [[first], [second]] = [...splitLines(bytes)];
    expect(first.buffer).toBe(bytes.buffer);
    expect([first.byteOffset, first.length, second.byteOffset, second.length]).toEqual([0, 2, 3, 2]);
  });
});
