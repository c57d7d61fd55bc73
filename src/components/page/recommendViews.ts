import * as Inputs from "@observablehq/inputs";
import {html} from "htl";
import {downloadBlob} from "../browser/downloadBlob.js";
import type {MyRatingsStore} from "../browser/myRatingsStorage.js";
import {staleDataset} from "../browser/staleDataset.js";
import {staleModel} from "../browser/staleModel.js";
import {trainAndSave} from "../browser/trainAndSave.js";
import type {TrainingSession} from "../browser/trainingSession.js";
import type {WorkbookData} from "../browser/workbookData.js";
import {onOtherTabChange} from "../browser/workbookChannel.js";
import type {StorageProblem} from "../browser/pageStorage.js";
import type {StoredModel, WorkbookStore} from "../browser/workbookStore.js";
import type {MovieRow} from "../movielens/datasetArtifacts.js";
import {modelMatches, modelWeights} from "../model/modelWeights.js";
import type {ModelWeights} from "../model/modelWeights.js";
import type {RankingName} from "../model/chooseRanking.js";
import {explainPrediction} from "../model/explainPrediction.js";
import {personalPredictions} from "../model/personalPredictions.js";
import type {PersonalPredictions} from "../model/personalPredictions.js";
import {topInOrder} from "../model/personalRanking.js";
import type {PersonalIals} from "../model/personalRanking.js";
import type {Recommendation, RecommendOptions} from "../model/recommend.js";
import {TRAIN_DEFAULTS} from "../trainDefaults.js";
import type {TrainHyper} from "../trainDefaults.js";
import type {TrainingData} from "./trainingPage.js";
import {recommendationsCsv} from "../model/recommendationsCsv.js";
import {NoData} from "../ui/NoData.js";
import {IalsBreakdown} from "../ui/IalsBreakdown.js";
import {Note} from "../ui/Note.js";
import {ControlWithNote} from "../ui/withValue.js";
import {restoreRowFocus, rowFocus} from "../ui/keepRowFocus.js";
import {Nothing} from "../ui/Nothing.js";
import {PredictionBreakdown} from "../ui/PredictionBreakdown.js";
import {PredictionSource} from "../ui/PredictionSource.js";
import {RecommendationTable} from "../ui/RecommendationTable.js";
import {TopNChanges} from "../ui/TopNChanges.js";
import {announce} from "../ui/announce.js";
import {noModelText} from "../ui/noModelText.js";

// The Recommendations page's steps, each from the page's data: the models it can rank with and the one chosen, the
// filter form and its notes, my list with "Why?" and "I've seen it", the list's download, and the retrain. (How the
// list is ranked is in recommendRanking.ts, and the filters' link in filterControls.ts.)

/** A model the page can rank with: the latest trained model, or a checkpoint (by its id). */
export interface ModelChoice {
  key: "latest" | number;
  label: string;
}

/** The models the select offers: the latest trained model first, then the checkpoints, newest first. */
export async function modelChoices(
  store: Pick<WorkbookStore, "getLatest" | "listCheckpoints">
): Promise<ModelChoice[]> {
  const latest = await store.getLatest();
  const checkpoints = await store.listCheckpoints();
  return [
    ...(latest ? [{key: "latest" as const, label: "The latest trained model"}] : []),
    ...checkpoints
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt))
      .map((c) => ({key: c.id!, label: `Checkpoint: ${c.name}`}))
  ];
}

/**
 * Calls `reread` when the stored models changed (the latest model's time, or the checkpoints): when this tab is looked
 * at again, or at once when another tab says so; and not otherwise, so nothing on the page resets. Stops listening
 * when the page's cell ends (`invalidation`).
 */
export async function watchStoredModels(
  store: Pick<WorkbookStore, "getLatest" | "listCheckpoints">,
  reread: () => void,
  invalidation: Promise<unknown>
): Promise<void> {
  const stored = async () =>
    JSON.stringify([
      (await store.getLatest())?.info.savedAt ?? null,
      ...(await store.listCheckpoints()).map((c) => [c.id, c.savedAt])
    ]);
  let seen = await stored();
  const check = async () => {
    const now = await stored();
    if (now === seen) return;
    seen = now;
    reread();
  };
  const onLook = () => {
    if (document.visibilityState === "visible") void check();
  };
  document.addEventListener("visibilitychange", onLook);
  window.addEventListener("focus", onLook);
  const stopHearing = onOtherTabChange("models", () => void check());
  void invalidation.then(() => {
    document.removeEventListener("visibilitychange", onLook);
    window.removeEventListener("focus", onLook);
    stopHearing();
  });
}

