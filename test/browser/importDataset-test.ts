import {describe, expect, it} from "vitest";
import {openDatasetStore} from "../../src/components/browser/datasetStore.js";
import {forgetDataset, importDataset} from "../../src/components/browser/importDataset.js";
import type {ImportWorker} from "../../src/components/browser/importDataset.js";
import type {ImportProgress} from "../../src/components/movielens/importMovieLens.js";
import {runImport} from "../../src/components/movielens/importWorker.js";
import type {ImportEvent, ImportRequest} from "../../src/components/movielens/importWorker.js";
import {fakeIndexedDB} from "../support/fakeIndexedDB.js";

const MOVIES = "1::Toy Story (1995)::Animation\n2::Jumanji (1995)::Adventure\n";
const RATINGS = "1::1::5::10\n1::2::3::11\n2::1::4::12\n";

/**
 * The import worker, run in this thread: what the page posts goes to runImport, what it posts comes back as messages.
 */
function inThreadWorker(log: string[], {fail = false} = {}): (url: string) => ImportWorker {
  return (url) => {
    log.push(`create ${url}`);
    const worker: ImportWorker = {
      onmessage: null,
      onerror: null,
      postMessage(request: ImportRequest) {
        log.push(`post ${request.files.map((f) => f.name).join(", ")}`);
        if (fail) return void setTimeout(() => worker.onerror?.({message: ""} as ErrorEvent));
        void runImport(
          request,
          (data: ImportEvent) => worker.onmessage?.({data} as MessageEvent<ImportEvent>),
          () => 0
        );
      },
      terminate: () => void log.push("terminate")
    };
    return worker;
  };
}

const file = (name: string, text: string) => new File([text], name);

describe("importDataset(files, {workerUrl, onProgress, onSave, createWorker, openStore})", () => {
  it(
    "parses the files in the worker, reports each stage, then replaces the stored dataset, " + "and ends the worker",
    async () => {
      const log: string[] = [];
      const factory = fakeIndexedDB();
      const openStore = () => openDatasetStore("test", factory);
      const progress: ImportProgress[] = [];
      const imported = await importDataset([file("movies.dat", MOVIES), file("ratings.dat", RATINGS)], {
        workerUrl: "importWorker.js",
        onProgress: (p) => progress.push(p),
        onSave: () => log.push("save"),
        createWorker: inThreadWorker(log),
        openStore
      });
      expect(log).toEqual(["create importWorker.js", "post movies.dat, ratings.dat", "save", "terminate"]);
      expect(progress.map((p) => p.stage)).toEqual(expect.arrayContaining(["movies", "ratings", "index"]));
      expect(imported.artifacts.summary.counts).toMatchObject({users: 2, movies: 2, ratings: 3});
      expect(imported.parseSeconds).toBe(0);
      expect(await (await openStore()).load()).toEqual(imported.artifacts);
      expect(await forgetDataset(null, openStore)).toBeNull();
      expect(await (await openStore()).load()).toBeNull();
    }
  );

  it("rejects with the worker's message for a bad file, storing nothing, and still ends the worker", async () => {
    const log: string[] = [];
    const factory = fakeIndexedDB();
    const openStore = () => openDatasetStore("test", factory);
    const bad = importDataset([file("movies.dat", MOVIES), file("ratings.dat", "1::1::5::10\n1::x::3::11\n")], {
      workerUrl: "w.js",
      createWorker: inThreadWorker(log),
      openStore
    });
    await expect(bad).rejects.toThrow('ratings.dat:2: movie id is not a number: "x"');
    expect(log).toEqual(["create w.js", "post movies.dat, ratings.dat", "terminate"]);
    expect(await (await openStore()).load()).toBeNull();
  });

  it("says so when the worker cannot start", async () => {
    const log: string[] = [];
    const failed = importDataset([file("movies.dat", MOVIES)], {
      workerUrl: "w.js",
      createWorker: inThreadWorker(log, {fail: true}),
      openStore: () => openDatasetStore("test", fakeIndexedDB())
    });
    await expect(failed).rejects.toThrow("the import worker failed to start");
    expect(log.at(-1)).toBe("terminate");
  });
});
