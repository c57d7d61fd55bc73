import {describe, expect, it} from "vitest";
import {datasetFingerprint, fnv1a} from "../../src/components/movielens/datasetFingerprint.js";

const table = () => ({
  user: Uint32Array.of(0, 1, 1),
  movie: Uint32Array.of(0, 0, 1),
  rating2: Uint8Array.of(8, 6, 10),
  userIds: Int32Array.of(5, 9),
  movieIds: Int32Array.of(1, 3)
});

describe("fnv1a(bytes, hash)", () => {
  it("computes FNV-1a 32", () => {
    expect(fnv1a(new Uint8Array())).toBe(0x811c9dc5);
    expect(fnv1a(new TextEncoder().encode("a"))).toBe(0xe40c292c);
    expect(fnv1a(new TextEncoder().encode("foobar"))).toBe(0xbf9cf968);
  });
});

describe("datasetFingerprint(table)", () => {
  it("is the same for the same table and changes with ids, ratings or size", () => {
    const a = datasetFingerprint(table());
    expect(datasetFingerprint(table())).toBe(a);
    expect(a).toMatch(/^fnv1a32:[0-9a-f]{8}:3$/);
    const t1 = table();
    t1.rating2[2] = 9;
    expect(datasetFingerprint(t1)).not.toBe(a);
    const t2 = table();
    t2.movieIds[1] = 4;
    expect(datasetFingerprint(t2)).not.toBe(a);
    const t3 = table();
    expect(
      datasetFingerprint({
        ...t3,
        user: t3.user.subarray(0, 2),
        movie: t3.movie.subarray(0, 2),
        rating2: t3.rating2.subarray(0, 2)
      })
    ).not.toBe(a);
  });
});