/**
 * The model to rank with: a select over the `models` (the latest trained model first), or, with none, why and what to
 * do (NoModelsNote); to `view`, its value is the model chosen (null with none).
 */
export function ModelSelect(
  models: readonly ModelChoice[],
  options: {noData: boolean; problem: StorageProblem | null}
): HTMLElement & {value: ModelChoice | null} {
  const select = models.length
    ? (Inputs.select(models, {label: "Model", format: (d: ModelChoice) => d.label}) as HTMLElement & {value: unknown})
    : null;
  // NoModelsNote is Nothing when there are models.
  return ControlWithNote<ModelChoice | null>(select, NoModelsNote(models, options), null);
}

/** Why there is no model to choose, and what to do (with no data: load it first); Nothing when there are models. */
export function NoModelsNote(
  models: readonly ModelChoice[],
  {noData, problem}: {noData: boolean; problem: StorageProblem | null}
): HTMLElement {
  if (models.length) return Nothing();
  if (noData) return NoData("then train a model, to see recommendations");
  const here = "Train one here instead, with “Train a model here” below.";
  return Note(noModelText(problem, {here}), {className: "no-model"});
}

/** The model chosen: its record, its weights decoded, and those weights when they were trained on this dataset. */
export interface ChosenModel {
  record: StoredModel | null;
  decoded: ModelWeights | null;
  /** The weights to rank with: null when there is no model, or it was trained on another dataset. */
  weights: ModelWeights | null;
}

/** Reads the model chosen in the select (null: none) for this dataset's movies and catalogue. */
export async function chosenModel(
  store: Pick<WorkbookStore, "getLatest" | "getCheckpoint">,
  choice: ModelChoice | null,
  movies: readonly Pick<MovieRow, "id">[],
  catalogue: string
): Promise<ChosenModel> {
  const record =
    choice === null ? null : choice.key === "latest" ? await store.getLatest() : await store.getCheckpoint(choice.key);
  const decoded = record ? modelWeights(record.bytes) : null;
  const weights = decoded && modelMatches(decoded, movies, catalogue) ? decoded : null;
  return {record, decoded, weights};
}

/**
 * One line on the model chosen: its name, epochs and valid loss; or, for a model trained on another dataset, that it
 * cannot rank these movies and what to do. Always an element, so a warning about one model goes when another is chosen.
 */
export function ModelNote({record, decoded, weights}: ChosenModel, movies: number): HTMLElement {
  if (decoded && !weights)
    return Note(
      `This model was trained on another dataset (${decoded.movies.toLocaleString("en-US")} movies; ` +
        `this one has ${movies.toLocaleString("en-US")}). Train a model on this dataset, or choose another.`,
      {className: "other-dataset", kind: "warning"}
    );
  if (!record) return Nothing();
  const {name, epochs, validLoss} = record.info;
  return Note(
    `${name}: trained for ${epochs} epoch${epochs === 1 ? "" : "s"}` +
      `${validLoss === null ? "" : `, valid loss ${validLoss.toFixed(4)}`}.`,
    {className: "model-info"}
  );
}

/** The filter form's fields as typed: numbers as text ("" when cleared), genres as lists. */
export interface FilterFields {
  n: string;
  terms: string;
  include: string[];
  exclude: string[];
  from: string;
  to: string;
  minRatings: string;
}

/**
 * The filters' form: Top N, titles to exclude (the notebook's `exclude_terms`), genres wanted and not, years and a
 * minimum number of ratings, each starting from the page's link (`linked`) where it has a value; `genres` are the
 * dataset's, sorted. Number fields keep
 * what was typed, "" when cleared: recommendFilters reads every state, and says how.
 */
