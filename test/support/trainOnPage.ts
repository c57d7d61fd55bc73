import {expect} from "vitest";
import type {BrowserContext, Page} from "playwright-core";
import type {BrowserSite} from "./browserSite.js";
import {snapshotProfile} from "./profileSnapshot.js";
import type {ProfileSnapshot} from "./profileSnapshot.js";

type ContextOptions = Omit<NonNullable<Parameters<BrowserSite["newContext"]>[0]>, "profile">;

/**
 * What a fresh profile holds after trainOnPage, by site (one test file's) and training options. Keyed by the site
 * itself, not its URL: where test files share this module (vitest's isolate: false), a later file's server may get the
 * port an earlier file's had, on another dataset.
 */
const trainedProfiles = new WeakMap<BrowserSite, Map<string, ProfileSnapshot>>();

/** What a test sets on the Train page before training; the rest keeps the page's defaults. */
export interface TrainOnPageOptions {
  /** The Train page's path, with any query ("./train" unless told). */
  path?: string;
  epochs?: number;
  factors?: number;
  seed?: number;
  bs?: number;
}

/**
 * Trains a model through the Train page as a person does (backend wasm; 1 epoch unless told), waits until the run has
 * ended and is saved as the latest model, with its ranking, and closes the page.
 */
export async function trainOnPage(site: BrowserSite, options: TrainOnPageOptions = {}): Promise<void> {
  await (await trainInPage(site, options)).close();
}

/** As trainOnPage, but leaves the Train page open, and gives it. */
export async function trainInPage(
  site: BrowserSite,
  {path = "./train", epochs = 1, factors, seed, bs}: TrainOnPageOptions = {}
): Promise<Page> {
  const page = await site.open(path);
  await page.getByLabel("Backend", {exact: true}).selectOption("wasm");
  if (bs !== undefined) await page.getByLabel("Batch size", {exact: true}).selectOption(String(bs));
  for (const [label, value] of [
    ["Epochs", epochs],
    ["n_factors", factors],
    ["Seed", seed]
  ] as const) {
    if (value === undefined) continue;
    const input = page.getByLabel(label, {exact: true});
    await input.fill(String(value));
    await input.dispatchEvent("input");
  }
  await page.locator(".train-controls button", {hasText: "Train"}).click();
  await untilRunEnds(page);
  return page;
}

/**
 * Waits until the run on a page has ended (done or stopped: its ranking measured too) and the page says it was saved.
 * "Saved this run" alone comes earlier: a run is kept the moment training ends, before its ranking is measured.
 */
export async function untilRunEnds(page: Page, timeout = 120_000): Promise<void> {
  await expect
    .poll(() => page.locator(".training-progress").getAttribute("data-status"), {timeout})
    .toMatch(/^(done|stopped)$/);
  await expect.poll(() => page.locator(".saved-note").textContent(), {timeout}).toContain("Saved this run");
  // The ranking measures, written after the worker's "done", are kept too.
  await expect
    .poll(() => page.locator(".saved-note").textContent(), {timeout})
    .toContain("Its ranking measures are kept with it.");
}

/**
 * A fresh browser profile for this test (`contextOptions` as site.newContext takes them) that holds what trainOnPage
 * leaves in a fresh one: the model trained with `options` as the latest model, its run and its ranking. The first
 * call in a test file trains on the Train page as a person does and keeps a snapshot of the profile's storage
 * (localStorage and IndexedDB, by snapshotProfile: Playwright's storageState restores large values racily); later
 * calls with the same options start from that snapshot, the same model and run, for tests of what comes after
 * training. Training in a test's own profile is trainOnPage.
 */
export async function newTrainedContext(
  site: BrowserSite,
  options: TrainOnPageOptions = {},
  contextOptions: ContextOptions = {}
): Promise<BrowserContext> {
  const profiles = trainedProfiles.get(site) ?? new Map<string, ProfileSnapshot>();
  trainedProfiles.set(site, profiles);
  const key = JSON.stringify(options);
  const kept = profiles.get(key);
  if (kept) return site.newContext({...contextOptions, profile: kept});
  const context = await site.newContext(contextOptions);
  await trainOnPage(site, options);
  profiles.set(key, await snapshotProfile(context, site.url));
  return context;
}
