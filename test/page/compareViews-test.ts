// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {ImportedRun} from "../../src/components/browser/readRunCards.js";
import type {RunRecord} from "../../src/components/browser/workbookStore.js";
import {
  Comparison,
  ImportedRuns,
  RunCardsForm,
  RunHistoryDownloads,
  comparableRuns,
  compareControls,
  CompareForm,
  KeptRuns,
  fewRunsText,
  firstChosen,
  runLabel,
  runName
} from "../../src/components/page/compareViews.js";
import type {ComparableRun} from "../../src/components/page/compareViews.js";

/** What a view shows when it has nothing to say (ui/Nothing.ts): never null, which a page would print. */
const NOTHING = '<div class="nothing"></div>';

const movies = [1, 2, 3, 4, 5].map((id) => ({id, title: `Movie ${id}`, year: 1990 + id, genres: [], ratings: 10}));
const hyper = {factors: 50, bs: 256, epochs: 3, lrMax: 0.01, wd: 0.1, seed: 42};
const run = (id: number, over: Partial<RunRecord> = {}): ComparableRun =>
  ({
    id,
    finishedAt: "2026-12-07T00:00:00.000Z",
    dataset: "d",
    backend: "wasm",
    hyper,
    history: [{epoch: 0, trainLoss: 0.9, validLoss: 0.8123, seconds: 1}],
    seconds: 1,
    stopped: false,
    // Each run likes the movies in another order.
    myPredictions: Float32Array.from(movies, (m) => ((m.id * id) % 5) + 1),
    ...over
  }) as ComparableRun;

describe("runName(run) and runLabel(run)", () => {
  it("name a run, mark a diverged one, and label it with its settings, valid loss and NDCG@10", () => {
    expect(runName(run(3))).toBe("Run #3");
    expect(runName(run(4, {diverged: true}))).toBe("Run #4 (diverged)");
    expect(runLabel(run(3))).toBe("#3: 50 factors, bs 256, 1 epoch, lr 0.01, wd 0.1 · valid 0.8123");
    const ranked = run(5, {ranking: {blended: {ndcg: 0.12345}} as RunRecord["ranking"], history: []});
    expect(runLabel(ranked)).toBe("#5: 50 factors, bs 256, 0 epochs, lr 0.01, wd 0.1 · valid – · NDCG@10 0.123");
  });
});

describe("comparableRuns(runs, movies) and firstChosen(runs, linked)", () => {
  it("lists the runs with predictions for every movie, newest first, and ticks the link's or the two newest", () => {
    const kept = [run(1), run(2, {myPredictions: new Float32Array(3)}), run(3, {diverged: true}), run(4), run(5)];
    const runs = comparableRuns(kept, movies.length);
    expect(runs.map((r) => r.id)).toEqual([5, 4, 3, 1]);
    expect(firstChosen(runs, undefined).map((r) => r.id)).toEqual([5, 4]);
    expect(firstChosen(runs.slice(1), undefined).map((r) => r.id)).toEqual([4, 1]); // the diverged run is passed over
    expect(firstChosen(runs, [1, 3, 9]).map((r) => r.id)).toEqual([3, 1]);
  });
});

describe("fewRunsText(runs, {noData, problem})", () => {
  it("says why there is nothing to compare, and what to do", () => {
    expect(fewRunsText(1, {noData: false, problem: null})).toMatch(/^Only one run is kept so far: train one more/);
    expect(fewRunsText(0, {noData: true, problem: null})).toMatch(/^Load MovieLens from your computer, above/);
    expect(fewRunsText(0, {noData: false, problem: "blocked"})).not.toMatch(/^No run is kept yet/);
    expect(fewRunsText(0, {noData: false, problem: null})).toMatch(/^No run is kept yet: train two models/);
  });
});

describe("RunHistoryDownloads(runs, {catalogue, download})", () => {
  it("offers the history as CSV and as JSON run cards, and nothing without runs", () => {
    expect(RunHistoryDownloads([], {catalogue: "c"}).outerHTML).toBe(NOTHING);
    const saved: string[] = [];
    const root = RunHistoryDownloads([run(1)], {catalogue: "c", download: (_, name) => void saved.push(name)})!;
    const buttons = [...root.querySelectorAll("button")];
    expect(buttons.map((b) => b.textContent)).toEqual([
      "Download the run history (CSV)",
      "Download the run history (JSON)"
    ]);
    for (const button of buttons) button.click();
    expect(saved).toEqual(["run-history.csv", "run-history.json"]);
  });
});