export function FilterForm(
  genres: readonly string[],
  movies: readonly Pick<MovieRow, "year">[],
  linked: Partial<FilterFields>
): HTMLElement & {value: FilterFields} {
  const years = movies.map((m) => m.year).filter((y): y is number => y !== null);
  const numberField = (label: string, options: Record<string, unknown>) =>
    Inputs.text({label, type: "number", validate: () => true, ...options});
  const genreField = (label: string, value: string[] | undefined) =>
    Inputs.select(genres, {label, multiple: true, size: 4, value: value ?? []});
  return Inputs.form({
    n: numberField("Top N", {value: linked.n ?? "20", placeholder: "20", min: 1, step: 1}),
    terms: Inputs.text({
      label: "Exclude titles containing",
      placeholder: "comma-separated, e.g. christmas, the matrix",
      width: 360,
      value: linked.terms ?? ""
    }),
    include: genreField("Only these genres", linked.include),
    exclude: genreField("Not these genres", linked.exclude),
    from: numberField("From year", {
      placeholder: years.length ? `any, from ${years.reduce((a, b) => Math.min(a, b))}` : "any",
      step: 1,
      value: linked.from ?? ""
    }),
    to: numberField("To year", {
      placeholder: years.length ? `any, to ${years.reduce((a, b) => Math.max(a, b))}` : "any",
      step: 1,
      value: linked.to ?? ""
    }),
    minRatings: numberField("At least this many ratings", {
      placeholder: "0",
      min: 0,
      step: 1,
      value: linked.minRatings ?? ""
    })
  }) as HTMLElement & {value: FilterFields};
}

/**
 * The notes on the filters: what the page's link held wrongly first, then how the filters were read; always an
 * element, so that notes about an earlier state go when it is fixed.
 */
export function FilterNotes(refused: Record<string, string>, notes: readonly string[]): HTMLElement {
  return html`<div class="filter-notes">${[...Object.values(refused), ...notes].map((text) =>
    Note(text, {className: "filter-note", kind: "note"})
  )}</div>`;
}

/** "Download this list (CSV)": the list as shown, filters applied; nothing (an empty element) when it is empty. */
export function DownloadList(
  shown: readonly Recommendation[],
  {predicted, download = downloadBlob}: {predicted: boolean; download?: typeof downloadBlob}
): HTMLElement {
  if (!shown.length) return Nothing();
  return Inputs.button("Download this list (CSV)", {
    reduce: () => download([recommendationsCsv(shown, {predicted})], "recommendations.csv", "text/csv")
  });
}

/** What "Why?" explains a row's place with: the order in use and the factors behind its score. */
export interface WhyContext {
  weights: ModelWeights;
  personal: Pick<PersonalPredictions, "user" | "rated">;
  order: RankingName;
  ials: Pick<PersonalIals, "foldIn" | "rated"> | null;
  counts: readonly number[];
}

/**
 * "Why this movie?" for the list's rows: which rows are open (kept open on a redraw of the same order), and each
 * row's breakdown, built when it is opened, from the factors behind the score that ordered it (my fold-in's), so it
 * follows "I've seen it" and a retrain: iALS's score in shares, or the predicted rating's parts, with the popularity
 * term of a blend. Another order (the switch, the knob) starts with every row closed (`follow`).
 */
export function rowExplanations(movies: readonly Pick<MovieRow, "title">[]) {
  const expanded = new Set<number>();
  let order: string | null = null;
  const titleOf = (i: number) => movies[i].title;
  return {
    expanded,
    onToggle: (movieId: number, open: boolean) => void (open ? expanded.add(movieId) : expanded.delete(movieId)),
    /** Closes every row when the order in use (`key`) is not the one the open rows explained. */
    follow(key: string) {
      if (key !== order) expanded.clear();
      order = key;
    },
    breakdown:
      ({weights, personal, order, ials, counts}: WhyContext) =>
      (row: Pick<Recommendation, "index">): HTMLElement =>
        order.kind === "ials" && ials
          ? IalsBreakdown({movie: row.index, ...ials.foldIn.explain(ials.rated, row.index)}, {titleOf})
          : PredictionBreakdown(explainPrediction(weights, personal.user, row.index, personal.rated), {
              titleOf,
              popularity: {weight: order.kind === "predicted" ? order.weight : 0, ratings: counts[row.index]}
            })
  };
}

