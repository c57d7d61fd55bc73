import {describe, expect, it} from "vitest";
import {FormatError} from "../../src/components/movielens/FormatError.js";
import {checkTextEncoding, notUtf8Reason, textStart, utf8Problem} from "../../src/components/movielens/textEncoding.js";

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

/** The FormatError checkTextEncoding throws for `head`, or null when it accepts it. */
const refusal = (head: Uint8Array, file = "f"): FormatError | null => {
  try {
    checkTextEncoding(head, file);
  } catch (error) {
    return error as FormatError;
  }
  return null;
};

describe("textStart(bytes)", () => {
  it("skips a UTF-8 byte-order mark, and nothing else", () => {
    expect(textStart(bytes(0xef, 0xbb, 0xbf, 0x31))).toBe(3);
    expect(textStart(bytes(0xef, 0xbb, 0xbf))).toBe(3);
    expect(textStart(utf8("1::2"))).toBe(0);
    expect(textStart(bytes(0xef, 0xbb))).toBe(0);
    expect(textStart(bytes(0xff, 0xfe, 0x31, 0))).toBe(0);
    expect(textStart(bytes())).toBe(0);
  });
});

describe("checkTextEncoding(head, file)", () => {
  it("accepts ASCII, UTF-8, Latin-1 and a UTF-8 byte-order mark", () => {
    const heads = [
      utf8("1::Toy Story (1995)::Animation\n"),
      utf8("1::Café::Drama\r\n"),
      bytes(0x31, 0x3a, 0x3a, 0xe9),
      bytes(0xef, 0xbb, 0xbf, 0x31),
      bytes()
    ];
    expect(heads.map((head) => refusal(head, "movies.dat"))).toEqual([null, null, null, null, null]);
  });

  it("refuses UTF-16 with a byte-order mark at line 1, naming the byte order and the fix", () => {
    const little = refusal(bytes(0xff, 0xfe, 0x31, 0x00), "my_ratings.dat")!;
    expect(little).toBeInstanceOf(FormatError);
    expect([little.file, little.line]).toEqual(["my_ratings.dat", 1]);
    expect(little.message).toBe(
      `my_ratings.dat:1: the file is UTF-16 text (little-endian, as Windows' "Unicode" saves), which cannot be read; ` +
        `save it as UTF-8 (in Notepad: File → Save as → Encoding: UTF-8) and try again`
    );
    expect(refusal(bytes(0xfe, 0xff, 0x00, 0x31))?.reason).toMatch(/^the file is UTF-16 text \(big-endian/);
  });

  it("refuses UTF-32, whose little-endian mark starts like UTF-16's", () => {
    expect(refusal(bytes(0xff, 0xfe, 0, 0, 0x31, 0, 0, 0))?.reason).toMatch(
      /^the file is UTF-32 text, which cannot be read; save it as UTF-8/
    );
    expect(refusal(bytes(0, 0, 0xfe, 0xff))?.reason).toMatch(/^the file is UTF-32 text/);
  });

  it("tells UTF-16 without a byte-order mark (every other byte 0) from a file that merely holds NUL bytes", () => {
    const utf16 = Uint8Array.from([...utf8("1::2::3::4\n")].flatMap((b) => [b, 0]));
    expect(refusal(utf16)?.reason).toMatch(
      /^the file looks like UTF-16 text without a byte-order mark \(every other byte is 0\)/
    );
    expect(refusal(utf8("1::2::3::4\n\0\n5::6::7::8\n"))?.reason).toMatch(
      /^the file holds NUL bytes, so it is not text: is it the right file\?/
    );
  });
});

describe("utf8Problem(bytes)", () => {
  it("is null for UTF-8", () => {
    expect(utf8Problem(utf8("Amélie (2001) 七人の侍"))).toBeNull();
    expect(utf8Problem(bytes())).toBeNull();
  });

  it("names the first byte that is not UTF-8 and its 1-based column, after valid multi-byte characters", () => {
    expect(utf8Problem(bytes(0x43, 0x61, 0x66, 0xe9))).toBe(
      "byte 0xE9 at column 4 is not UTF-8 (the file may be in Latin-1 or Windows-1252)"
    );
    // "é" in UTF-8 (two bytes) then a Latin-1 "é": the second one is at column 4.
    expect(utf8Problem(bytes(0xc3, 0xa9, 0x20, 0xe9, 0x20))).toBe(
      "byte 0xE9 at column 4 is not UTF-8 (the file may be in Latin-1 or Windows-1252)"
    );
    expect(utf8Problem(bytes(0x80))).toBe(
      "byte 0x80 at column 1 is not UTF-8 (the file may be in Latin-1 or Windows-1252)"
    );
  });
});

describe("notUtf8Reason(problem)", () => {
  it("wraps the problem with the fix", () => {
    expect(notUtf8Reason("byte 0xE9 at column 4 is not UTF-8")).toBe(
      "not UTF-8 text: byte 0xE9 at column 4 is not UTF-8; save it as UTF-8 (in Notepad: File → Save " +
        "as → Encoding: UTF-8) and try again"
    );
  });
});
