import {describe, expect, it} from "vitest";
import {openWorkbookStore, storageError} from "../../src/components/browser/workbookStore.js";
import type {CheckpointInfo, RunRecord} from "../../src/components/browser/workbookStore.js";
import {fakeIndexedDB} from "../support/fakeIndexedDB.js";
import {addRankingContract} from "../support/workbookStoreContract.js";

const hyper = {factors: 8, bs: 1024, epochs: 2, lrMax: 0.01, wd: 0.1, seed: 42};

function run(extra: Partial<RunRecord> = {}): RunRecord {
  const history = [
    {epoch: 0, trainLoss: 1.2, validLoss: 1.1, seconds: 3},
    {epoch: 1, trainLoss: 0.9, validLoss: 0.95, seconds: 6}
  ];
  return {
    finishedAt: "2024-01-01T00:00:00.000Z",
    dataset: "MovieLens 1M",
    backend: "wasm",
    hyper,
    history,
    seconds: 6,
    stopped: false,
    ...extra
  };
}

function info(name: string, bytes = 8): CheckpointInfo {
  return {
    name,
    savedAt: "2024-01-02T00:00:00.000Z",
    dataset: "MovieLens 1M",
    hyper,
    epochs: 2,
    validLoss: 0.95,
    bytes,
    myRatingsUsed: [{movieId: 1, rating: 4.5, timestamp: 10}]
  };
}

const buffer = (...values: number[]) => Uint8Array.from(values).buffer;

