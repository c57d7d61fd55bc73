import {expect} from "vitest";
import type {BrowserSite} from "./browserSite.js";

/** What a test sets on the Train page before training; the rest keeps the page's defaults. */
export interface TrainOnPageOptions {
  epochs?: number;
  factors?: number;
  seed?: number;
  bs?: number;
}

/**
 * Trains a model through the Train page as a person does (backend wasm; 1 epoch unless told), waits until the run is
 * saved as the latest model, and closes the page.
 */
export async function trainOnPage(
  site: BrowserSite,
  {epochs = 1, factors, seed, bs}: TrainOnPageOptions = {}
): Promise<void> {
  const page = await site.open("./train");
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
  await expect.poll(() => page.locator(".saved-note").textContent(), {timeout: 120_000}).toContain("Saved this run");
  await page.close();
}
