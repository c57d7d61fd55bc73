import {describe, expect, it} from "vitest";
import {browserDataset, datasetArtifacts} from "../../src/components/movielens/datasetArtifacts.js";
import type {DatasetArtifacts} from "../../src/components/movielens/datasetArtifacts.js";
import {
  DATASET_RECORD_FORMAT,
  datasetStorageError,
  fromDatasetRecord,
  openDatasetStore,
  toDatasetRecord
} from "../../src/components/browser/datasetStore.js";
import {indexRatings} from "../../src/components/movielens/indexRatings.js";
import {parseMoviesDat} from "../../src/components/movielens/parseMoviesDat.js";
import {parseRatings} from "../../src/components/movielens/parseRatings.js";
import {fakeIndexedDB} from "../support/fakeIndexedDB.js";

const bytes = (s: string) => new TextEncoder().encode(s);

function artifacts(ratings = "7::1::4::10\n8::2::5::11\n"): DatasetArtifacts {
  const movies = parseMoviesDat(bytes("1::A (2000)::Drama\n2::B (2001)::\n"));
  const parsed = parseRatings(bytes(ratings));
  return datasetArtifacts(
    movies,
    indexRatings([1, 2], [parsed]),
    {ratings: parsed.userId.length, myRatings: 0},
    browserDataset(`MovieLens-format data, 2 movies, ${parsed.userId.length} ratings`)
  );
}

describe("openDatasetStore(name, factory)", () => {
  it("saves, loads and forgets the artifacts", async () => {
    const store = await openDatasetStore("test", fakeIndexedDB());
    expect(await store.load()).toBeNull();
    const saved = artifacts();
    await store.save(saved);
    const loaded = await store.load();
    expect(loaded).toEqual(saved);
    expect(Buffer.from(loaded!.ratingsFile).equals(Buffer.from(saved.ratingsFile))).toBe(true);
    await store.forget();
    expect(await store.load()).toBeNull();
    store.close();
  });

  it(
    "names what is stored now (identity), and forgets only the dataset a page shows: another tab's is left, " +
      "and named",
    async () => {
      const store = await openDatasetStore("test", fakeIndexedDB());
      expect(await store.identity()).toBeNull();
      await store.save(artifacts());
      const first = (await store.identity())!;
      expect(first.name).toBe("MovieLens-format data, 2 movies, 2 ratings (from your computer)");
      await new Promise((done) => setTimeout(done, 2)); // another import, a moment later
      await store.save(artifacts("7::1::4::10\n8::2::5::11\n9::1::1::12\n"));
      const second = (await store.identity())!;
      expect(second.savedAt).not.toBe(first.savedAt);
      // A stale tab that shows the first dataset asks to forget it: refused, with what is stored now.
      expect(await store.forget(first.savedAt)).toEqual({now: second});
      expect(await store.identity()).toEqual(second);
      expect(await store.forget(second.savedAt)).toBeNull();
      expect(await store.identity()).toBeNull();
      expect(await store.load()).toBeNull();
      store.close();
    }
  );

  it("names a dataset stored before identities existed from the record itself", async () => {
    const factory = fakeIndexedDB();
    const store = await openDatasetStore("test", factory);
    await store.save(artifacts());
    const identity = await store.identity();
    store.close();
    // As an earlier version left it: the record alone.
    const db = await new Promise<IDBDatabase>((done) => {
      const open = factory.open("test", 1);
      open.onsuccess = () => done(open.result);
    });
    await new Promise((done) => {
      const tx = db.transaction("dataset", "readwrite");
      tx.objectStore("dataset").delete("identity");
      tx.oncomplete = done;
    });
    db.close();
    const again = await openDatasetStore("test", factory);
    expect(await again.identity()).toEqual(identity);
    again.close();
  });

  it("keeps what was stored when a save runs out of space, and says how to act", async () => {
    const first = artifacts();
    const store = await openDatasetStore("test", fakeIndexedDB({quota: first.ratingsFile.byteLength}));
    await store.save(first);
    const larger = artifacts("7::1::4::10\n8::2::5::11\n9::1::1::12\n10::2::2::13\n");
    await expect(store.save(larger)).rejects.toThrow(/storage for this site is full, so your dataset was not kept/);
    expect(await store.load()).toEqual(first);
  });

  it("reads again when a read fails for a moment, and says in words when it fails on every try", async () => {
    const seeded = async (failReads: number) => {
      const store = await openDatasetStore("test", fakeIndexedDB({failReads}));
      await store.save(artifacts());
      return store;
    };
    expect(await (await seeded(2)).load()).toEqual(artifacts());
    expect((await (await seeded(2)).identity())?.name).toBe((await (await seeded(0)).identity())?.name);
    await expect((await seeded(3)).load()).rejects.toThrow(
      "The browser could not read the dataset kept on this site, even after trying again. " +
        "Reload the page to try once more, or load the dataset again. The browser said: “NotReadableError: Failed to " +
        "read large IndexedDB value”."
    );
  });

  it("explains that nothing can be kept without IndexedDB", async () => {
    await expect(openDatasetStore("test", undefined)).rejects.toThrow(/no IndexedDB, so your dataset cannot be kept/);
  });
});

describe("toDatasetRecord(artifacts, savedAt)", () => {
  it("stores the ratings file as its own ArrayBuffer, copying a view into a larger one", () => {
    const a = artifacts();
    const record = toDatasetRecord(a, "2024-01-01T00:00:00.000Z");
    expect(record).toMatchObject({format: DATASET_RECORD_FORMAT, savedAt: "2024-01-01T00:00:00.000Z"});
    expect(record.ratingsFile).toBe(a.ratingsFile.buffer);
    const padded = new Uint8Array(a.ratingsFile.length + 16);
    padded.set(a.ratingsFile, 8);
    const view = toDatasetRecord({...a, ratingsFile: padded.subarray(8, 8 + a.ratingsFile.length)});
    expect(Buffer.from(view.ratingsFile).equals(Buffer.from(a.ratingsFile))).toBe(true);
  });
});

