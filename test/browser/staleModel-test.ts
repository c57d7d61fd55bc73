import {describe, expect, it} from "vitest";
import {staleModel} from "../../src/components/browser/staleModel.js";
import type {StoredModel, WorkbookStore} from "../../src/components/browser/workbookStore.js";

const model = (savedAt: string, name = "mine") => ({info: {savedAt, name}}) as StoredModel;
const store = (latest: StoredModel | null, checkpoints: Record<number, StoredModel> = {}) =>
  ({getLatest: async () => latest, getCheckpoint: async (id: number) => checkpoints[id] ?? null}) as WorkbookStore;

describe("staleModel(store, key, shown)", () => {
  it("is null while the model shown is the one stored", async () => {
    expect(await staleModel(store(model("t1")), "latest", model("t1"))).toBeNull();
    expect(await staleModel(store(null, {3: model("t0")}), 3, model("t0"))).toBeNull();
    expect(await staleModel(store(null), "latest", null)).toBeNull();
  });

  it("refuses, in words, once another tab trained a new latest model or deleted the checkpoint", async () => {
    expect(await staleModel(store(model("t2")), "latest", model("t1"))).toBe(
      "Another tab trained a new latest model since this page showed it: nothing was trained. The page now shows the " +
        "new model; retrain again to retrain it."
    );
    expect(await staleModel(store(null), 3, model("t0", "first"))).toBe(
      "The checkpoint “first” is no longer in this browser (another tab deleted it): nothing was trained."
    );
  });
});
