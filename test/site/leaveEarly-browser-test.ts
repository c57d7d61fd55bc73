// Work that is finished is kept, even if the person leaves at once (issue 22, part 2), through the real pages in
// headless Chromium: a run is kept the moment training ends, before its ranking; from then until it is written, and
// while a checkpoint is written, leaving asks first (the browser's "Leave site?" dialog), and at no other time. Each
// test leaves as a person in a hurry does, following a link at once, then opens Compare and Save and resume in a new
// page.
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {SMALL, buildSite} from "../../scripts/lib/buildSite.js";
import {pageFile, useBrowserSite} from "../support/browserSite.js";
import {trainOnPage} from "../support/trainOnPage.js";

const site = useBrowserSite(() => buildSite(SMALL));

/**
 * Leaves the page as a person in a hurry does, following a link to another page of the workbook (`to`). Where the
 * page asks first (the browser's "Leave site?"), the person stays (the dialog is dismissed), waits until `saved` is
 * shown, and leaves again, which must then not ask. Returns how often the page asked. (Headless Chromium asks on a
 * navigation, not on closing the tab.)
 */
async function leave(page: Page, saved: () => Promise<unknown>, to = "./compare"): Promise<number> {
  let asked = 0;
  const from = page.url();
  page.on("dialog", (dialog) => {
    expect(dialog.type()).toBe("beforeunload");
    ++asked;
    void dialog.dismiss();
  });
  const go = () => page.goto(new URL(pageFile(to), from).href, {waitUntil: "load", timeout: 5_000});
  await go().catch(() => {});
  if (page.url() === from) {
    expect(asked).toBe(1);
    await saved();
    await go();
    expect(asked).toBe(1);
  }
  await page.close();
  return asked;
}

/** The runs Compare's run history lists, in a new page: their rows' text. */
async function historyRows(): Promise<string[]> {
  const compare = await site.open("./compare");
  const rows = await compare.locator("table.run-history tbody tr").allTextContents();
  await compare.close();
  return rows;
}

/** Whether Save and resume, in a new page, has a latest model to save. */
async function hasLatestModel(): Promise<boolean> {
  const save = await site.open("./save-resume");
  const button = save.getByRole("button", {name: "Save as a checkpoint"});
  const has = (await button.count()) === 1 && (await button.isEnabled());
  await save.close();
  return has;
}

async function startTraining(page: Page, settings: Record<string, string> = {}) {
  await page.getByLabel("Backend", {exact: true}).selectOption("wasm");
  for (const [label, value] of Object.entries(settings)) {
    const input = page.getByLabel(label, {exact: true});
    if ((await input.evaluate((e) => e.tagName)) === "SELECT") await input.selectOption(value);
    else {
      await input.fill(value);
      await input.dispatchEvent("input");
    }
  }
  await page.locator(".train-controls button", {hasText: "Train"}).click();
}

