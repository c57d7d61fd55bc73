// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {dataPage} from "../../src/components/page/dataPage.js";
import {WORKBOOK_FILES} from "../../src/components/page/workbookFiles.js";

/** The build's files as FileAttachment gives them, counting what the page reads. */
function built(ratings = 9) {
  const read: string[] = [];
  const file = (name: string, json: unknown) => () => ({
    json: async () => (read.push(name), json),
    url: async () => (read.push(name), `/_file/${name}`)
  });
  const dataset = {
    name: "Synthetic MovieLens-shaped data",
    kind: "synthetic",
    banner: "Synthetic data (`npm run dev`)."
  };
  const summary = {dataset, counts: {ratings}};
  return {
    read,
    files: {
      summary: file("summary.json", summary),
      movies: file("movies.json", [{id: 1, title: "Alpha"}]),
      histogram: file("histogram.json", {bins: []}),
      ratings: file("ratings.bin", null),
      importWorker: file("importWorker.js", null)
    }
  };
}

describe("dataPage(needs, files)", () => {
  it("reads the summary and what the page needs, and nothing else, without IndexedDB", async () => {
    const {read, files} = built();
    const {data} = await dataPage(["movies"], files);
    expect(data.source).toBe("build");
    expect(data.summary.dataset.name).toBe("Synthetic MovieLens-shaped data");
    expect(data.movies).toEqual([{id: 1, title: "Alpha"}]);
    expect(read.sort()).toEqual(["importWorker.js", "movies.json", "summary.json"]);
  });

  it("says whether there are no ratings at all, as in a published workbook before MovieLens is loaded", async () => {
    expect((await dataPage([], built().files)).noData).toBe(false);
    expect((await dataPage([], built(0).files)).noData).toBe(true);
  });

  it("opens the page with the banner naming the dataset, then the loader", async () => {
    const {header} = await dataPage([], built().files);
    expect(header.className).toBe("dataset-header");
    expect([...header.children].map((e) => e.className)).toEqual([
      expect.stringMatching(/dataset-banner/),
      expect.stringMatching(/dataset-loader/)
    ]);
    expect(header.textContent).toContain("Synthetic data (npm run dev).");
    expect(header.querySelector("summary")!.textContent).toMatch(/Load MovieLens from your computer/);
  });

  it("names every build file once, by the path Framework resolves from src/components/page/", () => {
    expect(WORKBOOK_FILES.summary()).toMatchObject({path: "../../data/summary.json"});
    expect(WORKBOOK_FILES.ratings()).toMatchObject({path: "../../data/ratings.bin"});
    expect(WORKBOOK_FILES.wasm().map((f) => f.name)).toEqual([
      "tfjs-backend-wasm.wasm",
      "tfjs-backend-wasm-simd.wasm",
      "tfjs-backend-wasm-threaded-simd.wasm"
    ]);
  });
});
