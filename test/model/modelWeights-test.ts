import {describe, expect, it} from "vitest";
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  encodeCheckpointBytes
} from "../../src/components/model/checkpointFormat.js";
import {modelMatches, modelWeights} from "../../src/components/model/modelWeights.js";

/** A checkpoint of a 2-user, 3-movie, 1-factor model, trained on the catalogue `catalogue`. */
function checkpoint(catalogue?: string): Uint8Array {
  const f = (n: number) => new Float32Array(n);
  return encodeCheckpointBytes(
    {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      savedAt: "2026-12-01T00:00:00.000Z",
      model: {users: 2, movies: 3, factors: 1, yRange: [0.5, 5.5]},
      adamStep: 0,
      training: null,
      dataset: {fingerprint: "x", rows: 4, ...(catalogue ? {catalogue} : {})}
    },
    [
      ["weights.userFactors", f(2)],
      ["weights.movieFactors", f(3)],
      ["weights.userBias", f(2)],
      ["weights.movieBias", f(3)],
      ["userIds", Int32Array.of(1, 99999)],
      ["movieIds", Int32Array.of(1, 2, 3)]
    ]
  );
}
const movies = [{id: 1}, {id: 2}, {id: 3}];

describe("modelMatches(weights, movies, catalogue)", () => {
  it("matches the same movie ids in the same order", () => {
    expect(modelMatches(modelWeights(checkpoint()), movies)).toBe(true);
    expect(modelMatches(modelWeights(checkpoint()), [{id: 1}, {id: 3}, {id: 2}])).toBe(false);
  });
  it("tells apart two catalogues whose ids collide, when the checkpoint records its catalogue", () => {
    expect(modelWeights(checkpoint("movies-fnv1a32:aaaaaaaa:3")).catalogue).toBe("movies-fnv1a32:aaaaaaaa:3");
    expect(
      modelMatches(modelWeights(checkpoint("movies-fnv1a32:aaaaaaaa:3")), movies, "movies-fnv1a32:bbbbbbbb:3")
    ).toBe(false);
    expect(
      modelMatches(modelWeights(checkpoint("movies-fnv1a32:aaaaaaaa:3")), movies, "movies-fnv1a32:aaaaaaaa:3")
    ).toBe(true);
    // An older checkpoint, without a catalogue, is matched by its ids alone.
    expect(modelMatches(modelWeights(checkpoint()), movies, "movies-fnv1a32:bbbbbbbb:3")).toBe(true);
  });
});
