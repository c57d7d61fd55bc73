// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {StoredModel} from "../../src/components/browser/workbookStore.js";
import type {RankingChoice} from "../../src/components/model/chooseRanking.js";
import type {ModelWeights} from "../../src/components/model/modelWeights.js";
import type {MyRating} from "../../src/components/movielens/myRatingsFile.js";
import {
  coldStartChanges,
  PopularityField,
  popularityControls,
  rankMyList,
  rankingControls
} from "../../src/components/page/recommendRanking.js";

/** What a view shows when it has nothing to say (ui/Nothing.ts): never null, which a page would print. */
const NOTHING = '<div class="nothing"></div>';

// Two users (the second is me, 99999), four movies, one factor: I like what points up.
const weights: ModelWeights = {
  users: 2,
  movies: 4,
  factors: 1,
  yRange: [0.5, 5.5],
  catalogue: null,
  wd: 0.1,
  userIds: Int32Array.of(1, 99999),
  movieIds: Int32Array.of(10, 20, 30, 40),
  userFactors: Float32Array.of(0.5, 1),
  movieFactors: Float32Array.of(1, -1, 0.8, -0.5),
  userBias: Float32Array.of(0, 0.2),
  movieBias: Float32Array.of(0, 0, 0, 0)
};
const movies = [10, 20, 30, 40].map((id, i) => ({
  id,
  title: `Movie ${id}`,
  year: 2000,
  genres: [],
  ratings: [5, 50, 10, 500][i],
  mean: 3
}));
const choice = (kind: "ials" | "predicted"): RankingChoice => ({
  chosen: kind === "ials" ? {kind: "ials"} : {kind: "predicted", weight: 0.3},
  chosenOn: 100,
  reportedOn: 100,
  k: 10,
  ndcg: 0.2,
  popularNdcg: 0.1,
  candidates: []
});
const record = (ranking: RankingChoice | null, ranker: unknown = null) =>
  ({info: {ranking: ranking && {choice: ranking}, myRatingsUsed: null}, ranker}) as unknown as StoredModel;
const mine: MyRating[] = [{movieId: 10, rating: 5, timestamp: 1}];
const filters = {options: {n: 20, excludeTerms: [], includeGenres: [], excludeGenres: [], years: null, minRatings: 0}};

describe("coldStartChanges(mine)", () => {
  it("tells whether my ratings are too few for a list of my own, only when that changes", () => {
    const listeners: ((ratings: MyRating[]) => void)[] = [];
    const told: boolean[] = [];
    const stop = coldStartChanges({
      watch: (listener) => (listeners.push(listener), listener([]), () => void listeners.pop())
    })((coldStart) => void told.push(coldStart));
    const rate = (n: number) =>
      listeners.forEach((l) => l(Array.from({length: n}, (_, i) => ({...mine[0], movieId: i}))));
    [1, 2, 3, 4, 5, 6, 4].forEach(rate);
    expect(told).toEqual([true, false, true]);
    stop();
    expect(listeners).toEqual([]);
  });
});

describe("rankingControls(chosen, {coldStart, linked})", () => {
  it("offers the switch, set from the link, where the run measured a ranking the list can use", () => {
    const controls = rankingControls(
      {weights, record: record(choice("predicted"))},
      {coldStart: false, linked: "predicted"}
    );
    expect(controls.usable).toEqual(choice("predicted"));
    expect(controls.input!.value).toBe("predicted");
    expect(controls.note.outerHTML).toBe(NOTHING);
    expect(rankingControls({weights, record: record(choice("predicted"))}, {coldStart: false}).input!.value).toBe(
      "best"
    );
  });

  it("offers no switch in a cold start, nor for iALS kept without its model, and says why it ranks by rating", () => {
    expect(rankingControls({weights, record: record(choice("predicted"))}, {coldStart: true}).input).toBeNull();
    const noRanker = rankingControls({weights, record: record(choice("ials"))}, {coldStart: false});
    expect(noRanker).toMatchObject({usable: null, input: null});
    expect(noRanker.note.textContent).toMatch(/^This model was kept without its ranking evaluation/);
    expect(rankingControls({weights: null, record: null}, {coldStart: false}).note.outerHTML).toBe(NOTHING);
  });
});

