import {describe, expect, it} from "vitest";
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  encodeCheckpointBytes
} from "../../src/components/model/checkpointFormat.js";
import type {CheckpointHeader} from "../../src/components/model/checkpointFormat.js";
import {uploadedCheckpointInfo} from "../../src/components/browser/uploadedCheckpoint.js";

/** The bytes of a 1-user, 2-movie, 4-factor checkpoint with this training record and dataset. */
function ckpt(training: CheckpointHeader["training"], dataset: Partial<CheckpointHeader["dataset"]> = {}): ArrayBuffer {
  const model = {users: 1, movies: 2, factors: 4, yRange: [0.5, 5.5] as [number, number]};
  const bytes = encodeCheckpointBytes(
    {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      savedAt: "2026-01-01T00:00:00.000Z",
      model,
      adamStep: 0,
      training,
      dataset: {fingerprint: "f", rows: 3, ...dataset}
    },
    [
      ["userIds", Int32Array.of(99999)],
      ["movieIds", Int32Array.of(1, 2)]
    ]
  );
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
const savedAt = "2026-02-02T00:00:00.000Z";

describe("uploadedCheckpointInfo(bytes, fileName, {savedAt})", () => {
  it("reads the name, dataset, hyperparameters, history and my ratings a checkpoint records", () => {
    const history = [
      {epoch: 0, trainLoss: 1, validLoss: 0.9, seconds: 2},
      {epoch: 1, trainLoss: 0.8, validLoss: 0.85, seconds: 2}
    ];
    const training = {
      epochs: 2,
      lrMax: 1e-2,
      wd: 0.1,
      bs: 64,
      seed: 7,
      validPct: 0.2,
      split: "time" as const,
      mode: "sparse" as const,
      stepsPerEpoch: 1,
      step: 2,
      lossSum: 0,
      seconds: 4,
      history
    };
    const bytes = ckpt(training, {
      name: "MovieLens 1M",
      myRatings: [
        [1, 9],
        [2, 4]
      ]
    });
    expect(uploadedCheckpointInfo(bytes, "my model.ckpt", {savedAt})).toEqual({
      name: "my model",
      savedAt,
      dataset: "MovieLens 1M",
      hyper: {factors: 4, bs: 64, epochs: 2, lrMax: 1e-2, wd: 0.1, seed: 7, split: "time"},
      epochs: 2,
      validLoss: 0.85,
      myRatingsUsed: [
        {movieId: 1, rating: 4.5, timestamp: 0},
        {movieId: 2, rating: 2, timestamp: 0}
      ],
      bytes: bytes.byteLength
    });
  });

  it("gives an older checkpoint, which records no training, fastai's defaults and no epochs", () => {
    const bytes = ckpt(null);
    const info = uploadedCheckpointInfo(bytes, "old.bin", {savedAt});
    expect(info.hyper).toEqual({factors: 4, bs: 256, epochs: 0, lrMax: 1e-3, wd: 0.01, seed: 42, split: "random"});
    expect([info.name, info.savedAt, info.epochs, info.validLoss, info.bytes]).toEqual([
      "old.bin",
      savedAt,
      0,
      null,
      bytes.byteLength
    ]);
    expect(info.dataset).toBe("the dataset it was trained on (not recorded by this older checkpoint)");
    expect(info).not.toHaveProperty("myRatingsUsed");
  });

  it("throws for a file that is not a checkpoint", () => {
    expect(() =>
      uploadedCheckpointInfo(new TextEncoder().encode("not a checkpoint").buffer as ArrayBuffer, "x.ckpt")
    ).toThrow();
  });
});
