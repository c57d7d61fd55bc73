// @vitest-environment jsdom
import {afterEach, describe, expect, it, vi} from "vitest";
import {checkpointActions} from "../../src/components/browser/checkpointActions.js";
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  encodeCheckpointBytes
} from "../../src/components/model/checkpointFormat.js";
import type {CheckpointHeader} from "../../src/components/model/checkpointFormat.js";
import type {CheckpointInfo, WorkbookStore} from "../../src/components/browser/workbookStore.js";

const hyper = {factors: 20, bs: 256, epochs: 3, lrMax: 1e-2, wd: 0.1, seed: 42};
const info: CheckpointInfo = {
  name: "first",
  savedAt: "2026-01-01T00:00:00.000Z",
  dataset: "d",
  hyper,
  epochs: 3,
  validLoss: 0.8,
  bytes: 4
};

/** A store of checkpoints in a Map; `fail` makes its writes throw. */
function fakeStore(fail?: Error) {
  const saved = new Map<number, {info: CheckpointInfo; bytes: ArrayBuffer}>([
    [1, {info: {...info}, bytes: Uint8Array.of(7, 7, 7, 7).buffer}]
  ]);
  const store = {
    saveCheckpoint: async (i: CheckpointInfo, bytes: ArrayBuffer) =>
      fail ? Promise.reject(fail) : (saved.set(saved.size + 1, {info: i, bytes}), saved.size),
    getCheckpoint: async (id: number) => saved.get(id) ?? null,
    listCheckpoints: async () => [...saved].map(([id, record]) => ({...record.info, id})),
    deleteCheckpoint: async (id: number) => {
      if (fail) throw fail;
      saved.delete(id);
    }
  } as unknown as WorkbookStore;
  return {store, saved};
}
/** A valid checkpoint file of an empty 20-factor model. */
function checkpointBytes(): ArrayBuffer {
  const header: Omit<CheckpointHeader, "blobs"> = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    savedAt: info.savedAt,
    model: {users: 1, movies: 1, factors: 20, yRange: [0.5, 5.5]},
    adamStep: 0,
    training: null,
    dataset: {fingerprint: "f", rows: 1}
  };
  return encodeCheckpointBytes(header, []).slice().buffer as ArrayBuffer;
}

function actions(fail?: Error, confirm: (question: string) => boolean = () => true) {
  const said: string[] = [];
  let changes = 0;
  const {store, saved} = fakeStore(fail);
  const act = checkpointActions(store, {say: (text) => said.push(text), changed: () => void changes++, confirm});
  return {act, saved, said, changes: () => changes};
}