describe("openWorkbookStore(name, factory)", () => {
  it("keeps runs in the order they were put, each with the id the store assigns (not the one passed in)", async () => {
    const store = await openWorkbookStore("test", fakeIndexedDB());
    expect(await store.listRuns()).toEqual([]);
    const predictions = Float32Array.of(3.5, 4, 2.25);
    expect(await store.putRun(run({id: 77, myPredictions: predictions}))).toBe(1);
    expect(await store.putRun(run({stopped: true, resumedFrom: "first"}))).toBe(2);
    const runs = await store.listRuns();
    expect(runs.map((r) => [r.id, r.stopped, r.resumedFrom])).toEqual([
      [1, false, undefined],
      [2, true, "first"]
    ]);
    expect(runs[0]).toEqual({...run({myPredictions: predictions}), id: 1});
    expect(runs[0].myPredictions).toBeInstanceOf(Float32Array);
    expect(runs[0].myPredictions).not.toBe(predictions);
    store.close();
  });

  it("saves, lists, reads and deletes checkpoints, their bytes kept apart from their info", async () => {
    const store = await openWorkbookStore("test", fakeIndexedDB());
    const a = await store.saveCheckpoint({...info("a"), id: 99}, buffer(1, 2, 3));
    const b = await store.saveCheckpoint(info("b"), buffer(4, 5));
    expect([a, b]).toEqual([1, 2]);
    expect((await store.listCheckpoints()).map((c) => [c.id, c.name])).toEqual([
      [1, "a"],
      [2, "b"]
    ]);
    const got = await store.getCheckpoint(b);
    expect(got?.info).toEqual({...info("b"), id: 2});
    expect([...new Uint8Array(got!.bytes)]).toEqual([4, 5]);
    expect(await store.getCheckpoint(3)).toBeNull();
    await store.deleteCheckpoint(a);
    expect(await store.getCheckpoint(a)).toBeNull();
    expect((await store.listCheckpoints()).map((c) => c.name)).toEqual(["b"]);
    // Ids are never reused, so a deleted checkpoint's id cannot come back as another.
    expect(await store.saveCheckpoint(info("c"), buffer(6))).toBe(3);
  });

  it("keeps only the latest model, overwritten by each run, and null before the first", async () => {
    const store = await openWorkbookStore("test", fakeIndexedDB());
    expect(await store.getLatest()).toBeNull();
    await store.setLatest(info("first"), buffer(1));
    await store.setLatest(info("second"), buffer(2, 2));
    const latest = await store.getLatest();
    expect(latest?.info.name).toBe("second");
    expect([...new Uint8Array(latest!.bytes)]).toEqual([2, 2]);
    expect(await store.listCheckpoints()).toEqual([]);
  });

  it(
    "adds a ranking measured after its run was kept: to the run's record, and with the iALS model to the latest " +
      "model while that is still the run's",
    async () => {
      const store = await openWorkbookStore("test", fakeIndexedDB());
      await addRankingContract(store);
    }
  );

  it("finds what an earlier visit stored in the same database", async () => {
    const factory = fakeIndexedDB();
    const first = await openWorkbookStore("test", factory);
    await first.putRun(run());
    first.close();
    const second = await openWorkbookStore("test", factory);
    expect((await second.listRuns()).length).toBe(1);
    expect(await (await openWorkbookStore("other", factory)).listRuns()).toEqual([]);
  });

  it(
    "saves a checkpoint and its bytes together or not at all: " + "a full disk keeps neither, and says what to do",
    async () => {
      const store = await openWorkbookStore("test", fakeIndexedDB({quota: 4}));
      await store.saveCheckpoint(info("small"), buffer(1, 2, 3, 4));
      await expect(store.saveCheckpoint(info("large"), buffer(1, 2, 3, 4, 5))).rejects.toThrow(
        /^The browser's storage for this site is full, so nothing was saved\./
      );
      expect((await store.listCheckpoints()).map((c) => c.name)).toEqual(["small"]);
      expect(await store.getCheckpoint(2)).toBeNull();
    }
  );

  it(
    "reads again when a read fails for a moment (Chrome's reads of large values, such as a model, can), and says in " +
      "words when it fails on every try",
    async () => {
      // A store with a run, a checkpoint and a latest model, whose first `failReads` reads fail.
      const seeded = async (failReads: number) => {
        const store = await openWorkbookStore("test", fakeIndexedDB({failReads}));
        await store.putRun(run());
        await store.saveCheckpoint(info("a"), buffer(1, 2));
        await store.setLatest(info("latest"), buffer(3));
        return store;
      };
      type Store = Awaited<ReturnType<typeof seeded>>;
      const reads: ((store: Store) => Promise<unknown>)[] = [
        (store) => store.listRuns(),
        (store) => store.listCheckpoints(),
        (store) => store.getCheckpoint(1),
        (store) => store.getLatest()
      ];
      for (const read of reads) {
        const expected = await read(await seeded(0));
        expect(expected).not.toBeNull();
        expect(await read(await seeded(2))).toEqual(expected);
        await expect(read(await seeded(3))).rejects.toThrow(
          "The browser could not read the runs and models this workbook keeps on this site, even after trying " +
            "again. Reload the page to try once more. The browser said: “NotReadableError: Failed to read large " +
            "IndexedDB value”."
        );
      }
    }
  );

  it("explains that nothing can be saved without IndexedDB", async () => {
    await expect(openWorkbookStore("test", undefined)).rejects.toThrow(
      "This browser has no IndexedDB, so runs and checkpoints cannot be saved."
    );
  });
});

describe("storageError(error)", () => {
  it("turns a full disk into advice, and any other failure into words, never the browser's own text", () => {
    expect(storageError({name: "QuotaExceededError", message: "x"} as DOMException).message).toBe(
      "The browser's storage for this site is full, so nothing was saved. " +
        "Delete old checkpoints on the Save and resume page, or download them and free some space."
    );
    const other = {name: "UnknownError", message: "disk on fire."} as DOMException;
    expect(storageError(other).message).toBe(
      "The browser would not save this: its storage for this site is blocked or unavailable (a private window does " +
        "this), so nothing was saved. Allow site data for this site, or download the checkpoint to keep it."
    );
    expect(storageError(other).cause).toBe(other);
    expect(storageError(null).message).not.toMatch(/unknown error|\.\./);
  });
});