/**
 * "I've seen it": the rating joins my ratings (as on the Rate movies page), the movie leaves the list, and a screen
 * reader hears both.
 */
export function seenIt(
  mine: Pick<MyRatingsStore, "apply">,
  movies: readonly Pick<MovieRow, "id" | "title">[],
  say: (text: string) => void = announce
): (movieId: number, rating: number) => void {
  return (movieId, rating) => {
    mine.apply([{movieId, rating}]);
    const title = movies.find((m) => m.id === movieId)?.title ?? `movie ${movieId}`;
    say(`Rated ${title} ${rating} ${rating === 1 ? "star" : "stars"}: it leaves the list.`);
  };
}

/**
 * My list as the page shows it: with no data, nothing (the page's note says why); in a cold start (fewer than
 * PERSONAL_MIN_RATINGS of my ratings), the most popular movies, with no predictions; with a model of this dataset
 * (`weights`, and my `personal` predictions), what my predictions rest on (PredictionSource) and my top N in the
 * order in use, each row with "Why?" and "I've seen it"; else why there is nothing to list. A keyboard user who rated
 * a row keeps their place: focus goes to the same control of the row now in its place (keepRowFocus), once the list
 * has replaced the one drawn before it.
 */
export function MyList(
  {
    noData,
    coldStart,
    popularTop,
    top,
    why,
    weights,
    personal,
    order,
    ials,
    counts,
    models
  }: {
    noData: boolean;
    coldStart: boolean;
    popularTop: readonly Recommendation[];
    top: readonly Recommendation[];
    why: ReturnType<typeof rowExplanations>;
    /** The model's weights and my predictions: the model's side of "Why?"; null without a model of this dataset. */
    weights: ModelWeights | null;
    personal: PersonalPredictions | null;
    order: RankingName;
    ials: WhyContext["ials"];
    counts: readonly number[];
    /** How many models the page offers (none: train one; some: the chosen one is another dataset's). */
    models: number;
  },
  {
    onRate,
    stars,
    empty,
    doc = document
  }: {onRate: (movieId: number, rating: number) => void; stars: readonly number[]; empty: string; doc?: Document}
): HTMLElement {
  // Where focus is in the list drawn before, read before this one replaces it.
  const focusAt = rowFocus(doc, "table.recommendations");
  const root = doc.createElement("div");
  root.className = "my-list";
  const show = (views: HTMLElement[], table: HTMLElement | null = null) => {
    root.append(...views);
    if (table) queueMicrotask(() => restoreRowFocus(table, focusAt));
    return root;
  };
  if (noData) return show([]);
  if (coldStart) {
    const table = RecommendationTable(popularTop, {onRate, stars, empty, predicted: false});
    return show([table], table);
  }
  if (weights && personal) {
    why.follow(JSON.stringify(order));
    const table = RecommendationTable(top, {
      onRate,
      stars,
      empty,
      expanded: why.expanded,
      onToggle: why.onToggle,
      explain: why.breakdown({weights, personal, order, ials, counts}),
      explains: order.kind === "ials" ? "place" : "prediction"
    });
    return show([PredictionSource(personal), table], table);
  }
  // Shown so that a table left by another model goes.
  const text = models
    ? "There is nothing to recommend with this model: choose one trained on this dataset."
    : "My recommendations appear here once a model is trained.";
  return show([Note(text, {className: "recommendations", kind: "empty"})]);
}

/**
 * What "Retrain with my new ratings" trains: the chosen model's settings, from scratch, for as many epochs as it was
 * trained in all (a resumed run's own count is its last part); TRAIN_DEFAULTS for a first model trained here.
 */
export function retrainHyper(record: Pick<StoredModel, "info"> | null): TrainHyper {
  if (!record) return {...TRAIN_DEFAULTS};
  const {hyper, epochs} = record.info;
  return {...hyper, epochs: Math.max(epochs ?? 0, hyper.epochs)};
}

/** What the last retrain changed in my top N (TopNChanges), for the latest model. */
export interface RetrainChanges {
  before: readonly Recommendation[];
  after: Recommendation[];
  model: "latest";
}

