// @vitest-environment jsdom
import {beforeEach, describe, expect, it, vi} from "vitest";
import type {ImportDatasetOptions} from "../../src/components/browser/importDataset.js";

// The view shows the steps of browser/importDataset (tested in test/browser/importDataset-test.ts); here a fake import
// runs them on cue.
const calls: Array<{
  files: readonly File[];
  options: ImportDatasetOptions;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}> = [];
const forgotten = vi.fn(async (_shown?: string | null): Promise<{now: {savedAt: string; name: string}} | null> => null);
vi.mock("../../src/components/browser/importDataset.js", () => ({
  importDataset: (files: readonly File[], options: ImportDatasetOptions) =>
    new Promise((resolve, reject) => calls.push({files, options, resolve, reject})),
  forgetDataset: (shown: string | null) => forgotten(shown)
}));
const {DatasetLoader} = await import("../../src/components/ui/DatasetLoader.js");

beforeEach(() => {
  calls.length = 0;
  forgotten.mockClear();
});

const file = (name: string) => new File(["x"], name);
function choose(input: HTMLInputElement, files: File[]) {
  Object.defineProperty(input, "files", {value: files, configurable: true});
  input.dispatchEvent(new Event("change"));
}
const tick = () => new Promise((done) => setTimeout(done, 0));

