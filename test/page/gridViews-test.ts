// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {TRAIN_PRESET_KEY} from "../../src/components/browser/trainPreset.js";
import type {GridState} from "../../src/components/browser/experimentGrid.js";
import {ApplyBest, GridResults, gridSection} from "../../src/components/page/gridViews.js";
import {SettingsForm, initialSettings} from "../../src/components/page/trainViews.js";
import {TRAIN_DEFAULTS} from "../../src/components/trainDefaults.js";

const summary = (ratings: number) => ({counts: {users: 300, movies: 400, ratings, myRatings: 40}}) as never;
const section = (ratings = 20_000, status = "idle") =>
  gridSection({
    session: {state: {status}} as never,
    openWorkbookStore: async () => ({}) as never,
    data: {summary: summary(ratings), stored: null},
    trainingData: {} as never,
    mine: {read: () => []}
  });
const buttons = (root: HTMLElement) => [...root.querySelectorAll("button")].map((b) => [b.textContent, b.disabled]);
const point = (index: number, validLoss: number, ndcg: number) => ({
  index,
  hyper: {...TRAIN_DEFAULTS, factors: 20 * (index + 1)},
  seconds: 2,
  validLoss,
  ndcg,
  stopped: false
});

describe("gridSection(context)", () => {
  it("starts from the notebook's five runs, and runs them over the page's settings", () => {
    const grid = section();
    expect(grid.editor.querySelectorAll("tbody tr, .grid-row").length).toBeGreaterThanOrEqual(5);
    const controls = grid.Controls(grid.editor.value, {...TRAIN_DEFAULTS}, "wasm");
    expect(buttons(controls)).toEqual([
      ["Run the grid", false],
      ["Stop the grid", true]
    ]);
    expect(controls.querySelector(".grid-error")).toBeNull();
    // While anything trains here, the grid cannot start; while it runs, it can be stopped.
    controls.sync("idle", "training");
    expect(buttons(controls)[0][1]).toBe(true);
    controls.sync("running", "training");
    expect(buttons(controls)[1][1]).toBe(false);
  });

  it("refuses to run, in words, while the page's settings are invalid, a row is, or there is no data", () => {
    const grid = section();
    const unset = grid.Controls(grid.editor.value, null, "wasm");
    expect(buttons(unset)[0][1]).toBe(true);
    expect(unset.querySelector(".grid-error")!.textContent).toMatch(/^Fix the settings above first/);
    const bad = grid.Controls([{factors: 0, bs: 256, epochs: 3}], {...TRAIN_DEFAULTS}, "wasm");
    expect(bad.querySelector(".grid-error")!.textContent).toMatch(/^Run 1: n_factors must be a whole number/);
    const empty = section(0);
    expect(buttons(empty.Controls(empty.editor.value, {...TRAIN_DEFAULTS}, "wasm"))[0][1]).toBe(true);
  });
});

describe("GridResults(gridState, {width}) and ApplyBest(gridState, form)", () => {
  const state = (points: ReturnType<typeof point>[]): GridState => ({
    status: points.length ? "done" : "idle",
    runs: points.map((p) => p.hyper),
    current: null,
    points,
    error: null
  });

  it("say where the grid stands and chart its runs", () => {
    expect(GridResults(state([]), {width: 480}).textContent).toContain("No grid has run yet on this page.");
    const done = GridResults(state([point(0, 0.8, 0.1), point(1, 0.9, 0.2)]), {width: 480});
    expect(done.querySelector(".grid-status")!.textContent).toMatch(/^Done: 2 runs/);
    expect(done.querySelector("svg")).not.toBeNull();
  });

  it("apply the best run's settings to the form and keep them as its starting values, only once a run finished", () => {
    const form = SettingsForm(initialSettings({...TRAIN_DEFAULTS}, {}));
    const none = ApplyBest(state([]), form).querySelector("button")!;
    expect([none.textContent, none.disabled]).toEqual(["Apply best so far", true]);
    const button = ApplyBest(state([point(0, 0.8, 0.1), point(1, 0.9, 0.2)]), form).querySelector("button")!;
    expect(button.textContent).toMatch(/^Apply best so far: 40 factors/);
    button.click();
    expect(form.value.factors).toBe("40");
    expect(JSON.parse(localStorage.getItem(TRAIN_PRESET_KEY)!)).toMatchObject({factors: 40});
  });
});