/**
 * What the last retrain came to: why it was refused (in words), and what it changed in my top N, shown while the
 * model it describes, the latest, is the one chosen (`key`); Nothing when there is neither.
 */
export function RetrainOutcome(
  refusal: string,
  changes: RetrainChanges | null,
  {key}: {key: ModelChoice["key"] | undefined}
): HTMLElement {
  const root = document.createElement("div");
  root.className = "retrain-outcome";
  if (refusal) root.append(Note(refusal, {className: "retrain-refused", kind: "warning"}));
  if (changes && key === changes.model) root.append(TopNChanges(changes.before, changes.after));
  return root.childElementCount ? root : Nothing();
}

/** What a retrain needs of the page: its session, store and data, the model shown, and how to say what happened. */
export interface RetrainContext {
  session: TrainingSession;
  store: WorkbookStore;
  data: WorkbookData;
  trainingData: TrainingData;
  mine: Pick<MyRatingsStore, "read">;
  movies: readonly MovieRow[];
  /** The model shown (null where none can be: the browser keeps no models, and one is trained here). */
  shown: {weights: ModelWeights; record: StoredModel; key: "latest" | number; top: readonly Recommendation[]} | null;
  /** How the list is ranked now ("best": the run's measured best, else by predicted rating) and its filters. */
  rankingMode: string;
  order: RankingName;
  counts: readonly number[];
  options: RecommendOptions;
  refuse: (text: string) => void;
  reread: () => void;
  showChanges: (changes: RetrainChanges) => void;
}

/**
 * "Retrain with my new ratings" (retrain), or, where the browser keeps no models and none is shown, "Train a model
 * here" with the default settings, kept in this page; off while there is neither. A run's error is thrown from the
 * click, for the page to show.
 */
export function RetrainButton(
  c: Omit<RetrainContext, "shown"> & {top: readonly Recommendation[]},
  {
    chosen: {weights, record},
    key,
    problem
  }: {
    chosen: Pick<ChosenModel, "weights" | "record">;
    key: "latest" | number | undefined;
    problem: StorageProblem | null;
  }
): HTMLElement {
  // The model shown, to retrain and compare with: none without a model of this dataset.
  const shown = weights && record && key !== undefined ? {weights, record, key, top: c.top} : null;
  const here = !shown && problem !== null;
  return Inputs.button(here ? "Train a model here" : "Retrain with my new ratings", {
    disabled: !shown && !here,
    reduce: () => retrain({...c, shown})
  });
}

/**
 * Retrains with my ratings now, as the notebook's `add_new_ratings` did (from scratch, with the shown model's settings,
 * retrainHyper), or trains a first model here where the browser keeps none; refuses in words when the stored dataset or
 * model changed since the page opened (another tab). With a model shown, says what changed in my top N: the new
 * model's list ranked as this one is (by the new run's own measured best, or by predicted rating). Throws the run's
 * error, for the page to show.
 */
export async function retrain(c: RetrainContext): Promise<void> {
  c.refuse("");
  const {shown} = c;
  const refused = (await staleDataset(c.data)) ?? (shown ? await staleModel(c.store, shown.key, shown.record) : null);
  if (refused) return void (c.refuse(refused), c.reread());
  const hyper = retrainHyper(shown?.record ?? null);
  const run = await trainAndSave(c.session, c.store, {
    ...c.trainingData,
    backend: "auto",
    hyper,
    myRatings: c.mine.read(),
    name: `${shown ? "Retrained" : "Trained here"}: ${hyper.factors} factors, bs ${hyper.bs}`
  });
  if (!run) return;
  if (run.error) throw run.error;
  if (shown && run.final.checkpoint) {
    const now = c.mine.read();
    const next = personalPredictions(modelWeights(run.final.checkpoint), now, run.final.myRatingsUsed);
    const chosen = run.final.ranking?.choice;
    const order = c.rankingMode === "best" && chosen ? chosen.chosen : c.order;
    const {predictions} = next;
    const {ranker} = run.final;
    const mine = {predictions, counts: c.counts, ranker, movieIds: shown.weights.movieIds, myRatings: now};
    c.showChanges({before: shown.top, after: topInOrder(c.movies, order, mine, c.options).top, model: "latest"});
  }
  c.reread();
}
