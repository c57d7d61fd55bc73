import {describe, expect, it} from "vitest";
import {CHUNK_BYTES, chunkKeys, joinValue, splitValue} from "../../src/components/browser/chunkedValue.js";

const ramp = (n: number) => Float32Array.from({length: n}, (_, i) => i / 7);

describe("splitValue, joinValue, chunkKeys", () => {
  it("splits every buffer over CHUNK_BYTES into chunks of at most that, and joins them back exactly", () => {
    const value = {
      info: {name: "m", savedAt: "now"},
      bytes: ramp(50_000).buffer, // 200 kB
      ranker: {factors: 8, userFactors: ramp(20_000), movieFactors: ramp(100)},
      list: [Int32Array.of(1, 2, 3), new Uint8Array(CHUNK_BYTES + 1)]
    };
    const {value: small, chunks} = splitValue(value);
    // Only the buffers over the limit went: the small ones stay in the record.
    expect((small as {ranker: {movieFactors: Float32Array}}).ranker.movieFactors).toEqual(ramp(100));
    expect((small as {list: unknown[]}).list[0]).toEqual(Int32Array.of(1, 2, 3));
    expect(chunks.every(([, bytes]) => bytes.byteLength <= CHUNK_BYTES)).toBe(true);
    expect(chunks.length).toBe(Math.ceil(200_000 / CHUNK_BYTES) + Math.ceil(80_000 / CHUNK_BYTES) + 2);
    expect(chunkKeys(small).sort()).toEqual(chunks.map(([k]) => k).sort());
    // The record is small: structured-cloning it moves no large buffer.
    expect(JSON.stringify(small).length).toBeLessThan(CHUNK_BYTES);
    const joined = joinValue(structuredClone(small), new Map(chunks)) as typeof value;
    expect(joined).toEqual(value);
    expect(joined.bytes).toBeInstanceOf(ArrayBuffer);
    expect(joined.ranker.userFactors).toBeInstanceOf(Float32Array);
  });

  it("splits a value that is itself a buffer, gives fresh keys to each write, and keeps what has no buffer", () => {
    const a = splitValue(ramp(20_000).buffer),
      b = splitValue(ramp(20_000).buffer);
    expect(chunkKeys(a.value)).toHaveLength(3);
    expect(chunkKeys(a.value).filter((k) => chunkKeys(b.value).includes(k))).toEqual([]);
    expect(joinValue(a.value, new Map(a.chunks))).toEqual(ramp(20_000).buffer);
    const plain = {n: 1, s: "x", d: null, when: new Date(0)};
    expect(splitValue(plain)).toEqual({value: plain, chunks: []});
    expect(chunkKeys(plain)).toEqual([]);
  });

  it("says which chunk is missing, rather than give back a value with a hole", () => {
    const {value, chunks} = splitValue({bytes: ramp(20_000)});
    expect(() => joinValue(value, new Map(chunks.slice(1)))).toThrow(/joinValue: chunk chunk:.* is missing/);
  });
});