describe("checkpointActions(store, {say, changed, confirm})", () => {
  afterEach(() => vi.restoreAllMocks());

  it("holds the page open while a checkpoint is being saved or deleted, and only then", async () => {
    const asksToLeave = () => {
      const event = new Event("beforeunload", {cancelable: true});
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    const {store} = fakeStore();
    const writes: (() => void)[] = [];
    const pending = () => new Promise<void>((resolve) => writes.push(resolve));
    Object.assign(store, {
      saveCheckpoint: () => pending().then(() => 2),
      deleteCheckpoint: () => pending()
    });
    const act = checkpointActions(store, {say: () => {}, changed: () => {}, confirm: () => true});
    expect(asksToLeave()).toBe(false);
    const saving = act.saveLatest({info, bytes: Uint8Array.of(1, 2, 3, 4).buffer}, "kept");
    await vi.waitFor(() => expect(writes).toHaveLength(1));
    expect(asksToLeave()).toBe(true);
    writes[0]();
    await saving;
    expect(asksToLeave()).toBe(false);
    const deleting = act.remove(1);
    await vi.waitFor(() => expect(writes).toHaveLength(2));
    expect(asksToLeave()).toBe(true);
    writes[1]();
    await deleting;
    expect(asksToLeave()).toBe(false);
  });

  it("saveLatest keeps the latest model under its name, or its default name, and says so", async () => {
    const {act, saved, said, changes} = actions();
    await act.saveLatest({info, bytes: new ArrayBuffer(4)}, "");
    expect(saved.get(2)!.info.name).toBe("20 factors, bs 256, 3 epochs");
    // another model: the same one is kept once
    await act.saveLatest({info, bytes: Uint8Array.of(1, 2, 3, 4).buffer}, "mine");
    expect(said).toEqual(["Saved “20 factors, bs 256, 3 epochs”.", "Saved “mine”."]);
    expect(changes()).toBe(2);
  });

  it(
    "keeps names unique: the same model saved twice (a double click) adds nothing; " +
      "another model under a taken name is renamed",
    async () => {
      const {act, saved, said, changes} = actions();
      const bytes = new Uint8Array([1, 2, 3, 4]).buffer;
      await act.saveLatest({info, bytes}, "mine");
      await act.saveLatest({info, bytes}, "mine");
      expect([...saved.values()].map((c) => c.info.name)).toEqual(["first", "mine"]);
      await act.saveLatest({info, bytes: new Uint8Array([9, 9, 9, 9]).buffer}, "mine");
      await act.saveLatest({info, bytes: new Uint8Array([8, 8, 8, 8]).buffer}, "mine");
      expect([...saved.values()].map((c) => c.info.name)).toEqual(["first", "mine", "mine (2)", "mine (3)"]);
      expect(said).toEqual([
        "Saved “mine”.",
        "This model is already saved as “mine”: nothing was added.",
        "Saved as “mine (2)”: “mine” is another checkpoint's name.",
        "Saved as “mine (3)”: “mine” is another checkpoint's name."
      ]);
      expect(changes()).toBe(3);
    }
  );

  it("says a checkpoint kept in the page's memory (no models kept by the browser) is in this page only", async () => {
    const {store} = fakeStore();
    const said: string[] = [];
    const act = checkpointActions(Object.assign(store, {problem: "blocked" as const}), {
      say: (text) => said.push(text),
      changed: () => {}
    });
    await act.saveLatest({info, bytes: Uint8Array.of(1, 2, 3, 4).buffer}, "mine");
    await act.upload({name: "up.ckpt", arrayBuffer: async () => checkpointBytes()});
    expect(said[0]).toBe("Saved “mine”. It is kept in this page only, until you leave it: download it to keep it.");
    expect(said[1]).toMatch(/^Uploaded “up\.ckpt”\. It is kept in this page only, until you leave it/);
  });

  it("keeps a model once, whatever name it is saved or uploaded under", async () => {
    const {act, saved, said} = actions();
    const bytes = checkpointBytes();
    // "first" is another model's name: this one becomes "first (2)"
    await act.saveLatest({info: {...info, bytes: bytes.byteLength}, bytes}, "first");
    await Promise.all([
      act.saveLatest({info: {...info, bytes: bytes.byteLength}, bytes}, "first"),
      act.saveLatest({info: {...info, bytes: bytes.byteLength}, bytes}, "")
    ]);
    await act.upload({name: "first_2_.ckpt", arrayBuffer: async () => bytes.slice(0)});
    expect([...saved.values()].map((c) => c.info.name)).toEqual(["first", "first (2)"]);
    expect(said.slice(1)).toEqual([
      "This model is already saved as “first (2)”: nothing was added.",
      "This model is already saved as “first (2)”: nothing was added.",
      "This model is already saved as “first (2)”: nothing was added."
    ]);
  });

  it("keeps one at a time: two saves at once (a double click) keep one checkpoint", async () => {
    const {act, saved, said} = actions();
    const bytes = new Uint8Array([5, 6, 7, 8]).buffer;
    await Promise.all([act.saveLatest({info, bytes}, "twice"), act.saveLatest({info, bytes}, "twice")]);
    expect([...saved.values()].map((c) => c.info.name)).toEqual(["first", "twice"]);
    expect(said).toEqual(["Saved “twice”.", "This model is already saved as “twice”: nothing was added."]);
  });

  it("upload adds a checkpoint file, and refuses a file that is not one, in words", async () => {
    const {act, saved, said, changes} = actions();
    await act.upload({name: "old.ckpt", arrayBuffer: async () => checkpointBytes()});
    expect(saved.get(2)!.info).toMatchObject({name: "old", hyper: {factors: 20}});
    await act.upload({
      name: "notes.txt",
      arrayBuffer: async () => new TextEncoder().encode("hello").buffer as ArrayBuffer
    });
    expect(said[0]).toBe("Uploaded “old.ckpt”.");
    expect(said[1]).toMatch(/^Could not upload notes\.txt: /);
    expect(changes()).toBe(1);
  });

  it("upload says what became of the file where told to (the upload field), not in the page's message", async () => {
    const {act, said} = actions();
    const told: string[] = [];
    const tell = (text: string) => void told.push(text);
    const bytes = checkpointBytes();
    await act.upload({name: "old.ckpt", arrayBuffer: async () => bytes.slice(0)}, {tell});
    await act.upload({name: "again.ckpt", arrayBuffer: async () => bytes.slice(0)}, {tell});
    await act.upload({name: "notes.txt", arrayBuffer: async () => new ArrayBuffer(3)}, {tell});
    expect(told[0]).toBe("Uploaded “old.ckpt”.");
    expect(told[1]).toBe("This model is already saved as “old”: nothing was added.");
    expect(told[2]).toMatch(/^Could not upload notes\.txt: /);
    expect(said).toEqual([]);
  });

  it("download names the file after the checkpoint, safely", async () => {
    const clicked: string[] = [];
    URL.createObjectURL = () => "blob:test/1";
    URL.revokeObjectURL = () => {};
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const {act, saved} = actions();
    saved.get(1)!.info.name = "20 factors, bs 256 / best?";
    await act.download(1);
    await act.download(9);
    expect(clicked).toEqual(["20_factors_bs_256_best_.ckpt"]);
  });

  it("remove asks first, deletes, and says what happened; a refusal changes nothing", async () => {
    const refused = actions(undefined, () => false);
    await refused.act.remove(1);
    expect([refused.saved.size, refused.said, refused.changes()]).toEqual([1, [], 0]);
    const asked: string[] = [];
    const {act, saved, said, changes} = actions(undefined, (question) => (asked.push(question), true));
    await act.remove(1);
    expect(asked).toEqual([
      "Delete the checkpoint “first” from this browser? This cannot be undone (download it first to keep a copy)."
    ]);
    expect([saved.size, said, changes()]).toEqual([0, ["Deleted “first”."], 1]);
  });

  it(
    "says a checkpoint this page still lists is gone when another tab deleted it, and re-reads the list, " +
      "asking nothing",
    async () => {
      const asked: string[] = [];
      const {act, said, changes} = actions(undefined, (question) => (asked.push(question), true));
      await act.remove(9);
      await act.download(9);
      expect(asked).toEqual([]);
      expect(said).toEqual([
        "That checkpoint is no longer in this browser: another tab deleted it.",
        "That checkpoint is no longer in this browser: another tab deleted it."
      ]);
      expect(changes()).toBe(2);
    }
  );

  it("says why a write failed, without throwing", async () => {
    const {act, said, changes} = actions(new Error("The disk is full."));
    await act.saveLatest({info, bytes: new ArrayBuffer(4)}, "x");
    await act.remove(1);
    expect(said).toEqual([
      "Could not save the checkpoint: The disk is full.",
      "Could not delete the checkpoint: The disk is full."
    ]);
    expect(changes()).toBe(1);
  });
});
