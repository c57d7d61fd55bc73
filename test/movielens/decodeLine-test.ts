import {describe, expect, it} from "vitest";
import {decodeLine} from "../../src/components/movielens/decodeLine.js";

describe("decodeLine(bytes)", () => {
  it("decodes UTF-8", () => {
    expect(decodeLine(new TextEncoder().encode("1::Café (1995)::Drama"))).toBe("1::Café (1995)::Drama");
    expect(decodeLine(new TextEncoder().encode("2::Shichinin no samurai (七人の侍) (1954)::Drama"))).toBe(
      "2::Shichinin no samurai (七人の侍) (1954)::Drama"
    );
    expect(decodeLine(new Uint8Array())).toBe("");
  });

  it("falls back to Latin-1 for a line that is not valid UTF-8, as older MovieLens releases are", () => {
    // "Café" and "Señor" in Latin-1: 0xE9 and 0xF1 stand alone, which UTF-8 forbids.
    expect(decodeLine(Uint8Array.from([0x43, 0x61, 0x66, 0xe9]))).toBe("Café");
    expect(decodeLine(Uint8Array.from([0x53, 0x65, 0xf1, 0x6f, 0x72]))).toBe("Señor");
  });

  it("decodes a whole line the same way: one Latin-1 byte makes the whole line Latin-1", () => {
    // UTF-8 "é" (C3 A9) next to a Latin-1 "é" (E9): the line is not UTF-8, so both are read as Latin-1.
    expect(decodeLine(Uint8Array.from([0xc3, 0xa9, 0x20, 0xe9]))).toBe("Ã© é");
  });

  it(
    "drops a UTF-8 byte-order mark that starts a UTF-8 line, as TextDecoder does, " + "but not one in a Latin-1 line",
    () => {
      expect(decodeLine(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toBe("a");
      expect(decodeLine(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0xe9]))).toBe("ï»¿aé");
    }
  );
});
