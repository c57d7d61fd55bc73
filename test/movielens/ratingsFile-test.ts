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
    const shuffled = {...table, user: Uint32Array.of(1, 0, 1, 0), movie: Uint32Array.of(0, 1, 2, 0), rating2: Uint8Array.of(1, 2, 3, 4)};
    const decoded = decodeRatingsFile(encodeRatingsFile(shuffled).buffer as ArrayBuffer);
    expect(Array.from(decoded.user)).toEqual([0, 0, 1, 1]);
    expect(Array.from(decoded.movie)).toEqual([1, 0, 0, 2]);
    expect(Array.from(decoded.rating2)).toEqual([2, 4, 1, 3]);
  });
  it("rejects a file with another magic, and a truncated file", () => {
    const bytes = encodeRatingsFile(table);
    expect(() => decodeRatingsFile(new ArrayBuffer(40))).toThrowError(/Not a valid ratings file: bad magic/);
    expect(() => decodeRatingsFile(bytes.slice(0, bytes.length - 8).buffer)).toThrowError(/column movieIds is truncated/);
  });
});