describe("openWorkbookStore: large values in chunks", () => {
  /** Every record of every object store of database `name`, read directly. */
  async function records(factory: IDBFactory, name: string): Promise<Map<string, unknown[]>> {
    const open = factory.open(name, 2);
    const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
    const all = new Map<string, unknown[]>();
    for (const store of ["runs", "checkpointBytes", "latest", "chunks"]) {
      const request = db.transaction(store, "readwrite").objectStore(store).getAll();
      all.set(store, await new Promise((resolve) => (request.onsuccess = () => resolve(request.result))));
    }
    return all;
  }
  /** The most bytes one record holds in buffers. */
  const largest = (values: unknown[]): number =>
    Math.max(
      0,
      ...values.map(function bytes(v: unknown): number {
        if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return v.byteLength;
        return typeof v === "object" && v !== null ? Object.values(v).reduce((n: number, x) => n + bytes(x), 0) : 0;
      })
    );
  const model = (n: number) => Float32Array.from({length: n}, (_, i) => i / 3).buffer;
  const ranker = (n: number) => ({
    factors: 4,
    regularization: 0.1,
    alpha: 1,
    userFactors: Float32Array.from({length: n}, (_, i) => i),
    movieFactors: Float32Array.of(1, 2)
  });

  it("keeps no record over 32 kB (Chrome keeps larger ones as blobs), and reads a model back whole", async () => {
    const factory = fakeIndexedDB();
    const store = await openWorkbookStore("test", factory);
    const predictions = Float32Array.from({length: 20_000}, (_, i) => i);
    await store.putRun(run({myPredictions: predictions}));
    const id = await store.saveCheckpoint(info("a"), model(100_000), ranker(30_000) as never);
    await store.setLatest(info("latest"), model(60_000), ranker(10_000) as never);
    const kept = await records(factory, "test");
    for (const [name, values] of kept) expect(largest(values), name).toBeLessThanOrEqual(32 * 1024);
    expect((await store.listRuns())[0].myPredictions).toEqual(predictions);
    const checkpoint = (await store.getCheckpoint(id))!;
    expect(checkpoint.bytes).toEqual(model(100_000));
    expect(checkpoint.ranker).toEqual(ranker(30_000));
    expect((await store.getLatest())!.bytes).toEqual(model(60_000));
  });

  it("deletes a model's chunks with it: replaced as the latest model, given a new ranker, or deleted", async () => {
    const factory = fakeIndexedDB();
    const store = await openWorkbookStore("test", factory);
    const chunks = async () => (await records(factory, "test")).get("chunks")!.length;
    await store.setLatest(info("first"), model(60_000), ranker(10_000) as never);
    const one = await chunks();
    expect(one).toBeGreaterThan(8);
    await store.setLatest(info("second"), model(60_000), ranker(10_000) as never);
    expect(await chunks()).toBe(one);
    const runId = await store.putRun(run());
    await store.addRanking(runId, info("second").savedAt, null, ranker(20_000) as never);
    const latest = (await store.getLatest())!;
    expect(latest.ranker).toEqual(ranker(20_000));
    expect(latest.bytes).toEqual(model(60_000));
    const withBiggerRanker = await chunks();
    expect(withBiggerRanker).toBeGreaterThan(one);
    const id = await store.saveCheckpoint(info("a"), model(100_000));
    expect(await chunks()).toBeGreaterThan(withBiggerRanker);
    await store.deleteCheckpoint(id);
    expect(await chunks()).toBe(withBiggerRanker);
  });

  it("opens a database kept before chunks existed (version 1), reads its large values, and replaces them", async () => {
    const factory = fakeIndexedDB();
    const open = factory.open("old", 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore("runs", {keyPath: "id", autoIncrement: true});
      db.createObjectStore("checkpoints", {keyPath: "id", autoIncrement: true});
      db.createObjectStore("checkpointBytes");
      db.createObjectStore("latest");
    };
    const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
    const tx = db.transaction("latest", "readwrite");
    tx.objectStore("latest").put({info: info("v1"), bytes: model(60_000), ranker: null}, "model");
    await new Promise((resolve) => (tx.oncomplete = resolve));
    const store = await openWorkbookStore("old", factory);
    expect((await store.getLatest())!.bytes).toEqual(model(60_000));
    await store.setLatest(info("v2"), model(60_000));
    expect(largest((await records(factory, "old")).get("latest")!)).toBeLessThanOrEqual(32 * 1024);
    expect((await store.getLatest())!.info.name).toBe("v2");
  });
});
