// Storage that says no (issue 22, part 1), through the real pages in headless Chromium: site data blocked (reading
// localStorage throws SecurityError, and so does opening IndexedDB, as with Chrome's "Block all cookies"), a full
// localStorage (every write throws QuotaExceededError), and IndexedDB unavailable (open throws InvalidStateError, as in
// a Firefox private window). Every page works, raises nothing, shows no raw error, and says in one note what is not
// kept; a rating or a run that was not stored is never called saved.
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {SMALL, buildSite} from "../../scripts/lib/buildSite.js";
import {useBrowserSite} from "../support/browserSite.js";
import {trainOnPage} from "../support/trainOnPage.js";

const site = useBrowserSite(() => buildSite(SMALL));
const PAGES = [
  "./",
  "./load-data",
  "./histogram",
  "./train",
  "./save-resume",
  "./rate",
  "./recommend",
  "./compare",
  "./explore"
];

const BLOCKED = () => {
  const deny = () => {
    throw new DOMException("Access is denied for this document.", "SecurityError");
  };
  // As the browser's own: accessors on the window that a page may redefine, which throw when read.
  Object.defineProperty(window, "localStorage", {get: deny, configurable: true});
  Object.defineProperty(window, "sessionStorage", {get: deny, configurable: true});
  IDBFactory.prototype.open = deny as never;
};
const FULL = () => {
  Storage.prototype.setItem = () => {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  };
};
const NO_INDEXEDDB = () => {
  IDBFactory.prototype.open = (() => {
    throw new DOMException(
      "A mutation operation was attempted on a database that did not allow mutations.",
      "InvalidStateError"
    );
  }) as never;
};

// Reads that fail for a moment: the first two reads (get, getAll) of each object store fail with NotReadableError, as
// Chrome's reads of large values, a model's bytes for instance, can (MDN, IDBRequest.error: transient causes such as
// low memory). The request is the browser's own shape, settled a tick later.
const FLAKY_READS = () => {
  const failures = new Map<string, number>();
  for (const method of ["get", "getAll"] as const) {
    const real = IDBObjectStore.prototype[method] as (this: IDBObjectStore, ...args: unknown[]) => IDBRequest;
    IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: unknown[]) {
      const failed = failures.get(this.name) ?? 0;
      // The chunks of a large value are small records (chunkedValue.ts), which Chrome never keeps as blobs: the reads
      // that fail are the records' own.
      if (this.transaction.mode !== "readonly" || failed >= 2 || this.name === "chunks") return real.apply(this, args);
      failures.set(this.name, failed + 1);
      const request = {
        result: undefined,
        error: new DOMException("Failed to read large IndexedDB value", "NotReadableError"),
        onsuccess: null,
        onerror: null as null | ((event: unknown) => void)
      };
      setTimeout(() => request.onerror?.({target: request}));
      return request as unknown as IDBRequest;
    } as never;
  }
};

/** Opens a page and checks it worked: no cell shows an error, and no raw browser error text is on it. */
async function openWorking(path: string): Promise<Page> {
  const page = await site.open(path);
  expect(await page.locator(".observablehq--error").count(), `${path}: cells in error`).toBe(0);
  const text = await page.locator("main").innerText();
  expect(text, path).not.toMatch(/SecurityError|QuotaExceededError|InvalidStateError|Access is denied|\.\./);
  return page;
}

const noteOf = (page: Page) => page.locator(".storage-note:not(.none)").allTextContents();

