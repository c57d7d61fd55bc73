// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {CheckpointInfo, StoredModel, WorkbookStore} from "../../src/components/browser/workbookStore.js";
import {
  DownloadList,
  FilterForm,
  FilterNotes,
  ModelNote,
  NoModelsNote,
  RetrainButton,
  chosenModel,
  MyList,
  modelChoices,
  retrain,
  retrainHyper,
  rowExplanations,
  seenIt,
  watchStoredModels
} from "../../src/components/page/recommendViews.js";
import type {ModelWeights} from "../../src/components/model/modelWeights.js";

/** What a view shows when it has nothing to say (ui/Nothing.ts): never null, which a page would print. */
const NOTHING = '<div class="nothing"></div>';

const info = (name: string, savedAt: string, id?: number) =>
  ({id, name, savedAt, epochs: 1, validLoss: 0.81234}) as CheckpointInfo;
/** A store whose latest model and checkpoints are what the test says now. */
function store(now: {latest: StoredModel | null; checkpoints: CheckpointInfo[]}) {
  return {
    now,
    store: {
      getLatest: async () => now.latest,
      listCheckpoints: async () => [...now.checkpoints],
      getCheckpoint: async () => null
    } as unknown as WorkbookStore
  };
}
const latest = {info: info("latest", "2026-12-07T01:00:00Z"), bytes: new ArrayBuffer(0), ranker: null} as StoredModel;

describe("modelChoices(store) and NoModelsNote(models, {noData, problem})", () => {
  it("offers the latest model, then the checkpoints newest first, or says why there is none", async () => {
    const {store: s} = store({
      latest,
      checkpoints: [info("old", "2026-01-01T00:00:00Z", 1), info("new", "2026-06-01T00:00:00Z", 2)]
    });
    expect(await modelChoices(s)).toEqual([
      {key: "latest", label: "The latest trained model"},
      {key: 2, label: "Checkpoint: new"},
      {key: 1, label: "Checkpoint: old"}
    ]);
    expect(NoModelsNote(await modelChoices(s), {noData: false, problem: null}).outerHTML).toBe(NOTHING);
    expect(NoModelsNote([], {noData: true, problem: null})!.textContent).toMatch(/then train a model, to see/);
    expect(NoModelsNote([], {noData: false, problem: null})!.textContent).toMatch(/^No trained model yet/);
    expect(NoModelsNote([], {noData: false, problem: "blocked"})!.textContent).toMatch(/“Train a model here” below/);
  });
});

describe("chosenModel(store, choice, movies, catalogue) and ModelNote(chosen, movies)", () => {
  it("reads nothing without a choice, and says what the chosen model is, or that it is another dataset's", async () => {
    expect(await chosenModel(store({latest, checkpoints: []}).store, null, [], "c")).toEqual({
      record: null,
      decoded: null,
      weights: null
    });
    expect(ModelNote({record: null, decoded: null, weights: null}, 10).childElementCount).toBe(0);
    expect(ModelNote({record: latest, decoded: {} as ModelWeights, weights: {} as ModelWeights}, 10).textContent).toBe(
      "latest: trained for 1 epoch, valid loss 0.8123."
    );
    const other = {record: latest, decoded: {movies: 3_700} as ModelWeights, weights: null};
    expect(ModelNote(other, 400).textContent).toBe(
      "This model was trained on another dataset (3,700 movies; this one has 400). Train a model on this dataset, " +
        "or choose another."
    );
  });
});

describe("watchStoredModels(store, reread, invalidation)", () => {
  it("re-reads when this tab is looked at again and the stored models changed, and not otherwise", async () => {
    const {now, store: s} = store({latest: null, checkpoints: []});
    let rereads = 0;
    let end!: () => void;
    const invalidation = new Promise<void>((resolve) => (end = resolve));
    await watchStoredModels(s, () => void rereads++, invalidation);
    const look = async () => {
      window.dispatchEvent(new Event("focus"));
      await new Promise((resolve) => setTimeout(resolve, 0));
    };
    await look();
    expect(rereads).toBe(0);
    now.latest = latest;
    await look();
    expect(rereads).toBe(1);
    await look();
    expect(rereads).toBe(1);
    end();
    await invalidation;
    now.checkpoints.push(info("x", "2026-12-07T02:00:00Z", 3));
    await look();
    expect(rereads).toBe(1);
  });
});

