import * as Plot from "@observablehq/plot";
import {plotGroups} from "./plotGroups.js";
import type {ModelWeights} from "../model/modelWeights.js";
import {pca2} from "../model/pca2.js";
import {Note} from "./Note.js";

/** A movie on the map: its two principal coordinates, title, genres, number of ratings, and whether to label it. */
export interface MapPoint {
  x: number;
  y: number;
  title: string;
  genres: readonly string[];
  ratings: number;
  label: boolean;
}

/** The group of movies not in a chosen genre, drawn grey. */
export const OTHER_GENRES = "other genres";

// Two hues far apart, a third for movies in both, and grey for the rest: 19 genres in 10 colours could not be read.
const COLOURS = ["#4269d0", "#ff725c", "#a463f2", "#b8b8b8"];

/**
 * The colour groups of the map for up to two chosen genres: each genre,
 * then both together (only with two), then the rest.
 */
export function genreGroups(chosen: readonly string[]): string[] {
  const [a, b] = chosen;
  return [...(a ? [a] : []), ...(b ? [b] : []), ...(a && b ? [`${a} and ${b}`] : []), OTHER_GENRES];
}

/** Which colour group a movie with these genres falls in, for up to two chosen genres (see genreGroups). */
export function genreGroup(genres: readonly string[], chosen: readonly string[]): string {
  const [a, b] = chosen;
  const inA = !!a && genres.includes(a),
    inB = !!b && genres.includes(b);
  return inA && inB ? `${a} and ${b}` : inA ? a : inB ? b : OTHER_GENRES;
}

/** A movie as the map shows it: its title, genres and number of ratings. */
export interface MapMovie {
  title: string;
  genres: readonly string[];
  ratings: number;
}

/** Options of FactorMap and factorMapPoints. */
export interface FactorMapOptions {
  /** Every movie of the dataset, in the model's movie order. */
  movies: readonly MapMovie[];
  /** The indexes (into movies) of the movies to map, most rated first; the first `labels` of them are labelled. */
  shown: readonly number[];
  /** The chart's size in pixels; the height defaults to 0.9 × width, at most 560. */
  width?: number;
  height?: number;
  /** Up to two genres to colour (null or "" for none); the rest stay grey. */
  chosen?: readonly (string | null)[];
  /** How many of the shown movies get their title written: 10 on a narrow chart (under 500 px), else 25. */
  labels?: number;
}

/**
 * The shown movies' factor vectors projected on their first two principal components (pca2), as the map's points, and
 * the share of the variance each component explains (0–1). Needs at least two shown movies.
 */
export function factorMapPoints(
  weights: Pick<ModelWeights, "movieFactors" | "factors">,
  {movies, shown, labels = 25}: Pick<FactorMapOptions, "movies" | "shown" | "labels">
): {points: MapPoint[]; explained: [number, number]} {
  const k = weights.factors;
  const matrix = new Float32Array(shown.length * k);
  shown.forEach((m, i) => matrix.set(weights.movieFactors.subarray(m * k, (m + 1) * k), i * k));
  const {x, y, explained} = pca2(matrix, shown.length, k);
  const points = shown.map((m, i) => ({
    x: x[i],
    y: y[i],
    title: movies[m].title,
    genres: movies[m].genres,
    ratings: movies[m].ratings,
    label: i < labels
  }));
  return {points, explained: [explained[0], explained[1]]};
}

/**
 * The map of the movies: a trained model's movie factors (movies × factors) laid out flat on their first two principal
 * components, each movie sized by its number of ratings, one or two chosen genres in their own colours. Without a
 * model (null), or with fewer than two movies to show, a note says why (class "factor-map empty").
 */
export function FactorMap(
  weights: Pick<ModelWeights, "movieFactors" | "factors"> | null,
  {
    movies,
    shown,
    width = 640,
    height = Math.min(560, Math.round(width * 0.9)),
    chosen = [],
    labels = width < 500 ? 10 : 25
  }: FactorMapOptions
): Element {
  const empty = (text: string) => Note(text, {className: "factor-map", kind: "empty"});
  if (!weights) return empty("The map appears here once a model is trained on this dataset.");
  if (shown.length < 2)
    return empty("A map needs at least two movies with 20 ratings or more, and this dataset has fewer.");
  const {points, explained} = factorMapPoints(weights, {movies, shown, labels});
  return mapPlot(points, {width, height, chosen, explained});
}

// The points on their two principal components, sized by their number of ratings, the chosen genres coloured and the
// rest grey (behind them). Labels on the right half end at their point, so that the chart's edge does not cut them.
function mapPlot(
  points: readonly MapPoint[],
  {
    width,
    height,
    chosen,
    explained
  }: {width: number; height: number; chosen: readonly (string | null)[]; explained: readonly [number, number]}
): SVGSVGElement | HTMLElement {
  const distinct = [...new Set(chosen.filter((g): g is string => Boolean(g)))].slice(0, 2);
  const groups = genreGroups(distinct);
  const rows = points.map((d) => ({...d, group: genreGroup(d.genres, distinct)}));
  // Grey first, so that the chosen genres are drawn on top.
  rows.sort((p, q) => +(q.group === OTHER_GENRES) - +(p.group === OTHER_GENRES));
  const labelled = rows.filter((d) => d.label);
  const xs = points.map((d) => d.x);
  const middle = (Math.min(...xs) + Math.max(...xs)) / 2;
  const text = {
    x: "x",
    y: "y",
    text: "title",
    dy: -8,
    fontSize: 11,
    stroke: "var(--theme-background)",
    strokeWidth: 3,
    fill: "currentColor"
  } as const;
  return plotGroups(
    Plot.plot({
      width,
      height,
      x: {label: `PC1 (${(100 * explained[0]).toFixed(0)}% of variance)`},
      y: {label: `PC2 (${(100 * explained[1]).toFixed(0)}% of variance)`},
      r: {range: [1.5, width < 500 ? 9 : 14]},
      color: {domain: groups, range: [...COLOURS.slice(0, groups.length - 1), COLOURS.at(-1)!], legend: true},
      marks: [
        Plot.dot(rows, {
          x: "x",
          y: "y",
          r: "ratings",
          fill: "group",
          fillOpacity: (d: {group: string}) => (d.group === OTHER_GENRES ? 0.35 : 0.8),
          title: (d: MapPoint) =>
            `${d.title}\n${d.genres.join(", ") || "(no genre)"}, ${d.ratings.toLocaleString("en-US")} ratings`
        }),
        Plot.text(
          labelled.filter((d) => d.x <= middle),
          {...text, textAnchor: "start", dx: -4}
        ),
        Plot.text(
          labelled.filter((d) => d.x > middle),
          {...text, textAnchor: "end", dx: 4}
        )
      ]
    })
  );
}
