/** How alike two top-N lists are: the overlap of their items, and how alike their orders are. */
export interface ListAgreement {
  jaccard: number;
  rank: number;
}

/** Pairwise agreement of several top-N lists, and which items they share. */
export interface TopNComparison {
  /** pairs[i][j] compares lists i and j; the diagonal is all 1s. */
  pairs: ListAgreement[][];
  /** The items in every list, in the first list's order. */
  shared: Set<number>;
  /** How many of the lists hold each item, for highlighting items that several share. */
  counts: Map<number, number>;
}

/**
 * The Jaccard index of two lists as sets: the size of their intersection over that of
 * their union (1 when both are empty).
 */
export function jaccard(a: readonly number[], b: readonly number[]): number {
  const sa = new Set(a),
    sb = new Set(b);
  let common = 0;
  for (const x of sa) if (sb.has(x)) ++common;
  const union = sa.size + sb.size - common;
  return union === 0 ? 1 : common / union;
}

/** Ranks 1, 2, … of a list's items, with the items of `union` it lacks tied below them at their average rank. */
function ranksOver(list: readonly number[], union: readonly number[]): Float64Array {
  const position = new Map(list.map((x, i) => [x, i + 1]));
  const missing = union.length - list.length;
  const tied = list.length + (missing + 1) / 2; // the mean of ranks list.length + 1 … union.length
  return Float64Array.from(union, (x) => position.get(x) ?? tied);
}

/**
 * Spearman's rank correlation of two top-N lists over the union of their items: each list ranks its own items 1, 2, …
 * and ties the items it lacks at the bottom with their average rank (the usual treatment of ties), then the ranks are
 * correlated. It is 1 for identical lists, −1 for the same items in reverse order, and falls as the lists share fewer
 * items; it is 1 when both lists are empty and 0 when only one list ranks anything.
 * Items must not repeat within a list.
 */
export function rankCorrelation(a: readonly number[], b: readonly number[]): number {
  for (const list of [a, b])
    if (new Set(list).size !== list.length) throw new TypeError("rankCorrelation: a list repeats an item");
  const union = [...new Set([...a, ...b])];
  if (union.length === 0) return 1;
  const ra = ranksOver(a, union),
    rb = ranksOver(b, union);
  const n = union.length;
  let ma = 0,
    mb = 0;
  for (let i = 0; i < n; ++i) {
    ma += ra[i] / n;
    mb += rb[i] / n;
  }
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; ++i) {
    const da = ra[i] - ma,
      db = rb[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 && sbb === 0) return 1; // a single item, in both lists
  if (saa === 0 || sbb === 0) return 0; // one list ranks nothing
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/** Compares every pair of top-N lists (Jaccard index and rank correlation), and finds the items they all share. */
export function compareTopN(lists: readonly (readonly number[])[]): TopNComparison {
  const pairs = lists.map((a, i) =>
    lists.map((b, j) => (i === j ? {jaccard: 1, rank: 1} : {jaccard: jaccard(a, b), rank: rankCorrelation(a, b)}))
  );
  const counts = new Map<number, number>();
  for (const list of lists) for (const x of new Set(list)) counts.set(x, (counts.get(x) ?? 0) + 1);
  const shared = new Set(lists.length ? lists[0].filter((x) => counts.get(x) === lists.length) : []);
  return {pairs, shared, counts};
}