describe("FilterForm(genres, movies, linked), FilterNotes(refused, notes) and DownloadList(shown, options)", () => {
  it("starts from the link's values, with the years the data spans as placeholders", () => {
    const movies = [{year: 1950}, {year: null}, {year: 2008}];
    const form = FilterForm(["Comedy", "Drama"], movies, {n: "10", include: ["Drama"], terms: "matrix"});
    expect(form.value).toMatchObject({n: "10", terms: "matrix", include: ["Drama"], exclude: [], from: "", to: ""});
    const placeholders = [...form.querySelectorAll("input")].map((i) => i.placeholder).filter(Boolean);
    expect(placeholders).toEqual([
      "20",
      "comma-separated, e.g. christmas, the matrix",
      "any, from 1950",
      "any, to 2008",
      "0"
    ]);
    expect(FilterForm([], [], {}).value).toMatchObject({n: "20"});
  });

  it("lists the link's refusals before the filters' notes, and downloads the list shown as CSV", () => {
    const notes = FilterNotes({n: "Top N “x” is not a number."}, ["Years read the right way round."]);
    expect([...notes.querySelectorAll(".filter-note")].map((n) => n.textContent)).toEqual([
      "Top N “x” is not a number.",
      "Years read the right way round."
    ]);
    expect(DownloadList([], {predicted: true}).outerHTML).toBe(NOTHING);
    const files: string[] = [];
    const row = {
      rank: 1,
      movieId: 7,
      index: 0,
      title: "Movie 7",
      year: 1999,
      genres: [],
      predicted: 4.5,
      ratings: 3,
      mean: 4
    };
    DownloadList([row], {predicted: true, download: (parts, name) => void files.push(name, String(parts[0]))})!
      .querySelector("button")!
      .click();
    expect(files[0]).toBe("recommendations.csv");
    expect(files[1]).toMatch(/Movie 7/);
  });
});

describe("rowExplanations(movies)", () => {
  const movies = [{title: "Alpha"}, {title: "Beta"}, {title: "Gamma"}];
  const weights = {
    movieFactors: Float32Array.of(1, 0, 0, 1, 0.7, 0.7),
    movieBias: Float32Array.of(0.1, -0.1, 0),
    factors: 2,
    yRange: [0.5, 5.5]
  } as unknown as ModelWeights;
  const personal = {user: {factors: Float32Array.of(0.5, -0.2), bias: 0.3}, rated: [{movie: 0, rating: 5}]};
  const counts = [100, 10, 50];

  it("keeps rows open on a redraw of the same order, and closes them all when the order changes", () => {
    const why = rowExplanations(movies);
    why.follow('{"kind":"predicted","weight":0}');
    why.onToggle(7, true);
    why.onToggle(8, true);
    why.onToggle(8, false);
    why.follow('{"kind":"predicted","weight":0}');
    expect([...why.expanded]).toEqual([7]);
    why.follow('{"kind":"ials"}');
    expect([...why.expanded]).toEqual([]);
  });

  it("explains a predicted rating by its parts, and an iALS place by my rated movies' shares", () => {
    const why = rowExplanations(movies);
    const predicted = why.breakdown({weights, personal, order: {kind: "predicted", weight: 0.3}, ials: null, counts});
    const parts = predicted({index: 2});
    expect(parts.textContent).toContain("Alpha");
    const explained: string[] = [];
    const ials = {
      rated: [{movie: 0, rating: 5}],
      foldIn: {
        explain: (_: unknown, movie: number) => (
          explained.push(String(movie)),
          {score: 0.5, contributions: [{movie: 0, rating: 5, liked: true, residual: 1, similarity: 0.5, amount: 0.5}]}
        )
      }
    } as never;
    const place = why.breakdown({weights, personal, order: {kind: "ials"}, ials, counts})({index: 1});
    expect(explained).toEqual(["1"]);
    expect(place.textContent).toContain("Alpha");
    expect(place.textContent).not.toEqual(parts.textContent);
  });
});

