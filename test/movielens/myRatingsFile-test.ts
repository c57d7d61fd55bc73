import {describe, expect, it} from "vitest";
import {
  MY_USER_ID,
  MyRatingsFileError,
  formatMyRatings,
  parseMyRatings,
  parseMyRatingsFile
} from "../../src/components/movielens/myRatingsFile.js";

const mine = [
  {movieId: 1, rating: 4, timestamp: 1231200015},
  {movieId: 260, rating: 4.5, timestamp: 1231200100},
  {movieId: 65133, rating: 0.5, timestamp: 1231200200}
];

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw");
}

describe("MY_USER_ID", () => {
  it(
    "is the original notebook's user id for my ratings: the user every line is written as, " + "and the only one read",
    () => {
      const lines = formatMyRatings(mine).trimEnd().split("\n");
      expect(lines).toHaveLength(3);
      for (const line of lines) expect(line.split("::")[0]).toBe("99999");
      expect(Array.from(parseMyRatings(new TextEncoder().encode(formatMyRatings(mine))).userId)).toEqual([
        99999, 99999, 99999
      ]);
      // Another user's line, even the next id, is refused, naming the user it expected.
      expect(parseMyRatingsFile("99999::1::4::5")).toEqual([{movieId: 1, rating: 4, timestamp: 5}]);
      for (const other of [99998, 100000, 1]) {
        const error = thrown(() => parseMyRatingsFile(`${other}::1::4::5`)) as MyRatingsFileError;
        expect(error.problems).toEqual([
          {line: 1, reason: `expected user 99999, found user ${other}`, text: `${other}::1::4::5`}
        ]);
      }
      expect(MY_USER_ID).toBe(+formatMyRatings(mine.slice(0, 1)).split("::")[0]);
    }
  );
});

describe("formatMyRatings(ratings)", () => {
  it("writes the original's format: whole ratings as integers, half stars with .5, one line each", () => {
    expect(formatMyRatings(mine)).toBe(
      "99999::1::4::1231200015\n99999::260::4.5::1231200100\n99999::65133::0.5::1231200200\n"
    );
    expect(formatMyRatings([])).toBe("");
  });
  it("writes what the build's strict parser reads", () => {
    const columns = parseMyRatings(new TextEncoder().encode(formatMyRatings(mine)));
    expect(Array.from(columns.rating2)).toEqual([8, 9, 1]);
  });
  it("refuses ratings that would write an invalid line", () => {
    expect(() => formatMyRatings([{movieId: 1, rating: 4.25, timestamp: 0}])).toThrow(RangeError);
    expect(() => formatMyRatings([{movieId: 1, rating: 0, timestamp: 0}])).toThrow(/rating 0 is 0/);
    expect(() => formatMyRatings([{movieId: 1.5, rating: 4, timestamp: 0}])).toThrow(/movie id 1.5/);
    expect(() => formatMyRatings([{movieId: 1, rating: 4, timestamp: 1.5}])).toThrow(/timestamp 1.5/);
  });
});

