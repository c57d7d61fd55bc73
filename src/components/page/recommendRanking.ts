import type {MyRatingsStore} from "../browser/myRatingsStorage.js";
import type {MovieRow} from "../movielens/datasetArtifacts.js";
import type {MyRating} from "../movielens/myRatingsFile.js";
import type {RankingChoice, RankingName} from "../model/chooseRanking.js";
import {PERSONAL_MIN_RATINGS, personalPredictions} from "../model/personalPredictions.js";
import type {PersonalPredictions} from "../model/personalPredictions.js";
import {topInOrder} from "../model/personalRanking.js";
import type {PersonalIals} from "../model/personalRanking.js";
import {recommend} from "../model/recommend.js";
import type {Recommendation, RecommendOptions} from "../model/recommend.js";
import type {Filters} from "../model/recommendFilters.js";
import {Note} from "../ui/Note.js";
import {ControlWithNote} from "../ui/withValue.js";
import {Nothing} from "../ui/Nothing.js";
import {PopularityKnob} from "../ui/PopularityKnob.js";
import {RankingSwitch} from "../ui/RankingSwitch.js";
import type {RankingMode} from "../ui/RankingSwitch.js";
import type {ChosenModel} from "./recommendViews.js";

// How the Recommendations page orders my list: the ranking the chosen model's run measured best, or the notebook's
// predicted rating with the popularity knob; and the list itself, or the most popular movies in a cold start.

/**
 * For Framework's `Generators.observe`: whether my list is in a cold start (fewer than PERSONAL_MIN_RATINGS of my
 * ratings: the most popular movies are listed instead), told only when it changes, so that the ranking switch and
 * the knob are not drawn again at every rating.
 */
export function coldStartChanges(
  mine: Pick<MyRatingsStore, "watch">
): (notify: (coldStart: boolean) => void) => () => void {
  return (notify) => {
    let last: boolean | undefined;
    return mine.watch((ratings) => {
      const now = ratings.length < PERSONAL_MIN_RATINGS;
      if (now !== last) notify((last = now));
    });
  };
}

/** Why a model's list is ranked by predicted rating where its run's ranking evaluation was not kept with it. */
const NO_RANKING =
  "This model was kept without its ranking evaluation (an uploaded checkpoint, or one trained before the workbook " +
  "measured rankings), so the list is ranked by predicted rating, as the notebook ranked. Train or retrain to " +
  "rank by what measures best.";

/** The ranking switch (rankingControls), and the measured ranking it switches to. */
export interface RankingControls {
  /** The measured ranking the list can use: null without a model, without its evaluation, or without iALS's model. */
  usable: RankingChoice | null;
  /** The switch between the measured best and the predicted rating; null with nothing to switch or in a cold start. */
  input: (HTMLElement & {value: RankingMode}) | null;
  /** Why the list ranks by predicted rating, where the model was kept without its ranking evaluation; else nothing. */
  note: HTMLElement;
  /** The switch (when there is one) with the note under it, to `view`: its value is the ranking in use. */
  field: HTMLElement & {value: RankingMode};
}

/**
 * The ranking the chosen model's run measured best, where the list can use it: null without a model of this dataset,
 * without its evaluation (an upload, or a run from before rankings were measured), or for iALS kept without its model.
 */
export function usableRanking({record, weights}: Pick<ChosenModel, "record" | "weights">): RankingChoice | null {
  const measured = record?.info.ranking?.choice ?? null;
  return weights && measured && (measured.chosen.kind !== "ials" || record?.ranker) ? measured : null;
}

/**
 * Which ranking orders my list: the one the chosen model's run measured best, or the notebook's predicted rating,
 * starting from the page's link (`linked`). A model kept without a ranking evaluation (an upload, or one trained
 * before runs fitted iALS) ranks by predicted rating, and says so. In a cold start the list is the most popular
 * movies, which no ranking orders: no switch then.
 */