describe("leaving early keeps finished work (browser)", () => {
  it("a run left while its ranking is measured is kept, and the page said so before it was left", async () => {
    await site.newContext();
    const page = await site.open("./train");
    await startTraining(page);
    // While the ranking is measured, the page says the run is kept, and leaving asks nothing.
    await page.waitForFunction(
      () =>
        document.querySelector(".training-progress")?.getAttribute("data-status") === "finishing" &&
        /The run is kept/.test(document.querySelector(".progress-text")?.textContent ?? ""),
      null,
      {polling: "raf", timeout: 60_000}
    );
    expect(await page.locator(".saved-note").textContent()).toContain("Saved this run to the run history");
    expect(await leave(page, async () => {})).toBe(0);
    expect(await historyRows()).toHaveLength(1);
    expect(await hasLatestModel()).toBe(true);
  });

  it("Stop: the page asks before it is left until the stopped run is kept, and then keeps it", async () => {
    await site.newContext();
    const page = await site.open("./train");
    // A long run on this small set (the most epochs the inputs allow, in the smallest batches), stopped after its first
    // epoch: 60 epochs ended in 2 s, before a Stop pressed under load could land (the run then ended done, not
    // stopped). 300 factors, not 1000: a model that wide is no better than the mean after one epoch, and a diverged run
    // is rightly not kept as the latest model.
    await startTraining(page, {Epochs: "100", n_factors: "300", "Batch size": "64"});
    // Once an epoch has finished (the table's first row is epoch 0, not its "No epoch finished yet." line), at once.
    await page.waitForFunction(
      () => document.querySelector(".epoch-table tbody tr td:first-child")?.textContent === "0",
      null,
      {polling: "raf", timeout: 60_000}
    );
    await page.locator(".train-controls button", {hasText: "Stop"}).click();
    // At once, leaving would ask (a cancelled beforeunload), unless the run is already kept. (Whether the browser
    // then shows its dialog is its own affair: under load Chromium may give up waiting for the page, and navigate.)
    const asks = await page.evaluate(() => {
      const event = new Event("beforeunload", {cancelable: true});
      dispatchEvent(event);
      return event.defaultPrevented || /Saved this run/.test(document.querySelector(".saved-note")?.textContent ?? "");
    });
    expect(asks).toBe(true);
    // Once it is kept, leaving asks nothing.
    await expect.poll(() => page.locator(".saved-note").textContent(), {timeout: 60_000}).toContain("Saved this run");
    expect(await leave(page, async () => {})).toBe(0);
    const rows = await historyRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/stopped/i);
    expect(await hasLatestModel()).toBe(true);
  });

  it("Stop while auto measures the backends: the run says nothing was kept, and never that it saves", async () => {
    await site.newContext();
    const page = await site.open("./train");
    const said: string[] = [];
    await page.exposeFunction("heard", (text: string) => said.push(text));
    await page.evaluate(() => {
      const w = window as unknown as {heard: (text: string) => void};
      new MutationObserver(() => w.heard(document.querySelector(".progress-text")?.textContent ?? "")).observe(
        document.querySelector("main")!,
        {subtree: true, childList: true, characterData: true}
      );
    });
    // The measuring is held open until Stop is pressed: the worker's request for wasm's binary waits, so that the
    // press lands while it measures however busy the machine is.
    let release = () => {};
    let held = 0;
    const stopped = new Promise<void>((resolve) => (release = resolve));
    await page.context().route(/tfjs-backend-wasm[^/]*\.wasm$/, async (route) => {
      ++held;
      await stopped;
      await route.continue();
    });
    await page.locator(".train-controls button", {hasText: "Train"}).click(); // backend "auto"
    await expect
      .poll(() => page.locator(".progress-text").textContent(), {timeout: 30_000})
      .toContain("Measuring each backend");
    // The status shows before the worker asks for the binary: wait until its request is held.
    await expect.poll(() => held, {timeout: 30_000}).toBeGreaterThanOrEqual(1);
    await page.locator(".train-controls button", {hasText: "Stop"}).click();
    release();
    await expect
      .poll(() => page.locator(".progress-text").textContent(), {timeout: 30_000})
      .toMatch(/^Stopped after [\d.]+ s, before the first epoch ended: nothing was kept\.$/);
    expect(said.filter((text) => /Saving the model/.test(text))).toEqual([]);
    expect(await historyRows()).toEqual(["No run is kept yet."]);
  });

  it("Save as a checkpoint, then leaving at once: the checkpoint is kept", async () => {
    await site.newContext();
    await trainOnPage(site);
    const page = await site.open("./save-resume");
    await page.getByLabel("Checkpoint name").fill("in a hurry");
    await page.getByRole("button", {name: "Save as a checkpoint"}).click();
    await leave(page, () =>
      expect.poll(() => page.textContent("body"), {timeout: 30_000}).toContain("Saved “in a hurry”")
    );
    const save = await site.open("./save-resume");
    await expect
      .poll(() => save.locator(".checkpoint-list tbody tr").allTextContents())
      .toEqual([expect.stringContaining("in a hurry")]);
  });

  it("a page with nothing pending never asks before it is left", async () => {
    await site.newContext();
    for (const path of ["./train", "./save-resume", "./recommend"]) {
      const page = await site.open(path);
      await page.locator("body").click({position: {x: 1, y: 1}}); // a gesture: browsers ask only after one
      expect(await leave(page, async () => {})).toBe(0);
    }
  });
});
