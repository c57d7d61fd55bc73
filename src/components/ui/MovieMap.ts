import * as Plot from "@observablehq/plot";

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

/** The colour groups of the map for up to two chosen genres: each genre, then both together (only with two), then the rest. */
export function genreGroups(chosen: readonly string[]): string[] {
  const [a, b] = chosen;
  return [...(a ? [a] : []), ...(b ? [b] : []), ...(a && b ? [`${a} and ${b}`] : []), OTHER_GENRES];
}

/** Which colour group a movie with these genres falls in, for up to two chosen genres (see genreGroups). */
export function genreGroup(genres: readonly string[], chosen: readonly string[]): string {
  const [a, b] = chosen;
  const inA = !!a && genres.includes(a), inB = !!b && genres.includes(b);
  return inA && inB ? `${a} and ${b}` : inA ? a : inB ? b : OTHER_GENRES;
}

/**
 * The movies on their first two principal components, sized by their number of ratings, with the movies of one or two
 * chosen genres in their own colours and the rest grey (behind them). Labels on the right half end at their point, so
 * that the chart's edge does not cut them.
 */
export function MovieMap(points: readonly MapPoint[], {width = 640, height = 560, chosen = [], explained = [0, 0]}: {width?: number; height?: number; chosen?: readonly string[]; explained?: readonly [number, number]} = {}): SVGSVGElement | HTMLElement {
  const distinct = [...new Set(chosen.filter(Boolean))].slice(0, 2);
  const groups = genreGroups(distinct);
  const rows = points.map((d) => ({...d, group: genreGroup(d.genres, distinct)}));
  // Grey first, so that the chosen genres are drawn on top.
  rows.sort((p, q) => +(q.group === OTHER_GENRES) - +(p.group === OTHER_GENRES));
  const labelled = rows.filter((d) => d.label);
  const xs = points.map((d) => d.x);
  const middle = (Math.min(...xs) + Math.max(...xs)) / 2;
  const text = {x: "x", y: "y", text: "title", dy: -8, fontSize: 11, stroke: "var(--theme-background)", strokeWidth: 3, fill: "currentColor"} as const;
  return Plot.plot({
    width,
    height,
    x: {label: `PC1 (${(100 * explained[0]).toFixed(0)}% of variance)`},
    y: {label: `PC2 (${(100 * explained[1]).toFixed(0)}% of variance)`},
    r: {range: [1.5, width < 500 ? 9 : 14]},
    color: {domain: groups, range: [...COLOURS.slice(0, groups.length - 1), COLOURS.at(-1)!], legend: true},
    marks: [
      Plot.dot(rows, {x: "x", y: "y", r: "ratings", fill: "group", fillOpacity: (d: {group: string}) => (d.group === OTHER_GENRES ? 0.35 : 0.8), title: (d: MapPoint) => `${d.title}\n${d.genres.join(", ") || "(no genre)"}, ${d.ratings.toLocaleString("en-US")} ratings`}),
      Plot.text(labelled.filter((d) => d.x <= middle), {...text, textAnchor: "start", dx: -4}),
      Plot.text(labelled.filter((d) => d.x > middle), {...text, textAnchor: "end", dx: 4})
    ]
  });
}