describe("ImportedRuns(imported, {catalogue})", () => {
  it("shows a file's error, or its runs with a link to train each again, named when made on another dataset", () => {
    expect(ImportedRuns(null, {catalogue: "c"}).outerHTML).toBe(NOTHING);
    expect(ImportedRuns({error: "cards.json: not run cards"}, {catalogue: "c"})!.textContent).toBe(
      "cards.json: not run cards"
    );
    const cards = [
      {...run(7), importedFrom: "cards.json", catalogue: "c"},
      {...run(8), importedFrom: "cards.json", catalogue: "other"}
    ] as ImportedRun[];
    const root = ImportedRuns({runs: cards}, {catalogue: "c"})!;
    expect([...root.querySelectorAll(".train-again li")].map((li) => li.textContent)).toEqual([
      "Train #7 again",
      "Train #8 again, made on another dataset"
    ]);
    expect(root.querySelector(".train-again a")!.getAttribute("href")).toMatch(/^\.\/train\.html\?.*factors=50/);
  });
});

describe("Comparison({chosen, n, note}, {runs, movies, myRatings, width})", () => {
  const options = {runs: 6, movies, myRatings: [{movieId: 1}], width: 800};
  const ticked = (chosen: ComparableRun[]) => ({chosen, n: 3, note: null});
  it("lays the first four runs ticked side by side, my rated movies left out, and says when more are ticked", () => {
    const root = Comparison({chosen: [1, 2, 3, 4, 5].map((id) => run(id)), n: 3, note: "Top N is read as 3."}, options);
    expect(root.querySelector(".top-n-note")!.textContent).toBe("Top N is read as 3.");
    expect(root.querySelector(".too-many")!.textContent).toBe(
      "Comparing the first four runs ticked (#1, #2, #3, #4); untick one to bring in another."
    );
    const columns = [...root.querySelectorAll(".compare-column h2")].map((h) => h.textContent);
    expect(columns).toEqual(["Run #1", "Run #2", "Run #3", "Run #4"]);
    const titles = [...root.querySelectorAll(".compare-column")].map((c) => c.textContent!);
    expect(titles.every((t) => t.includes("Movie 2") || t.includes("Movie 3"))).toBe(true);
    expect(titles.some((t) => t.includes("Movie 1"))).toBe(false);
  });

  it("asks for a second run, or for two, and shows nothing more when fewer than two are kept", () => {
    expect(Comparison(ticked([run(1)]), options).querySelector(".choose-two")!.textContent).toBe(
      "Only Run #1 is ticked: tick one more run to compare it with."
    );
    expect(Comparison(ticked([]), options).querySelector(".choose-two")!.textContent).toBe(
      "No run is ticked: tick two runs, up to four, to compare them."
    );
    expect(Comparison(ticked([]), {...options, runs: 1}).childElementCount).toBe(0);
  });
});

/** The dataset the controls are on. */
const summary = {
  catalogue: "cat-1",
  dataset: {name: "Synthetic"},
  counts: {users: 10, movies: 5, ratings: 40, myRatings: 0, ratedMovies: 5}
} as never;

describe("compareControls(runs, {summary, problem, search})", () => {
  const runs = [run(3), run(2, {diverged: true}), run(1)];
  const notes = (controls: {notes: HTMLElement}) => [...controls.notes.querySelectorAll("p")].map((n) => n.textContent);

  it("ticks the two newest runs that did not diverge, and Top N 20, where the link names none", () => {
    const controls = compareControls(runs, {summary, problem: null, search: ""});
    expect((controls.runs!.value as ComparableRun[]).map((r) => r.id)).toEqual([3, 1]);
    expect(controls.topN.value).toBe("20");
    expect(notes(controls)).toEqual([]);
  });

  it("starts from the link's runs and Top N, and says in words what it names wrongly", () => {
    const controls = compareControls(runs, {summary, problem: null, search: "?runs=2&runs=99&n=5&data=cat-2"});
    expect((controls.runs!.value as ComparableRun[]).map((r) => r.id)).toEqual([2]);
    expect(controls.topN.value).toBe("5");
    expect(notes(controls)).toEqual([
      "The link's run “99” is not kept in this browser, so it is left out.",
      "This link was made on another dataset: its runs are looked for among Synthetic's."
    ]);
    expect(controls.notes.querySelectorAll(".link-note")).toHaveLength(1);
  });

  it("refuses a Top N the number field cannot hold", () => {
    const controls = compareControls(runs, {summary, problem: null, search: "?n=abc"});
    expect(controls.topN.value).toBe("");
    expect(notes(controls)).toEqual(["The link's Top N “abc” is not a number, so it is left empty."]);
  });

  it("offers no runs to tick, and says why, with fewer than two", () => {
    const controls = compareControls([run(1)], {summary, problem: null, search: ""});
    expect(controls.runs).toBeNull();
    expect(controls.notes.querySelector(".no-runs")!.textContent).toBe(fewRunsText(1, {noData: false, problem: null}));
  });

  it("keeps the comparison in the page's link, and offers to copy it only while runs are chosen", () => {
    history.replaceState(null, "", "/compare?other=1");
    const controls = compareControls(runs, {summary, problem: null, search: ""});
    const copy = controls.CopyComparison([runs[0], runs[2]], "7");
    expect(new URLSearchParams(location.search).toString()).toBe("other=1&runs=3&runs=1&n=7&data=cat-1");
    expect(copy.textContent).toContain("Copy link to this comparison");
    expect(controls.CopyComparison([], "7").outerHTML).toBe(NOTHING);
    expect(new URLSearchParams(location.search).getAll("runs")).toEqual([]);
  });
});