describe("Storage that says no (browser)", () => {
  it("site data blocked: every page works and says what is not kept; rating and training work in it", async () => {
    const context = await site.newContext();
    await context.addInitScript(BLOCKED);
    for (const path of PAGES) {
      const page = await openWorking(path);
      if (!["./", "./load-data", "./histogram"].includes(path))
        expect(await noteOf(page), path).toEqual([expect.stringMatching(/blocks this site's storage/)]);
      await page.close();
    }
    // Rate: a rating is taken, kept in the page, and not called saved.
    const rate = await openWorking("./rate");
    await rate.locator('.stars button.star[data-rating="4"]').first().click();
    await expect
      .poll(() => rate.locator(".save-note").textContent())
      .toMatch(/^Not saved in this browser: \d+ ratings are kept in this tab only, while it stays open\.$/);
    const count = await rate.locator(".rating-widget .my-ratings h3").textContent();
    // They follow me to the workbook's other pages in this tab: Recommendations trains on them.
    await rate.locator("#observablehq-sidebar a", {hasText: "Rate movies"}).click();
    await rate.waitForURL(/rate/, {waitUntil: "networkidle"});
    await expect.poll(() => rate.locator(".rating-widget .my-ratings h3").textContent()).toBe(count);
    await rate.close();
    // Train: a run is kept in the page, and said so.
    const train = await openWorking("./train");
    await train.getByLabel("Backend", {exact: true}).selectOption("wasm");
    const epochs = train.getByLabel("Epochs", {exact: true});
    await epochs.fill("1");
    await epochs.dispatchEvent("input");
    await train.locator(".train-controls button", {hasText: "Train"}).click();
    await expect
      .poll(() => train.locator(".saved-note").textContent(), {timeout: 60_000})
      .toMatch(/^Kept this run in this page's run history until you leave the page/);
    // The model lives only in this page: it can be downloaded here.
    const download = train.waitForEvent("download");
    await train.getByRole("button", {name: "Download this model's checkpoint"}).click();
    expect((await download).suggestedFilename()).toBe("movielens-model.ckpt");
    await train.close();
    // Save and resume: the checkpoint uploaded back is kept in this page only, and never called saved.
    const save = await openWorking("./save-resume");
    expect(await save.locator(".no-latest").textContent()).toMatch(/stays in that page\. Upload a checkpoint below/);
    await save.getByLabel("Upload a checkpoint").setInputFiles((await (await download).path())!);
    await expect.poll(() => save.locator(".upload-note").textContent()).toMatch(/kept in this page only/);
    // The list is read again after the upload says what it did: it follows a moment later.
    await expect.poll(() => save.locator(".checkpoint-list").textContent()).toContain("Added (this page only)");
    await save.close();
    // Recommendations: with no stored model, one can be trained here (the note says so, and not to come back), and the
    // list follows.
    const recommend = await openWorking("./recommend");
    expect(await recommend.locator(".no-model").textContent()).toMatch(/stays in that page\. Train one here instead/);
    await recommend.getByRole("button", {name: "Train a model here"}).click();
    await expect.poll(() => recommend.locator("table.recommendations tbody tr").count(), {timeout: 60_000}).toBe(20);
    await recommend.close();
  });

  it("a full localStorage: the note says so as the page opens; a refused rating is never called saved", async () => {
    const context = await site.newContext();
    await context.addInitScript(FULL);
    const rate = await openWorking("./rate");
    // Before any rating (after a reload, say), the page says the next ones will not be kept.
    expect(await noteOf(rate)).toEqual([
      expect.stringMatching(/^My latest ratings are kept in this page only, .* is full\./)
    ]);
    await rate.locator('.stars button.star[data-rating="5"]').first().click();
    await expect.poll(() => rate.locator(".save-note").textContent()).toMatch(/^Not saved in this browser/);
    expect(await noteOf(rate)).toEqual([
      expect.stringMatching(/^My latest ratings are kept in this page only, .* is full\./)
    ]);
    // Following a link writes nothing that throws: Framework keeps its sidebar's scroll in sessionStorage as a page
    // unloads, which a full storage refused with an uncaught QuotaExceededError on every page.
    await rate.locator("#observablehq-sidebar a", {hasText: "Train a model"}).click();
    await rate.waitForURL(/train/, {waitUntil: "networkidle"});
    await rate.close();
  });

  it("reads that fail for a moment (as Chrome's reads of a model can): each page reads again, and works", async () => {
    const context = await site.newContext();
    await context.addInitScript(FLAKY_READS);
    await trainOnPage(site);
    for (const path of ["./save-resume", "./recommend", "./compare", "./explore"]) {
      const page = await openWorking(path);
      expect(await page.locator("main").innerText(), path).not.toMatch(/could not read|NotReadableError/);
      await page.close();
    }
    const page = await openWorking("./recommend");
    await expect.poll(() => page.locator("table.recommendations tbody tr").count()).toBe(20);
    await page.close();
  });

  it("IndexedDB unavailable: the pages that keep runs work, say so, and offer to train a model", async () => {
    const context = await site.newContext();
    await context.addInitScript(NO_INDEXEDDB);
    // The pages that keep runs and checkpoints (the others read only the visitor's dataset, which falls back).
    for (const path of ["./train", "./save-resume", "./recommend", "./compare", "./explore"]) {
      const page = await openWorking(path);
      expect(await noteOf(page), path).toEqual([
        expect.stringMatching(/^Runs, models and checkpoints are kept in this page only/)
      ]);
      if (path === "./recommend")
        expect(await page.getByRole("button", {name: "Train a model here"}).isEnabled()).toBe(true);
      await page.close();
    }
  });
});
