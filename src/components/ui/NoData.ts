/**
 * What a page shows in place of something drawn from the data when it has none (a published workbook, which withholds
 * MovieLens): a calm line, such as NoData("to see how people rate"), that points at "Load MovieLens from your
 * computer", never an empty chart or a zero.
 */
export function NoData(purpose: string): HTMLElement {
  const p = document.createElement("p");
  p.className = "no-data";
  p.textContent = `Load MovieLens from your computer, above, ${purpose}.`;
  return p;
}

/** True when a page has no ratings to show: a published workbook before a visitor loads MovieLens. */
export function hasNoData(summary: {counts: {ratings: number}}): boolean {
  return summary.counts.ratings === 0;
}