describe("fromDatasetRecord(value)", () => {
  it("restores a record, and ignores a missing, older or damaged one", () => {
    const a = artifacts();
    expect(fromDatasetRecord(toDatasetRecord(a))).toEqual(a);
    expect(fromDatasetRecord(undefined)).toBeNull();
    expect(fromDatasetRecord({...toDatasetRecord(a), format: 0})).toBeNull();
    expect(fromDatasetRecord({...toDatasetRecord(a), ratingsFile: new ArrayBuffer(16)})).toBeNull();
    expect(fromDatasetRecord({...toDatasetRecord(a), movies: undefined})).toBeNull();
  });

  it("names a record stored by an earlier version, which called any dataset MovieLens 10M, from its counts", () => {
    const a = artifacts();
    const old = {
      kind: "movielens",
      origin: "browser",
      name: "MovieLens 10M (from your computer)",
      banner: "MovieLens 10M, loaded from your computer and kept in this browser.",
      synthetic: null
    } as const;
    expect(fromDatasetRecord(toDatasetRecord({...a, summary: {...a.summary, dataset: old}}))?.summary).toEqual(
      a.summary
    );
    expect(a.summary.dataset.name).toBe("MovieLens-format data, 2 movies, 2 ratings (from your computer)");
    // ML-1M's counts, with my ratings appended as one more user.
    const ml1m = {
      ...a.summary,
      dataset: old,
      counts: {...a.summary.counts, users: 6_041, movies: 3_883, myRatings: 12},
      rows: {ratings: 1_000_209, myRatings: 12}
    };
    expect(fromDatasetRecord(toDatasetRecord({...a, summary: ml1m}))?.summary.dataset).toEqual(
      browserDataset("MovieLens 1M")
    );
    expect(browserDataset("MovieLens 1M").banner).toBe(
      "MovieLens 1M, loaded from your computer and kept in this browser."
    );
  });

  it("keeps the files' format, where the import recorded it", () => {
    const a = artifacts();
    const csv = {...a.summary, dataset: browserDataset("MovieLens-format data, 2 movies, 2 ratings", "", "csv")};
    expect(fromDatasetRecord(toDatasetRecord({...a, summary: csv}))?.summary.dataset.format).toBe("csv");
  });

  it(
    "keeps a snapshot release's name (ml-latest-small, named by its folder) and " +
      "the note on a renumbered user 99999",
    () => {
      const a = artifacts();
      const small = {
        ...a.summary,
        dataset: browserDataset("MovieLens Latest Small"),
        report: {...a.summary.report, movedUser: 611}
      };
      expect(fromDatasetRecord(toDatasetRecord({...a, summary: small}))?.summary.dataset).toEqual(
        browserDataset(
          "MovieLens Latest Small",
          "Its own user 99999 is user 611 here, since 99999 is you (my_ratings.dat)."
        )
      );
    }
  );
});

describe("datasetStorageError(error)", () => {
  it("turns a full disk into advice, and any other failure into words, never the browser's own text", () => {
    expect(datasetStorageError({name: "QuotaExceededError", message: "x"} as DOMException).message).toMatch(
      /^The browser's storage for this site is full/
    );
    expect(datasetStorageError(new Error("disk on fire.")).message).toBe(
      "The browser would not keep your dataset: its storage for this site is blocked or unavailable (a private " +
        "window does this). It works for this visit; load it again next time."
    );
  });
});

describe("openDatasetStore: a large dataset in chunks", () => {
  /** Every record of the database's one object store, read directly. */
  async function records(factory: IDBFactory): Promise<unknown[]> {
    const open = factory.open("big", 1);
    const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
    const request = db
      .transaction(db.objectStoreNames[0] ?? "dataset", "readwrite")
      .objectStore("dataset")
      .getAll();
    return new Promise((resolve) => (request.onsuccess = () => resolve(request.result)));
  }
  const bufferBytes = (v: unknown): number =>
    v instanceof ArrayBuffer || ArrayBuffer.isView(v)
      ? v.byteLength
      : typeof v === "object" && v !== null
        ? Object.values(v).reduce((n: number, x) => n + bufferBytes(x), 0)
        : 0;

  it("keeps no record over 32 kB (Chrome keeps larger ones as blobs), loads it whole, and forgets it all", async () => {
    const factory = fakeIndexedDB();
    const store = await openDatasetStore("big", factory);
    const lines = Array.from({length: 20_000}, (_, i) => `${i}::${1 + (i % 2)}::${1 + (i % 5)}::${i}\n`).join("");
    const saved = artifacts(lines);
    expect(saved.ratingsFile.byteLength).toBeGreaterThan(100_000);
    await store.save(saved);
    const kept = await records(factory);
    expect(kept.length).toBeGreaterThan(4);
    expect(Math.max(...kept.map(bufferBytes))).toBeLessThanOrEqual(32 * 1024);
    const loaded = (await store.load())!;
    expect(Buffer.from(loaded.ratingsFile).equals(Buffer.from(saved.ratingsFile))).toBe(true);
    expect(loaded.movies).toEqual(saved.movies);
    // Saved again, the old chunks go; forgotten, nothing is left.
    await store.save(saved);
    expect((await records(factory)).length).toBe(kept.length);
    await store.forget();
    expect(await records(factory)).toEqual([]);
  });
});
