import * as tf from "@tensorflow/tfjs";
import {describe, expect, it} from "vitest";
import {TABLES, buildModel} from "../../src/components/engine/buildModel.js";
import {encodeCheckpoint} from "../../src/components/engine/checkpoint.js";
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_MAGIC,
  CHECKPOINT_VERSION,
  GROUPS,
  corrupt,
  decodeCheckpoint,
  encodeCheckpointBytes
} from "../../src/components/model/checkpointFormat.js";
import type {CheckpointHeader} from "../../src/components/model/checkpointFormat.js";
import {fnv1a} from "../../src/components/movielens/datasetFingerprint.js";
import {useBackend} from "../support/tf.js";

const header: Omit<CheckpointHeader, "blobs"> = {
  format: CHECKPOINT_FORMAT,
  version: CHECKPOINT_VERSION,
  savedAt: "2024-01-01T00:00:00.000Z",
  model: {users: 1, movies: 3, factors: 1, yRange: [0, 5.5]},
  adamStep: 7,
  training: null,
  dataset: {fingerprint: "f", rows: 3, myRatings: [[1, 9]]}
};
const arrays: [string, Float32Array | Int32Array][] = [
  ["weights.movieBias", Float32Array.of(0.5, -1.25, 3)],
  ["movieIds", Int32Array.of(1, 2, 65133)],
  ["weights.userBias", Float32Array.of(2)]
];
const encoded = encodeCheckpointBytes(header, arrays);

/** The bytes with a new FNV-1a checksum, so that a test reaches the checks after it. */
function sealed(bytes: Uint8Array): Uint8Array {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(
    bytes.length - 4,
    fnv1a(bytes.subarray(0, bytes.length - 4)),
    true
  );
  return bytes;
}
/** A checkpoint whose JSON header is `json`, with no tables. */
function withHeader(json: string): Uint8Array {
  const text = new TextEncoder().encode(json);
  const bytes = new Uint8Array(((12 + text.length + 3) & ~3) + 4);
  bytes.set(new TextEncoder().encode(CHECKPOINT_MAGIC));
  new DataView(bytes.buffer).setUint32(8, text.length, true);
  bytes.set(text, 12);
  return sealed(bytes);
}

describe("encodeCheckpointBytes(header, arrays)", () => {
  it("lays out the magic, the JSON header's length and text, the arrays at 4-byte places, and a checksum", () => {
    expect(new TextDecoder().decode(encoded.subarray(0, 8))).toBe("MLCKPT01");
    const view = new DataView(encoded.buffer);
    const jsonLength = view.getUint32(8, true);
    const json = JSON.parse(new TextDecoder().decode(encoded.subarray(12, 12 + jsonLength)));
    expect(json.blobs).toEqual([
      {name: "weights.movieBias", type: "f32", offset: 0, length: 3},
      {name: "movieIds", type: "i32", offset: 12, length: 3},
      {name: "weights.userBias", type: "f32", offset: 24, length: 1}
    ]);
    const base = (12 + jsonLength + 3) & ~3;
    expect(encoded.length).toBe(base + 28 + 4);
    expect(view.getInt32(base + 20, true)).toBe(65133);
    expect(view.getUint32(encoded.length - 4, true)).toBe(fnv1a(encoded.subarray(0, encoded.length - 4)));
  });

  it("writes only the part of an array a view shows", () => {
    const whole = Float32Array.of(9, 1, 2, 9);
    const {arrays: decoded} = decodeCheckpoint(encodeCheckpointBytes(header, [["x", whole.subarray(1, 3)]]));
    expect(decoded.get("x")).toEqual(Float32Array.of(1, 2));
  });
});

