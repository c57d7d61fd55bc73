// One table of byte inputs, run against every reader of my_ratings.dat and ratings.dat: the build's loaders
// (readDataset), the browser's import of a zip (importMovieLens) and the Rate page's import (parseMyRatingsFile).
// They must accept and refuse exactly the same bytes, with the same messages.
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {zipSync} from "fflate";
import {describe, expect, it} from "vitest";
import {importMovieLens} from "../src/components/movielens/importMovieLens.js";
import {parseMyRatingsFile} from "../src/components/movielens/myRatingsFile.js";
import {resolveDataset} from "../src/data/dataset.js";
import {readDataset} from "../src/data/readDataset.js";

const text = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...text(p)] : p)));
const BOM = [0xef, 0xbb, 0xbf];
const utf16le = (s: string, bom = true) =>
  Uint8Array.from([...(bom ? [0xff, 0xfe] : []), ...[...s].flatMap((c) => [c.charCodeAt(0), 0])]);

const MOVIES = readFileSync("test/fixtures/movies.dat");
const RATINGS = readFileSync("test/fixtures/ratings.dat");

/** What a reader made of a file: my ratings as [movieId, rating] pairs, or its error message. */
type Outcome = {ratings: [number, number][]} | {error: string};

async function outcome(read: () => Promise<[number, number][]>): Promise<Outcome> {
  try {
    return {ratings: await read()};
  } catch (error) {
    return {error: (error as Error).message};
  }
}

/** The three readers, each given the same my_ratings.dat (and, optionally, ratings.dat) bytes. */
const readers = {
  async build(mine: Uint8Array, ratings: Uint8Array = RATINGS): Promise<[number, number][]> {
    const dir = mkdtempSync(join(tmpdir(), "readers-test-"));
    writeFileSync(join(dir, "movies.dat"), MOVIES);
    writeFileSync(join(dir, "ratings.dat"), ratings);
    writeFileSync(join(dir, "my_ratings.dat"), mine);
    const dataset = await resolveDataset({env: {MOVIELENS_DIR: dir}});
    const {ratings: r} = await readDataset(dataset, () => {}, {cacheDir: null});
    const me = Array.from(r.userIds).indexOf(99999);
    const out: [number, number][] = [];
    for (let i = 0; i < r.user.length; ++i) if (r.user[i] === me) out.push([r.movieIds[r.movie[i]], r.rating2[i] / 2]);
    return out;
  },
  async zip(mine: Uint8Array, ratings: Uint8Array = RATINGS): Promise<[number, number][]> {
    const zip = zipSync({
      "ml-10M100K/movies.dat": MOVIES,
      "ml-10M100K/ratings.dat": ratings,
      "ml-10M100K/my_ratings.dat": mine
    });
    const artifacts = await importMovieLens(zip);
    return artifacts.summary.myRatings.map((r) => [r.movieId, r.rating]);
  },
  async ratePage(mine: Uint8Array): Promise<[number, number][]> {
    // The Rate page imports the ratings of movies this dataset knows, as the build and the zip import keep them.
    const known = new Set([1, 2, 32, 50, 8606]);
    return parseMyRatingsFile(mine, {file: "my_ratings.dat"})
      .filter((r) => known.has(r.movieId))
      .map((r) => [r.movieId, r.rating]);
  }
};

