import {copyFileSync, readFileSync, readdirSync, writeFileSync} from "node:fs";
import {createRequire} from "node:module";
import {join} from "node:path";

/** The service worker's file in a built site (at its root, so that its scope is every page). */
export const ISOLATION_WORKER = "coi-serviceworker.js";

/**
 * What each built page runs first: coi-serviceworker's settings, then coi-serviceworker itself. It registers a service
 * worker that adds the COOP and COEP headers to every response of the site, and reloads the page once, where the host
 * sends no such headers (GitHub Pages, `python3 -m http.server`): the page is then cross-origin isolated, and the
 * WebAssembly kernel trains on several threads (engine/webKernelThreads.ts). Where the host sends them, it does
 * nothing. Quiet: no console lines, not even where the browser refuses service workers (storage blocked). Not under
 * automation (navigator.webdriver): a reload in the middle of a browser test's first page load would race the test;
 * the tests that check isolation send the headers or lift the flag themselves.
 */
export const ISOLATION_SCRIPTS =
  "<script>window.coi = {shouldRegister: () => !navigator.webdriver, quiet: true};</script>" +
  `<script src="${ISOLATION_WORKER}"></script>`;

/**
 * Makes the built site in `dir` cross-origin isolated on any static host: copies coi-serviceworker (MIT, Guido
 * Zuidhof; https://github.com/gzuidhof/coi-serviceworker, the usual way to get COOP/COEP where a host sets no headers)
 * to the site's root, and puts ISOLATION_SCRIPTS first in each page's head. Every page sits at the root (no
 * subfolders), so the relative path reaches the worker from each, under any sub-path.
 */
export function isolatePages(dir: string): void {
  const require = createRequire(import.meta.url);
  copyFileSync(require.resolve("coi-serviceworker/coi-serviceworker.min.js"), join(dir, ISOLATION_WORKER));
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".html"))) {
    const path = join(dir, name);
    const html = readFileSync(path, "utf8");
    if (html.includes(ISOLATION_SCRIPTS)) continue;
    if (!html.includes("<head>")) throw new Error(`isolatePages: ${path} has no <head>`);
    writeFileSync(path, html.replace("<head>", `<head>${ISOLATION_SCRIPTS}`));
  }
}
