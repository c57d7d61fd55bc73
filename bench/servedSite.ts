import {rmSync} from "node:fs";
import type {Browser} from "playwright-core";
import {launchChromium} from "../scripts/lib/chromium.js";
import {buildSiteOn} from "../scripts/lib/buildSite.js";
import {serveStatic} from "../scripts/lib/serveStatic.js";

/**
 * The site built on a dataset folder (the built-in synthetic dataset without one), served, and a headless Chromium to
 * open it in; `close` shuts both and removes the build. What a page benchmark starts from.
 */
export async function servedSite(
  dataDir: string | undefined
): Promise<{url: string; browser: Browser; close: () => Promise<void>}> {
  console.error(`Building the site on ${dataDir ?? "the built-in synthetic dataset"} …`);
  const {dir} = await buildSiteOn(dataDir);
  const server = await serveStatic(dir);
  const browser = await launchChromium();
  return {
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
      rmSync(dir, {recursive: true, force: true});
    }
  };
}