describe("the ranking switch's and the knob's fields", () => {
  it("hold the control and its note, and read as the control, else as ranked by predicted rating with no knob", () => {
    const withSwitch = rankingControls({weights, record: record(choice("predicted"))}, {coldStart: false});
    expect(withSwitch.field.value).toBe("best");
    expect(withSwitch.field.contains(withSwitch.input!)).toBe(true);
    const noSwitch = rankingControls({weights, record: record(choice("ials"))}, {coldStart: false});
    expect(noSwitch.field.value).toBe("predicted");
    expect(noSwitch.field.textContent).toMatch(/^This model was kept without its ranking evaluation/);
    const chosen = {record: record(null)};
    const knob = popularityControls(chosen, {rankingMode: "predicted", coldStart: false, linked: 0.5});
    expect(knob.field.value).toBe(0.5);
    const off = popularityControls(chosen, {rankingMode: "best", coldStart: false});
    expect(off.field.value).toBeNull();
    // The page's one line: the link's values, of which the knob reads its own.
    const linked = {popularity: 0.5, ranking: "best"};
    expect(PopularityField(chosen, {rankingMode: "predicted", coldStart: false, linked}).value).toBe(0.5);
    expect(off.field.textContent).toBe(
      "The knob applies when the list is ranked by predicted rating (the switch above)."
    );
  });
});

describe("popularityControls(chosen, {rankingMode, coldStart, linked})", () => {
  it("shows the knob, from the link's value, only where the list is ranked by predicted rating", () => {
    const chosen = {record: record(null)};
    const knob = popularityControls(chosen, {rankingMode: "predicted", coldStart: false, linked: 0.5});
    expect(knob.input!.value).toBe(0.5);
    expect(knob.note.outerHTML).toBe(NOTHING);
    expect(popularityControls(chosen, {rankingMode: "predicted", coldStart: false}).input!.value).toBe(0);
    expect(popularityControls(chosen, {rankingMode: "predicted", coldStart: true}).input).toBeNull();
    const off = popularityControls(chosen, {rankingMode: "best", coldStart: false});
    expect(off.input).toBeNull();
    expect(off.note.textContent).toBe(
      "The knob applies when the list is ranked by predicted rating (the switch above)."
    );
  });
});

describe("rankMyList({movies, chosen, myRatings, filters, rankingMode, popularity, coldStart})", () => {
  const list = (over: Partial<Parameters<typeof rankMyList>[0]>) =>
    rankMyList({
      movies,
      chosen: {weights, record: record(null)},
      myRatings: mine,
      filters,
      rankingMode: "predicted",
      popularity: 0,
      coldStart: false,
      ...over
    });
  const ids = (rows: {movieId: number}[]) => rows.map((r) => r.movieId);

  it("ranks my predictions, the movies I rated left out, by predicted rating with popularity blended in", () => {
    const alone = list({});
    expect(alone.order).toEqual({kind: "predicted", weight: 0});
    expect(ids(alone.top)).toEqual([30, 40, 20]);
    expect(alone.popularTop).toEqual([]);
    // Two stars per doubling of a movie's ratings puts the most rated first.
    expect(ids(list({popularity: 2}).top)).toEqual([40, 20, 30]);
    // The run's measured best, where the list uses it: here the predicted rating with 0.3 stars per doubling.
    const measured = {weights, record: record(choice("predicted"))};
    expect(list({rankingMode: "best", chosen: measured}).order).toEqual({kind: "predicted", weight: 0.3});
    // Ranked by predicted rating where the run measured nothing, whatever the mode.
    expect(list({rankingMode: "best"}).order).toEqual({kind: "predicted", weight: 0});
  });

  it("lists the most popular movies in a cold start, and nothing of mine without a model", () => {
    const cold = list({coldStart: true});
    expect(cold.top).toEqual([]);
    expect(ids(cold.popularTop)).toEqual([40, 20, 30]);
    const none = list({chosen: {weights: null, record: null}});
    expect(none).toMatchObject({personal: null, top: [], ials: null});
  });
});
