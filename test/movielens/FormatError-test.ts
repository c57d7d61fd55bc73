import {describe, expect, it} from "vitest";
import {FormatError} from "../../src/components/movielens/FormatError.js";

describe("new FormatError(file, line, reason, text)", () => {
  it("reads as file:line: reason, then the offending text quoted on its own line", () => {
    const error = new FormatError("ratings.dat", 12, "rating 7 is outside 0.5–5", "1::2::7::3");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("FormatError");
    expect(error.message).toBe("ratings.dat:12: rating 7 is outside 0.5–5\n  > 1::2::7::3");
    expect([error.file, error.line, error.reason, error.text]).toEqual([
      "ratings.dat",
      12,
      "rating 7 is outside 0.5–5",
      "1::2::7::3"
    ]);
  });

  it("omits the quote when there is no text", () => {
    const error = new FormatError("movies.dat", 1, "empty file: no movies");
    expect(error.message).toBe("movies.dat:1: empty file: no movies");
    expect(error.text).toBe("");
  });

  it("clips a long line to 200 characters in the message, and keeps it whole in `text`", () => {
    const text = "x".repeat(250);
    const error = new FormatError("movies.dat", 3, "malformed line", text);
    expect(error.message).toBe(`movies.dat:3: malformed line\n  > ${"x".repeat(200)}…`);
    expect(error.text).toBe(text);
    expect(new FormatError("f", 1, "r", "y".repeat(200)).message).toBe(`f:1: r\n  > ${"y".repeat(200)}`);
  });
});
