import type {Browser, BrowserContext, Page} from "playwright-core";
import {afterAll, afterEach, beforeAll, expect} from "vitest";
import {collectErrors, launchChromium} from "../../scripts/lib/chromium.js";
import {serveStatic} from "../../scripts/lib/serveStatic.js";
import {restoreProfile} from "./profileSnapshot.js";
import type {ProfileSnapshot} from "./profileSnapshot.js";

/**
 * The file a page's path names on a host that rewrites nothing (the site's links end in .html, preserveExtension):
 * "./train" is "./train.html", "./train?x=1" is "./train.html?x=1"; "./" and paths with an extension are kept.
 */
export function pageFile(path: string): string {
  return path.replace(/^(\.\/[a-z-]+)(?=$|[?#])/, "$1.html");
}

/** A built site served to headless Chromium, as a test file uses it. */
export interface BrowserSite {
  /** The served site's base URL. */
  readonly url: string;
  /**
   * A fresh browser profile for this test (the previous one is closed): empty (no stored ratings, models or
   * datasets), or holding what `profile` kept of another (snapshotProfile).
   */
  newContext(options?: Parameters<Browser["newContext"]>[0] & {profile?: ProfileSnapshot}): Promise<BrowserContext>;
  /**
   * Opens a page in this test's profile (a fresh one if the test has none), as its file ("./train" opens
   * ./train.html: the server rewrites nothing), and waits for the network to settle.
   */
  open(path: string): Promise<Page>;
  /**
   * Declares the console errors this test provokes on purpose: each pattern must match at least one,
   * and is not a failure.
   */
  expectErrors(...patterns: RegExp[]): void;
}

/**
 * Builds a site once for a test file (`build` returns its folder), serves it, and gives each test its own browser
 * profile. After every test it closes the profile and fails the test on any console error or uncaught exception
 * raised by any of its pages during the flow, so no test has to remember to check. `webgpu` gives Chromium its
 * SwiftShader WebGPU adapter and WebGL renderer: software GPUs, as on a machine without a real one. `isolate` serves
 * the site with the headers that make its pages cross-origin isolated (serveStatic).
 */
export function useBrowserSite(
  build: () => Promise<{dir: string}>,
  {prefix = "/", webgpu = false, isolate = false}: {prefix?: string; webgpu?: boolean; isolate?: boolean} = {}
): BrowserSite {
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let browser: Browser;
  let context: BrowserContext | null = null;
  let errors: string[][] = [];
  let expected: RegExp[] = [];
  beforeAll(async () => {
    const {dir} = await build();
    server = await serveStatic(dir, {prefix, isolate});
    browser = await launchChromium({webgpu});
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    await context?.close();
    context = null;
    const raised = errors.flat();
    const patterns = expected;
    errors = [];
    expected = [];
    for (const pattern of patterns)
      expect(
        raised.some((e) => pattern.test(e)),
        `an error matching ${pattern} was expected`
      ).toBe(true);
    expect(
      raised.filter((e) => !patterns.some((p) => p.test(e))),
      "console errors and uncaught exceptions during the test"
    ).toEqual([]);
  });
  const site: BrowserSite = {
    get url() {
      return server.url;
    },
    async newContext({profile, ...options} = {}) {
      await context?.close();
      context = null;
      context = profile ? await restoreProfile(browser, profile, options) : await browser.newContext(options);
      return context;
    },
    expectErrors(...patterns) {
      expected.push(...patterns);
    },
    async open(path) {
      const page = await (context ?? (await site.newContext())).newPage();
      errors.push(collectErrors(page));
      await page.goto(new URL(pageFile(path), server.url).href, {waitUntil: "networkidle"});
      return page;
    }
  };
  return site;
}