describe("parseMyRatingsFile(text, {knownMovieIds, maxBytes, maxLines, file})", () => {
  it("round-trips what formatMyRatings wrote, as a string and as bytes", () => {
    const text = formatMyRatings(mine);
    expect(parseMyRatingsFile(text)).toEqual(mine);
    expect(parseMyRatingsFile(new TextEncoder().encode(text))).toEqual(mine);
    expect(parseMyRatingsFile("")).toEqual([]);
  });
  it("accepts CRLF endings, a missing final newline, trailing blank lines, a BOM and 4.0", () => {
    expect(parseMyRatingsFile("\ufeff99999::1::4.0::5\r\n99999::2::3.5::6\r\n\r\n")).toEqual([
      {movieId: 1, rating: 4, timestamp: 5},
      {movieId: 2, rating: 3.5, timestamp: 6}
    ]);
    expect(parseMyRatingsFile("99999::1::4::5")).toEqual([{movieId: 1, rating: 4, timestamp: 5}]);
  });
  it("keeps the last line of a movie rated twice, in that line's place", () => {
    expect(parseMyRatingsFile("99999::1::4::5\n99999::2::3::6\n99999::1::2::7\n")).toEqual([
      {movieId: 2, rating: 3, timestamp: 6},
      {movieId: 1, rating: 2, timestamp: 7}
    ]);
  });
  it("reports every invalid line with its number, and returns nothing", () => {
    const text = [
      "99999::1::4::5",
      "99999::2::6::5",
      "5::3::4::5",
      "99999::4::4",
      "",
      "99999::777::3::5",
      "99999::5::3.25::5",
      "99999::6::4::5"
    ].join("\n");
    const error = thrown(() => parseMyRatingsFile(text, {knownMovieIds: [1, 2, 3, 4, 5, 6], file: "mine.dat"}));
    expect(error).toBeInstanceOf(MyRatingsFileError);
    expect((error as MyRatingsFileError).problems.map((p) => [p.line, p.reason])).toEqual([
      [2, "rating 6 is outside 0.5–5"],
      [3, "expected user 99999, found user 5"],
      [4, 'expected 4 fields separated by "::" (UserID::MovieID::Rating::Timestamp), found 3'],
      [5, "empty line"],
      [6, "movie 777 is not in movies.dat"],
      [7, "rating 3.25 is not a multiple of 0.5"]
    ]);
    expect(error.message).toBe(
      [
        "mine.dat: 6 invalid lines; nothing was imported.",
        "mine.dat:2: rating 6 is outside 0.5–5\n  > 99999::2::6::5",
        "mine.dat:3: expected user 99999, found user 5\n  > 5::3::4::5",
        'mine.dat:4: expected 4 fields separated by "::" (UserID::MovieID::Rating::Timestamp), ' +
          "found 3\n  > 99999::4::4",
        "mine.dat:5: empty line",
        "mine.dat:6: movie 777 is not in movies.dat\n  > 99999::777::3::5",
        "mine.dat:7: rating 3.25 is not a multiple of 0.5\n  > 99999::5::3.25::5"
      ].join("\n")
    );
  });
  it("accepts any movie when knownMovieIds is not given, and a Set when it is", () => {
    expect(parseMyRatingsFile("99999::777::3::5")).toHaveLength(1);
    expect(() => parseMyRatingsFile("99999::777::3::5", {knownMovieIds: new Set([1])})).toThrow(
      /movie 777 is not in movies\.dat/
    ); // The refusal names the release's own movies file.
    expect(() => parseMyRatingsFile("99999::777::3::5", {knownMovieIds: [1], moviesFile: "movies.csv"})).toThrow(
      /movie 777 is not in movies\.csv/
    );
  });
  it("shows the first 20 invalid lines and counts the rest", () => {
    const error = thrown(() => parseMyRatingsFile("x\n".repeat(25))) as MyRatingsFileError;
    expect(error.problems).toHaveLength(25);
    expect(error.message).toMatch(/^my_ratings\.dat: 25 invalid lines; nothing was imported\.\n/);
    expect(error.message).toMatch(/my_ratings\.dat:20: expected 4 fields/);
    expect(error.message).not.toMatch(/my_ratings\.dat:21:/);
    expect(error.message).toMatch(/\n…and 5 more$/);
  });
  it("refuses files over the size or line caps before reading any line", () => {
    expect(() => parseMyRatingsFile("x".repeat(2_000_001))).toThrow(
      "my_ratings.dat is 2 MB; files over 1 MB are not imported."
    );
    expect(() => parseMyRatingsFile(new Uint8Array(1500), {maxBytes: 1000})).toThrow(
      "my_ratings.dat is 1.5 kB; files over 1 kB are not imported."
    );
    // Multi-byte characters count as the bytes they take in UTF-8.
    expect(() => parseMyRatingsFile("é".repeat(600), {maxBytes: 1000})).toThrow(/is 1.2 kB/);
    const lines = "99999::1::4::5\n".repeat(21);
    expect(() => parseMyRatingsFile(lines, {maxLines: 20})).toThrow(
      "my_ratings.dat has 21 lines; files over 20 lines are not imported."
    );
    expect(parseMyRatingsFile(lines + "\n\n", {maxLines: 21})).toHaveLength(1);
  });
});

describe("parseMyRatings(bytes, file)", () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  const rows = (r: ReturnType<typeof parseMyRatings>) =>
    Array.from(r.userId, (u, i) => [u, r.movieId[i], r.rating2[i] / 2, r.timestamp[i]]);
  it("parses the rating tool's lines for user 99999 into columns", () => {
    expect(rows(parseMyRatings(bytes("99999::1::4.5::1700000000\n99999::2::1::1700000001")))).toEqual([
      [99999, 1, 4.5, 1700000000],
      [99999, 2, 1, 1700000001]
    ]);
  });
  it("rejects another user's line, as the Rate page's import does", () => {
    expect(() => parseMyRatings(bytes("99999::1::4::1\n12::2::1::1\n"))).toThrowError(
      /\nmy_ratings\.dat:2: expected user 99999, found user 12\n {2}> 12::2::1::1$/
    );
  });
  it("gives no ratings for an empty file, as the Rate page's import does", () => {
    expect(parseMyRatings(bytes("")).userId.length).toBe(0);
    expect(parseMyRatings(bytes("\n\n")).userId.length).toBe(0);
  });
});