export function rankingControls(
  {record, weights}: Pick<ChosenModel, "record" | "weights">,
  {coldStart, linked}: {coldStart: boolean; linked?: unknown}
): RankingControls {
  const usable = usableRanking({record, weights});
  const value = linked === "predicted" || linked === "best" ? linked : "best";
  const note = weights && !usable ? Note(NO_RANKING, {className: "no-ranking"}) : Nothing();
  const input = usable && !coldStart ? RankingSwitch(usable, {value}) : null;
  return {usable, input, note, field: ControlWithNote<RankingMode>(input, note, "predicted")};
}

/**
 * The popularity knob, where the list is ranked by predicted rating (not in a cold start), starting from the link's
 * value; with the measured ranking in use it is hidden, and a note says when it applies.
 */
export function popularityControls(
  {record}: Pick<ChosenModel, "record">,
  {rankingMode, coldStart, linked}: {rankingMode: RankingMode; coldStart: boolean; linked?: unknown}
): {input: (HTMLElement & {value: number}) | null; note: HTMLElement; field: HTMLElement & {value: number | null}} {
  const input =
    rankingMode === "predicted" && !coldStart
      ? PopularityKnob(record?.info.ranking ?? null, {value: typeof linked === "number" ? linked : 0})
      : null;
  const note =
    rankingMode !== "predicted"
      ? Note("The knob applies when the list is ranked by predicted rating (the switch above).", {
          className: "knob-off"
        })
      : Nothing();
  return {input, note, field: ControlWithNote<number | null>(input, note, null)};
}

/**
 * The knob as a field for a page's `view` (popularityControls' `field`): its value is the weight, null where the knob
 * is not shown; `linked` is the page's link's values, whose `popularity` it starts from.
 */
export function PopularityField(
  chosen: Pick<ChosenModel, "record">,
  {rankingMode, coldStart, linked}: {rankingMode: RankingMode; coldStart: boolean; linked: Record<string, unknown>}
): HTMLElement & {value: number | null} {
  return popularityControls(chosen, {rankingMode, coldStart, linked: linked.popularity}).field;
}

/** My list as the page shows it (rankMyList). */
export interface MyListRanking {
  /** My predicted ratings by the chosen model (null without one of this dataset). */
  personal: PersonalPredictions | null;
  /** The ranking in use: the measured best, or the predicted rating with the knob's popularity. */
  order: RankingName;
  /** My iALS fold-in, where the list is ranked by iALS. */
  ials: PersonalIals | null;
  /** Each movie's number of ratings (the popularity a ranking blends in, and the cold start's order). */
  counts: number[];
  /** The filters, with the movies I rated left out. */
  options: RecommendOptions;
  /** My top N by the model (empty in a cold start), and the most popular movies (only in a cold start). */
  top: Recommendation[];
  popularTop: Recommendation[];
}

/**
 * My top N on the chosen model: my predictions (fold-in), the movies I rated left out and the `filters` applied, ranked
 * by `rankingMode` ("best": the ranking its run measured best, where usable (usableRanking); else the predicted rating
 * with `popularity` blended in); in a cold start, the most popular movies instead.
 */
export function rankMyList({
  movies,
  chosen: {record, weights},
  myRatings,
  filters,
  rankingMode,
  popularity,
  coldStart
}: {
  movies: readonly MovieRow[];
  chosen: Pick<ChosenModel, "record" | "weights">;
  myRatings: readonly MyRating[];
  filters: Pick<Filters, "options">;
  rankingMode: RankingMode;
  popularity: number | null;
  coldStart: boolean;
}): MyListRanking {
  const personal = weights ? personalPredictions(weights, myRatings, record?.info.myRatingsUsed ?? null) : null;
  const options = {rated: new Set(myRatings.map((r) => r.movieId)), ...filters.options};
  const counts = movies.map((m) => m.ratings);
  const usable = usableRanking({record, weights});
  const order: RankingName =
    rankingMode === "best" && usable ? usable.chosen : {kind: "predicted", weight: popularity ?? 0};
  const mine =
    personal && weights
      ? topInOrder(
          movies,
          order,
          {predictions: personal.predictions, counts, ranker: record?.ranker, movieIds: weights.movieIds, myRatings},
          options
        )
      : {top: [], ials: null};
  const top = coldStart ? [] : mine.top;
  const popularTop = coldStart ? recommend(movies, counts, options) : [];
  return {personal, order, ials: mine.ials, counts, options, top, popularTop};
}