const CASES: {name: string; mine: Uint8Array; expected: Outcome | RegExp}[] = [
  {
    name: "plain lines",
    mine: bytes("99999::32::5::1700000000\n99999::50::4.5::1700000001\n"),
    expected: {
      ratings: [
        [32, 5],
        [50, 4.5]
      ]
    }
  },
  {
    name: "a UTF-8 byte-order mark, as some Windows editors save",
    mine: bytes(BOM, "99999::32::5::1700000000\r\n99999::50::4.5::1700000001\r\n"),
    expected: {
      ratings: [
        [32, 5],
        [50, 4.5]
      ]
    }
  },
  {
    name: "CRLF, no final newline",
    mine: bytes("99999::32::5::1700000000\r\n99999::50::4.0::1700000001"),
    expected: {
      ratings: [
        [32, 5],
        [50, 4]
      ]
    }
  },
  {name: "blank lines at the end", mine: bytes("99999::32::5::1700000000\n\n\r\n"), expected: {ratings: [[32, 5]]}},
  {name: "an empty file", mine: bytes(""), expected: {ratings: []}},
  {name: "a BOM and nothing else", mine: bytes(BOM), expected: {ratings: []}},
  {
    name: "a movie rated twice: the last line wins",
    mine: bytes("99999::32::5::1\n99999::50::3::2\n99999::32::2::3\n"),
    expected: {
      ratings: [
        [50, 3],
        [32, 2]
      ]
    }
  },
  {
    name: "a movie this dataset lacks is left out",
    mine: bytes("99999::32::5::1\n99999::777::3::2\n"),
    expected: {ratings: [[32, 5]]}
  },
  {
    name: "UTF-16 with a byte-order mark (Windows' “Unicode”)",
    mine: utf16le("99999::32::5::1700000000\r\n"),
    expected: /^my_ratings\.dat:1: the file is UTF-16 text \(little-endian.*save it as UTF-8/
  },
  {
    name: "UTF-16 without a byte-order mark",
    mine: utf16le("99999::32::5::1700000000\r\n", false),
    expected: /^my_ratings\.dat:1: the file looks like UTF-16 text without a byte-order mark.*save it as UTF-8/
  },
  {
    name: "a Latin-1 byte in a line",
    mine: bytes("99999::32::5::1700000000\n99999::50::4", [0xe9], "::1700000001\n"),
    expected: /my_ratings\.dat:2: not UTF-8 text: byte 0xE9 at column 13 is not UTF-8.*save it as UTF-8/
  },
  {
    name: "another user's line",
    mine: bytes("99999::32::5::1\n12::50::4::2\n"),
    expected: /my_ratings\.dat:2: expected user 99999, found user 12\n {2}> 12::50::4::2/
  },
  {
    name: "an id too large",
    mine: bytes("99999::1234567890::5::1\n"),
    expected: /my_ratings\.dat:1: movie id 1234567890 is too large: ids have at most 9 digits/
  },
  {
    name: "a blank line in the middle",
    mine: bytes("99999::32::5::1\n\n99999::50::4::2\n"),
    expected: /my_ratings\.dat:2: empty line/
  },
  {
    name: "a quarter star",
    mine: bytes("99999::32::4.25::1\n"),
    expected: /my_ratings\.dat:1: rating 4\.25 is not a multiple of 0\.5/
  }
];

describe(
  "my_ratings.dat: the build, the zip import and the Rate page's import " + "read the same bytes the same way",
  () => {
    for (const {name, mine, expected} of CASES) {
      it(name, async () => {
        const outcomes = {
          build: await outcome(() => readers.build(mine)),
          zip: await outcome(() => readers.zip(mine)),
          ratePage: await outcome(() => readers.ratePage(mine))
        };
        if (expected instanceof RegExp) {
          expect("error" in outcomes.build ? outcomes.build.error : outcomes.build).toMatch(expected);
        } else {
          expect(outcomes.build).toEqual(expected);
        }
        expect(outcomes.zip).toEqual(outcomes.build);
        expect(outcomes.ratePage).toEqual(outcomes.build);
      });
    }
  }
);

describe("ratings.dat: the build and the zip import read the same bytes the same way", () => {
  const mine = bytes("99999::32::5::1\n");
  for (const {name, ratings, expected} of [
    {
      name: "a UTF-8 byte-order mark",
      ratings: bytes(BOM, "2::1::3.5::1200000171\r\n2::2::0.5::1200000200\r\n"),
      expected: null
    },
    {
      name: "UTF-16",
      ratings: utf16le("2::1::3.5::1200000171\r\n"),
      expected: /^ratings\.dat:1: the file is UTF-16 text.*save it as UTF-8/
    },
    {
      name: "a user id too large",
      ratings: bytes("2::1::3.5::1\n12345678901::1::3::1\n"),
      expected: /^ratings\.dat:2: user id 12345678901 is too large/
    }
  ]) {
    it(name, async () => {
      const build = await outcome(() => readers.build(mine, ratings));
      const zip = await outcome(() => readers.zip(mine, ratings));
      if (expected) expect("error" in build ? build.error : build).toMatch(expected);
      else expect(build).toEqual({ratings: [[32, 5]]});
      expect(zip).toEqual(build);
    });
  }
});