describe("CompareForm(runs, {summary, problem, search}) and KeptRuns(runs, {catalogue})", () => {
  const runs = [run(3), run(2), run(1)];

  it("holds the runs ticked and Top N read, keeps them in the link and offers to copy it, as they change", () => {
    history.replaceState(null, "", "/compare");
    const form = CompareForm(runs, {summary, problem: null, search: "?n=abc"});
    // The field left empty reads as the top 20, with nothing to say beyond the link's note.
    expect(form.value).toMatchObject({topN: "", n: 20, note: null});
    expect(form.value.chosen.map((r) => r.id)).toEqual([3, 2]);
    expect(form.querySelector(".link-note")!.textContent).toMatch(/^The link's Top N “abc”/);
    expect(form.textContent).toContain("Copy link to this comparison");
    const values: unknown[] = [];
    form.addEventListener("input", () => values.push(form.value.chosen.map((r) => r.id)));
    const boxes = form.querySelectorAll<HTMLInputElement>("input[type=checkbox]");
    for (const box of [boxes[0], boxes[1]]) {
      box.checked = false;
      box.dispatchEvent(new Event("input", {bubbles: true}));
    }
    expect(values).toEqual([[2], []]);
    expect(form.textContent).not.toContain("Copy link to this comparison");
    expect(new URLSearchParams(location.search).getAll("runs")).toEqual([]);
    const topN = form.querySelector<HTMLInputElement>("input[type=number]")!;
    topN.value = "7";
    topN.dispatchEvent(new Event("input", {bubbles: true}));
    expect(form.value).toMatchObject({topN: "7", n: 7, note: null});
    expect(new URLSearchParams(location.search).get("n")).toBe("7");
    topN.value = "500";
    topN.dispatchEvent(new Event("input", {bubbles: true}));
    expect(form.value).toMatchObject({n: 100, note: "Top N is at most 100, so the list shows the top 100."});
  });

  it("has no runs to tick with fewer than two, and says why", () => {
    const form = CompareForm([run(1)], {summary, problem: null, search: ""});
    expect(form.querySelector("input[type=checkbox]")).toBeNull();
    expect(form.value.chosen).toEqual([]);
    expect(form.querySelector(".no-runs")!.textContent).toBe(fewRunsText(1, {noData: false, problem: null}));
  });

  it("shows the run history with its downloads, or only the history's empty row with no run kept", () => {
    const kept = KeptRuns([run(1)], {catalogue: "c"});
    expect(kept.querySelectorAll("table.run-history tbody tr")).toHaveLength(1);
    expect(kept.querySelectorAll(".run-history-export button")).toHaveLength(2);
    const none = KeptRuns([], {catalogue: "c"});
    expect(none.querySelector("table.run-history tbody")!.textContent).toBe("No run is kept yet.");
    expect(none.querySelector(".run-history-export")).toBeNull();
  });
});

describe("RunCardsForm({catalogue})", () => {
  const choose = async (form: HTMLElement, name: string, text: () => Promise<string>) => {
    const input = form.querySelector<HTMLInputElement>("input[type=file]")!;
    Object.defineProperty(input, "files", {value: [Object.assign(new File([""], name), {text})], configurable: true});
    input.dispatchEvent(new Event("input", {bubbles: true}));
    await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it("shows a run-cards file's runs under its field, refuses one that is not, and says an unreadable one", async () => {
    const form = RunCardsForm({catalogue: "cat-1"});
    expect(form.querySelector("label")!.textContent).toBe("Import run cards (JSON)");
    await choose(form, "notes.json", async () => '{"runs": [{}]}');
    expect(form.querySelector(".card-note")!.textContent).toBe("notes.json was not imported: hyper is missing.");
    const {runs: cards} = JSON.parse(JSON.stringify({runs: [{...run(2), myPredictions: undefined}]})) as {
      runs: object[];
    };
    await choose(form, "cards.json", async () => JSON.stringify({runs: cards}));
    expect(form.querySelector(".card-note")).toBeNull();
    expect(form.querySelectorAll("table.run-history tbody tr")).toHaveLength(1);
    await choose(form, "gone.json", () => Promise.reject(new Error("The file was moved.")));
    expect(form.querySelector(".card-note")!.textContent).toBe("Could not read gone.json: The file was moved.");
    expect(form.querySelectorAll("table.run-history")).toHaveLength(0);
  });
});