describe("decodeCheckpoint(bytes)", () => {
  it("reads back the header and every array, by name and type", () => {
    const {header: read, arrays: decoded} = decodeCheckpoint(encoded);
    expect(read).toEqual({...header, blobs: expect.any(Array)});
    expect([...decoded.keys()]).toEqual(["weights.movieBias", "movieIds", "weights.userBias"]);
    expect(decoded.get("weights.movieBias")).toEqual(Float32Array.of(0.5, -1.25, 3));
    expect(decoded.get("movieIds")).toEqual(Int32Array.of(1, 2, 65133));
  });

  it("reads a checkpoint that is a view into a larger buffer, into arrays of their own", () => {
    const padded = new Uint8Array(encoded.length + 3);
    padded.set(encoded, 1);
    const decoded = decodeCheckpoint(padded.subarray(1, 1 + encoded.length)).arrays.get("weights.userBias")!;
    expect(decoded).toEqual(Float32Array.of(2));
    expect(decoded.buffer).not.toBe(padded.buffer);
    expect(decoded.byteOffset).toBe(0);
  });

  it("says that a file which does not start with the magic is not a checkpoint", () => {
    for (const bytes of [
      new TextEncoder().encode("userId,movieId\n1,2\n"),
      new Uint8Array(0),
      encoded.subarray(0, 7)
    ]) {
      expect(() => decodeCheckpoint(bytes)).toThrow(
        "This file is not a checkpoint of this workbook (it does not start with MLCKPT01): " +
          "choose a .ckpt file downloaded from Save and resume; nothing was loaded."
      );
    }
  });

  it("says how a damaged checkpoint is damaged", () => {
    expect(() => decodeCheckpoint(encoded.subarray(0, 12))).toThrow(
      "This checkpoint is corrupt or truncated (it ends after its first bytes); nothing was loaded."
    );
    expect(() => decodeCheckpoint(encoded.subarray(0, encoded.length - 1))).toThrow(
      corrupt("its checksum does not match").message
    );
    const flipped = encoded.slice();
    flipped[20] ^= 1;
    expect(() => decodeCheckpoint(flipped)).toThrow("(its checksum does not match)");
    const long = encoded.slice();
    new DataView(long.buffer).setUint32(8, long.length, true);
    expect(() => decodeCheckpoint(sealed(long))).toThrow("(its header runs past the end)");
    expect(() => decodeCheckpoint(withHeader("{not json"))).toThrow("(its header is not JSON)");
    const blobs = [{name: "movieIds", type: "i32", offset: 0, length: 5}];
    expect(() => decodeCheckpoint(withHeader(JSON.stringify({...header, blobs})))).toThrow(
      "This checkpoint is corrupt or truncated (blob movieIds runs past the end); nothing was loaded."
    );
  });

  it("refuses another format or version, naming it", () => {
    expect(() => decodeCheckpoint(withHeader(JSON.stringify({...header, format: "keras", blobs: []})))).toThrow(
      'This file is not a movielens-workbook-checkpoint (format "keras"); nothing was loaded.'
    );
    expect(() => decodeCheckpoint(withHeader(JSON.stringify({...header, version: 2, blobs: []})))).toThrow(
      "This checkpoint has version 2, but this workbook reads version 1; nothing was loaded."
    );
    expect(decodeCheckpoint(withHeader(JSON.stringify({...header, blobs: []}))).arrays.size).toBe(0);
  });
});

describe("GROUPS", () => {
  it("names the weights and lazy Adam's two running averages", async () => {
    // A model whose three groups hold told-apart values: weights 1, 2, 3, 4 by table, Adam's averages 10… and 100….
    await useBackend("cpu");
    const model = buildModel({users: 1, movies: 2, factors: 1});
    for (const [g, group] of (["weights", "gradAvg", "sqrAvg"] as const).entries())
      for (const [t, k] of TABLES.entries()) {
        const old = model[group][k];
        model[group][k] = tf.fill(old.shape, 10 ** g * (t + 1));
        old.dispose();
      }
    const table = {
      user: Uint32Array.of(0, 0),
      movie: Uint32Array.of(0, 1),
      rating2: Uint8Array.of(8, 6),
      userIds: Int32Array.of(99999),
      movieIds: Int32Array.of(1, 2)
    };
    const {arrays: written} = decodeCheckpoint(await encodeCheckpoint(model, table));
    model.dispose();
    expect([...new Set([...written.keys()].map((name) => name.split(".")[0]))]).toEqual([
      ...GROUPS,
      "userIds",
      "movieIds"
    ]);
    // What a checkpoint holds, by name: every group's four tables, each from its own group, then the id maps.
    expect(Object.fromEntries([...written].map(([name, a]) => [name, [...a]]))).toEqual({
      "weights.userFactors": [1],
      "weights.movieFactors": [2, 2],
      "weights.userBias": [3],
      "weights.movieBias": [4, 4],
      "gradAvg.userFactors": [10],
      "gradAvg.movieFactors": [20, 20],
      "gradAvg.userBias": [30],
      "gradAvg.movieBias": [40, 40],
      "sqrAvg.userFactors": [100],
      "sqrAvg.movieFactors": [200, 200],
      "sqrAvg.userBias": [300],
      "sqrAvg.movieBias": [400, 400],
      userIds: [99999],
      movieIds: [1, 2]
    });
  });
});
