import type {Browser} from "playwright-core";

/** One load of the ratings file in the browser: fetch and decode times in ms, and the page's JS heap in MB. */
export interface RatingsLoad {
  fetchMs: number;
  decodeMs: number;
  heapMB: number;
}

/**
 * Opens the load-data page of the site served at `siteUrl` in a new page and reads the timings it records on
 * `.load-timing` (`data-fetch-ms`, `data-decode-ms`: data/ratings.bin fetched, then decoded), and the JS heap
 * (Chromium's performance.memory).
 */
export async function measureRatingsLoad(browser: Browser, siteUrl: string): Promise<RatingsLoad> {
  const page = await browser.newPage();
  await page.goto(new URL("./load-data.html", siteUrl).href);
  const timing = page.locator(".load-timing");
  await timing.waitFor({timeout: 120_000});
  const fetchMs = Number(await timing.getAttribute("data-fetch-ms"));
  const decodeMs = Number(await timing.getAttribute("data-decode-ms"));
  const heapMB = await page.evaluate(
    () => ((performance as unknown as {memory?: {usedJSHeapSize: number}}).memory?.usedJSHeapSize ?? NaN) / 1e6
  );
  await page.close();
  return {fetchMs, decodeMs, heapMB};
}