describe("seenIt(mine, movies, say) and MyList(state, options)", () => {
  const movies = [
    {id: 1, title: "Alpha", year: 2001, genres: [], ratings: 10},
    {id: 2, title: "Beta", year: 2002, genres: [], ratings: 5}
  ];
  const row = (movieId: number, rank: number) => ({
    rank,
    movieId,
    index: movieId - 1,
    title: `M${movieId}`,
    year: 2000,
    genres: [],
    predicted: 4,
    ratings: 3,
    mean: 4
  });
  const options = {onRate: () => {}, stars: [1, 2, 3, 4, 5], empty: "No movie passes these filters."};
  const base = {
    noData: false,
    coldStart: false,
    popularTop: [row(2, 1)],
    top: [row(1, 1)],
    weights: null,
    personal: null,
    order: {kind: "predicted" as const, weight: 0},
    ials: null,
    counts: [],
    models: 0
  };

  it("rates a movie, and says so in words", () => {
    const applied: unknown[] = [];
    const said: string[] = [];
    seenIt({apply: (c) => (applied.push(...c), [])}, movies, (t) => void said.push(t))(2, 1);
    expect(applied).toEqual([{movieId: 2, rating: 1}]);
    expect(said).toEqual(["Rated Beta 1 star: it leaves the list."]);
  });

  it("lists nothing without data, the most popular in a cold start, and says why there is no list", () => {
    const why = rowExplanations(movies);
    expect(MyList({...base, noData: true, why}, options).childElementCount).toBe(0);
    const cold = MyList({...base, coldStart: true, why}, options);
    expect(cold.querySelectorAll("table tbody tr[data-movie-id]").length).toBe(1);
    expect(cold.childElementCount).toBe(1);
    expect(MyList({...base, why}, options).textContent).toBe("My recommendations appear here once a model is trained.");
    expect(MyList({...base, why, models: 2}, options).textContent).toMatch(/^There is nothing to recommend/);
  });

  it("puts a keyboard user back on the row now in the place of the one they rated, once it is drawn", async () => {
    const why = rowExplanations(movies);
    const before = MyList({...base, coldStart: true, popularTop: [row(1, 1), row(2, 2)], why}, options);
    document.body.replaceChildren(before);
    before.querySelector<HTMLElement>("tr[data-movie-id='1'] select.seen-it")!.focus();
    // Movie 1 was rated: the list drawn next holds movie 2 in its place, and replaces the one before.
    const after = MyList({...base, coldStart: true, popularTop: [row(2, 1)], why}, options);
    document.body.replaceChildren(after);
    await Promise.resolve();
    expect(document.activeElement).toBe(after.querySelector("tr[data-movie-id='2'] select.seen-it"));
  });
});

describe("retrainHyper(record) and retrain(context)", () => {
  it("retrains the shown model's settings from scratch for every epoch it had, or the defaults for a first one", () => {
    const hyper = {factors: 20, bs: 64, epochs: 2, lrMax: 0.01, wd: 0.1, seed: 7};
    expect(retrainHyper({info: {...info("m", "t"), hyper, epochs: 5}})).toEqual({...hyper, epochs: 5});
    expect(retrainHyper({info: {...info("m", "t"), hyper: {...hyper, epochs: 3}, epochs: 1}})).toMatchObject({
      epochs: 3
    });
    expect(retrainHyper(null)).toEqual({
      factors: 50,
      bs: 256,
      epochs: 3,
      lrMax: 0.01,
      wd: 0.1,
      seed: 42,
      split: "random"
    });
  });

  it("refuses in words, training nothing, when the model shown was replaced since (another tab)", async () => {
    const said: string[] = [];
    let rereads = 0;
    let trained = 0;
    await retrain({
      session: {state: {status: "idle"}, train: () => void trained++} as never,
      store: {getLatest: async () => null, getCheckpoint: async () => null} as never,
      data: {summary: {dataset: {name: "d"}}, stored: null} as never,
      trainingData: {ratingsUrl: "", wasmUrls: {}, dataset: {catalogue: "c", name: "d"}},
      mine: {read: () => []},
      movies: [],
      shown: {weights: {} as ModelWeights, record: latest, key: "latest", top: []},
      rankingMode: "best",
      order: {kind: "ials"},
      counts: [],
      options: {},
      refuse: (text) => void said.push(text),
      reread: () => void rereads++,
      showChanges: () => {}
    });
    expect(said[0]).toBe("");
    expect(said[1]).toBe(
      "The latest model is no longer in this browser (another tab removed it): nothing was trained."
    );
    expect(rereads).toBe(1);
    expect(trained).toBe(0);
  });
});

describe("RetrainButton(context, {chosen, key, problem})", () => {
  const context = {top: []} as never;
  const label = (button: HTMLElement) => [button.textContent, button.querySelector("button")!.disabled];
  it("retrains the model shown, trains a first one here where the browser keeps none, and is off otherwise", () => {
    const shown = {weights: {} as ModelWeights, record: latest};
    expect(label(RetrainButton(context, {chosen: shown, key: "latest", problem: null}))).toEqual([
      "Retrain with my new ratings",
      false
    ]);
    const none = {weights: null, record: null};
    expect(label(RetrainButton(context, {chosen: none, key: undefined, problem: "blocked"}))).toEqual([
      "Train a model here",
      false
    ]);
    expect(label(RetrainButton(context, {chosen: none, key: undefined, problem: null}))).toEqual([
      "Retrain with my new ratings",
      true
    ]);
  });
});
