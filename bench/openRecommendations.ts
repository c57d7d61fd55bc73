import type {BrowserContext} from "playwright-core";

/**
 * Opens the Recommendations page of the site at `siteUrl` in a new page of `context` (which holds a trained model) and
 * returns the page, how long it took until the top 20 showed (ms), and how many rows it shows.
 */
export async function openRecommendations(
  context: BrowserContext,
  siteUrl: string
): Promise<{page: Awaited<ReturnType<BrowserContext["newPage"]>>; openMs: number; rows: number}> {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(new URL("./recommend.html", siteUrl).href);
  await page.locator("table.recommendations tbody tr").nth(19).waitFor({timeout: 120_000});
  const openMs = Date.now() - t0;
  const rows = await page.evaluate(() => document.querySelectorAll("table.recommendations tbody tr").length);
  return {page, openMs, rows};
}
