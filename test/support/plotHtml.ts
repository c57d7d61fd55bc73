/**
 * A chart's HTML for a file snapshot, without the stylesheets Plot writes into every figure and legend: those are
 * Plot's own, the same in every chart, and would make each snapshot mostly Plot's CSS.
 */
export function plotHtml(chart: Element): string {
  return chart.outerHTML.replace(/<style>[\s\S]*?<\/style>/g, "");
}