describe("DatasetLoader(data, {workerUrl, reload, confirm})", () => {
  it("invites loading on the build's data, folded; names the data in use, open, with Forget", () => {
    const build = DatasetLoader(
      {source: "build", summary: {dataset: {name: "Synthetic", kind: "synthetic"}}},
      {workerUrl: "w.js"}
    );
    expect(build.open).toBe(false);
    expect(build.querySelector("summary")!.textContent).toBe("Load MovieLens from your computer");
    expect(build.querySelector("button")).toBeNull();
    const none = DatasetLoader(
      {source: "build", summary: {dataset: {name: "No data", kind: "none"}}},
      {workerUrl: "w.js"}
    );
    expect(none.open).toBe(true); // a published workbook: loading is the page's invitation
    const invented = DatasetLoader(
      {source: "build", summary: {dataset: {name: "Synthetic", kind: "synthetic", published: true}}},
      {workerUrl: "w.js"}
    );
    expect(invented.open).toBe(true); // published with invented data: real data is the next step
    const mine = DatasetLoader({source: "browser", summary: {dataset: {name: "MovieLens 1M"}}}, {workerUrl: "w.js"});
    expect(mine.open).toBe(true);
    expect(mine.querySelector("summary")!.textContent).toBe("MovieLens 1M is in use");
    expect(mine.querySelector("button")!.textContent).toBe("Forget this data");
    expect(mine.querySelector("input")!.getAttribute("aria-label")).toBe("MovieLens files");
    expect(build.querySelector("input")!.accept).toBe(".zip,.dat,.csv,.data,.item,.genre");
    const get = build.querySelector(".dataset-loader-get")!;
    expect(get.querySelector("a")!.getAttribute("href")).toBe("https://grouplens.org/datasets/movielens/");
    expect(get.textContent).toBe(
      "Download a release from GroupLens's MovieLens page: ml-latest-small.zip (100,000 ratings, 1 MB) for a quick " +
        "start, or ml-10m.zip (10 million ratings, 63 MB), the set the original notebook used."
    );
    expect(build.textContent).toContain("They are read here, in your browser, and stay on your computer");
    expect(build.textContent).toContain(
      "Drop ml-100k.zip, ml-latest-small.zip, ml-1m.zip, ml-10m.zip, ml-20m.zip, " +
        "ml-25m.zip or ml-32m.zip as downloaded from grouplens.org here, or the files inside it (movies.dat and " +
        "ratings.dat, movies.csv and ratings.csv, or u.item and u.data)"
    );
  });

  it("shows each stage's progress, then the count and timing, and reloads", async () => {
    const reload = vi.fn();
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const root = DatasetLoader({source: "build"}, {workerUrl: "w.js", reload});
    const input = root.querySelector("input")!;
    const status = root.querySelector(".dataset-loader-status")!;
    const progress = root.querySelector("progress")!;
    choose(input, [file("ml-1m.zip")]);
    expect(calls).toHaveLength(1);
    expect(calls[0].files.map((f) => f.name)).toEqual(["ml-1m.zip"]);
    expect(calls[0].options.workerUrl).toBe("w.js");
    expect(input.disabled).toBe(true);
    expect(progress.hidden).toBe(false);
    expect(status.textContent).toBe("Reading the files…");
    calls[0].options.onProgress!({stage: "ratings", done: 25, total: 100});
    expect(status.textContent).toBe("Reading ratings.dat… 25%");
    expect([progress.value, progress.max]).toEqual([25, 100]);
    calls[0].options.onProgress!({stage: "ratings", done: 50, total: 100, file: "ratings.csv"});
    expect(status.textContent).toBe("Reading ratings.csv… 50%");
    calls[0].options.onSave!();
    expect(status.textContent).toBe("Saving in this browser…");
    calls[0].resolve({artifacts: {summary: {counts: {ratings: 1_000_209}}}, parseSeconds: 1.25});
    await tick();
    expect(status.textContent).toMatch(/^Loaded 1,000,209 ratings in \d+\.\d s \(parsing took 1\.3 s\)\. Reloading…$/);
    expect(progress.hidden).toBe(true);
    expect(reload).toHaveBeenCalledOnce();
    expect(info.mock.calls[0][0]).toMatch(/^movielens-import: \{"ratings":1000209,"parseSeconds":1.25,/);
    info.mockRestore();
  });

  it("says why a file was refused and that nothing was stored, and lets me choose again", async () => {
    const reload = vi.fn();
    const root = DatasetLoader({source: "build"}, {workerUrl: "w.js", reload});
    const input = root.querySelector("input")!;
    choose(input, [file("notes.txt")]);
    calls[0].reject(new Error("notes.txt is not a MovieLens file."));
    await tick();
    const status = root.querySelector(".dataset-loader-status")!;
    expect(status.className).toBe("dataset-loader-status error");
    expect(status.textContent).toBe("notes.txt is not a MovieLens file. Nothing was stored.");
    expect(input.disabled).toBe(false);
    expect(reload).not.toHaveBeenCalled();
    choose(input, [file("ml-10m.zip")]);
    expect(calls).toHaveLength(2);
    expect(status.className).toBe("dataset-loader-status");
  });

  it("takes dropped files, but not while an import runs, and ignores an empty choice", () => {
    const root = DatasetLoader({source: "build"}, {workerUrl: "w.js"});
    const drop = (files: File[]) => {
      const event = new Event("drop", {cancelable: true}) as Event & {dataTransfer: {files: File[]}};
      event.dataTransfer = {files};
      root.dispatchEvent(event);
      return event;
    };
    choose(root.querySelector("input")!, []);
    expect(calls).toHaveLength(0);
    const first = drop([file("movies.dat"), file("ratings.dat")]);
    expect(first.defaultPrevented).toBe(true);
    expect(calls).toHaveLength(1);
    drop([file("ml-1m.zip")]);
    expect(calls).toHaveLength(1);
  });

  it("forgets the data only when confirmed, saying that my ratings stay", async () => {
    const reload = vi.fn();
    const asked: string[] = [];
    let answer = false;
    const root = DatasetLoader(
      {source: "browser", summary: {dataset: {name: "MovieLens 10M"}}},
      {workerUrl: "w.js", reload, confirm: (message) => (asked.push(message), answer)}
    );
    const forget = root.querySelector("button")!;
    forget.click();
    await tick();
    expect(asked[0]).toMatch(/^Forget MovieLens 10M in this browser\? Your ratings on it stay in this browser/);
    expect(forgotten).not.toHaveBeenCalled();
    answer = true;
    forget.click();
    await tick();
    expect(forgotten).toHaveBeenCalledOnce();
    expect(reload).toHaveBeenCalledOnce();
  });

  it(
    "forgets only the dataset this page shows: when another tab loaded another since, refuses and names it, " +
      "offering to reload",
    async () => {
      const reload = vi.fn();
      forgotten.mockResolvedValueOnce({now: {savedAt: "t2", name: "MovieLens 1M"}});
      const root = DatasetLoader(
        {source: "browser", summary: {dataset: {name: "MovieLens 10M"}}, stored: {savedAt: "t1"}},
        {workerUrl: "w.js", reload, confirm: () => true}
      );
      root.querySelector("button")!.click();
      await tick();
      expect(forgotten).toHaveBeenCalledWith("t1");
      expect(reload).not.toHaveBeenCalled();
      expect(root.querySelector(".dataset-loader-status")!.textContent).toBe(
        "Nothing was forgotten: another tab has since loaded MovieLens 1M, which this page does not show. Reload " +
          "this page to see it, and forget it from there if you wish."
      );
      const stale = root.querySelector(".dataset-loader-stale")!;
      expect(stale.textContent).toContain("Another tab loaded MovieLens 1M since this page opened");
      stale.querySelector("button")!.click();
      expect(reload).toHaveBeenCalledOnce();
    }
  );
});
