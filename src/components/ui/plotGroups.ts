/**
 * Gives each group Observable Plot labels (`<g aria-label="rule">`…) the role "group": ARIA permits aria-label only on
 * an element with a role, and axe-core counts the bare ones as serious (aria-prohibited-attr). Returns the chart.
 */
export function plotGroups<T extends Element>(chart: T): T {
  for (const g of chart.querySelectorAll("g[aria-label]:not([role])")) g.setAttribute("role", "group");
  return chart;
}
