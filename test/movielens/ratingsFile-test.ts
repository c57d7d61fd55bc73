import {describe, expect, it} from "vitest";
import {decodeRatingsFile, encodeRatingsFile} from "../../src/components/movielens/ratingsFile.js";

const table = {
  user: Uint32Array.of(0, 1, 1),
  movie: Uint32Array.of(2, 0, 1),
  rating2: Uint8Array.of(8, 5, 10),
  userIds: Int32Array.of(7, 99999),
  movieIds: Int32Array.of(50, 10, 30)
};

describe("encodeRatingsFile(table, meta) and decodeRatingsFile(buffer)", () => {
  it("round-trips every column, narrowing movie indexes to 16 bits", () => {
    const bytes = encodeRatingsFile(table, {dataset: "test"});
    const decoded = decodeRatingsFile(bytes.buffer as ArrayBuffer);
    expect(decoded.movie).toBeInstanceOf(Uint16Array);
    expect(Array.from(decoded.movie)).toEqual([2, 0, 1]);
    expect(decoded.user).toEqual(table.user);
    expect(decoded.rating2).toEqual(table.rating2);
    expect(decoded.userIds).toEqual(table.userIds);
    expect(decoded.movieIds).toEqual(table.movieIds);
    expect(decoded.header).toMatchObject({version: 1, rows: 3, users: 2, movies: 3, meta: {dataset: "test"}});
  });
  it("groups rows by user, keeping each user's rows in order", () => {
    const shuffled = {
      ...table,
      user: Uint32Array.of(1, 0, 1, 0),
      movie: Uint32Array.of(0, 1, 2, 0),
      rating2: Uint8Array.of(1, 2, 3, 4)
    };
    const decoded = decodeRatingsFile(encodeRatingsFile(shuffled).buffer as ArrayBuffer);
    expect(Array.from(decoded.user)).toEqual([0, 0, 1, 1]);
    expect(Array.from(decoded.movie)).toEqual([1, 0, 0, 2]);
    expect(Array.from(decoded.rating2)).toEqual([2, 4, 1, 3]);
  });
  it("marks each user's latest 20% by timestamp when given timestamps, one bit per row, in the grouped order", () => {
    // User 0 rates 10 movies (2 held out: the latest two), user 1 rates 4 (none: ⌊0.8⌋ = 0); rows interleaved.
    const user = Uint32Array.from({length: 14}, (_, i) => (i % 7 === 3 || i % 7 === 6 ? 1 : 0));
    const timestamp = Int32Array.from({length: 14}, (_, i) => 1000 - i * (i % 2 ? 1 : -1));
    const t = {
      user,
      movie: new Uint32Array(14),
      rating2: new Uint8Array(14).fill(8),
      userIds: Int32Array.of(1, 2),
      movieIds: Int32Array.of(5),
      timestamp
    };
    const decoded = decodeRatingsFile(encodeRatingsFile(t).buffer as ArrayBuffer);
    const rowsOf0 = [...user.keys()].filter((i) => user[i] === 0);
    const latest = [...rowsOf0].sort((a, b) => timestamp[b] - timestamp[a]).slice(0, 2);
    expect(Array.from(decoded.latest!)).toEqual([...rowsOf0.map((i) => +latest.includes(i)), 0, 0, 0, 0]);
    expect(decodeRatingsFile(encodeRatingsFile(decoded).buffer as ArrayBuffer).latest).toEqual(decoded.latest);
    expect(decodeRatingsFile(encodeRatingsFile(table).buffer as ArrayBuffer).latest).toBeUndefined();
  });
  it("rejects a file with another magic, and a truncated file", () => {
    const bytes = encodeRatingsFile(table);
    expect(() => decodeRatingsFile(new ArrayBuffer(40))).toThrowError(/Not a valid ratings file: bad magic/);
    expect(() => decodeRatingsFile(bytes.slice(0, bytes.length - 8).buffer)).toThrowError(
      /column movieIds is truncated/
    );
  });
});
