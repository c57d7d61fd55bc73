// Save and resume and Recommendations, driven as a person would in headless Chromium: name, save, download, delete
// and upload checkpoints (a valid one and a garbage one), and retrain with my new ratings to see what changed.
import {readFileSync} from "node:fs";
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {useBrowserSite} from "../support/browserSite.js";
import {trainOnPage} from "../support/trainOnPage.js";
import {SMALL, buildSite} from "../../scripts/lib/buildSite.js";

const site = useBrowserSite(() => buildSite(SMALL));

/** Trains a 1-epoch model on the Train page (wasm, with this seed and batch size), which becomes the latest model. */
const trainOnce = (seed = 42, bs = 256) => trainOnPage(site, {seed, bs});

const rows = (page: Page) => page.locator(".checkpoint-list tbody tr");
const message = (page: Page) => page.locator(".store-message").textContent();
/** What the upload field says under itself about the last file chosen. */
const uploaded = (page: Page) => page.locator(".upload-form .upload-note").textContent();

describe("Save and resume (browser)", () => {
  it(
    "saves a named checkpoint and the confirmation stays; delete asks first; a downloaded checkpoint uploads back; " +
      "a garbage file is refused in words",
    async () => {
      await site.newContext({acceptDownloads: true});
      await trainOnce();
      const page = await site.open("./save-resume");
      await page.getByLabel("Checkpoint name").fill("My first model");
      await page.getByRole("button", {name: "Save as a checkpoint"}).click();
      await expect.poll(() => rows(page).count()).toBe(1);
      expect(await rows(page).first().locator("td").first().textContent()).toBe("My first model");
      await page.waitForTimeout(300); // the list re-rendered: the confirmation must still be there
      expect(await message(page)).toBe("Saved “My first model”.");

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        rows(page).first().getByRole("button", {name: "Download"}).click()
      ]);
      expect(download.suggestedFilename()).toBe("My_first_model.ckpt");
      const bytes = readFileSync((await download.path())!);

      // Delete asks first: dismissed, nothing changes; accepted, the row goes at once.
      page.once("dialog", (dialog) => void dialog.dismiss());
      await rows(page).first().getByRole("button", {name: "Delete"}).click();
      await page.waitForTimeout(300);
      expect(await rows(page).count()).toBe(1);
      const asked: string[] = [];
      page.once("dialog", (dialog) => (asked.push(dialog.message()), void dialog.accept()));
      await rows(page).first().getByRole("button", {name: "Delete"}).click();
      await expect.poll(() => rows(page).count()).toBe(0);
      expect(asked[0]).toMatch(/^Delete the checkpoint “My first model” from this browser\?/);
      expect(await message(page)).toBe("Deleted “My first model”.");

      // Upload the downloaded file: it is stored and listed at once.
      await page
        .getByLabel("Upload a checkpoint")
        .setInputFiles({name: "My_first_model.ckpt", mimeType: "application/octet-stream", buffer: bytes});
      await expect.poll(() => rows(page).count()).toBe(1);
      // Said under the field that was used, not in the Save message above the list.
      expect(await uploaded(page)).toBe("Uploaded “My_first_model.ckpt”.");
      expect(await message(page)).toBe("Deleted “My first model”.");
      expect(await rows(page).first().locator("td").nth(6).textContent()).not.toMatch(/fingerprint|fnv1a/);

      // A garbage file, and a .dat file, get a real error; the list is unchanged.
      await page.getByLabel("Upload a checkpoint").setInputFiles({
        name: "garbage.ckpt",
        mimeType: "application/octet-stream",
        buffer: Buffer.from("not a checkpoint at all")
      });
      await expect
        .poll(() => uploaded(page))
        .toBe(
          "Could not upload garbage.ckpt: This file is not a checkpoint of this workbook (it does not start with " +
            "MLCKPT01): choose a .ckpt file downloaded from Save and resume; nothing was loaded."
        );
      await page
        .getByLabel("Upload a checkpoint")
        .setInputFiles({name: "ratings.dat", mimeType: "text/plain", buffer: Buffer.from("1::1::4::1\n")});
      await expect
        .poll(() => uploaded(page))
        .toMatch(/^Could not upload ratings\.dat: This file is not a checkpoint of this workbook/);
      // A checkpoint cut short is damaged, and says so.
      await page.getByLabel("Upload a checkpoint").setInputFiles({
        name: "short.ckpt",
        mimeType: "application/octet-stream",
        buffer: bytes.subarray(0, bytes.length - 100)
      });
      await expect
        .poll(() => uploaded(page))
        .toMatch(/^Could not upload short\.ckpt: This checkpoint is corrupt or truncated/);
      expect(await rows(page).count()).toBe(1);
      await page.close();
    }
  );
});

describe("Save and resume: More epochs (browser)", () => {
  it("refuses a number of epochs it would otherwise rewrite, under the input, and trains nothing", async () => {
    await site.newContext();
    await trainOnce();
    const page = await site.open("./save-resume");
    await page.getByRole("button", {name: "Save as a checkpoint"}).click();
    await expect.poll(() => rows(page).count()).toBe(1);
    const more = page.getByLabel("More epochs");
    await more.fill("1.5");
    await more.dispatchEvent("input");
    await expect
      .poll(() => page.locator("p.input-error").textContent())
      .toBe("More epochs must be a whole number from 1 to 100; “1.5” is not.");
    await rows(page).first().getByRole("button", {name: "Load + train"}).click();
    await expect
      .poll(() => message(page))
      .toBe("More epochs must be a whole number from 1 to 100: nothing was trained.");
    expect(await page.locator(".training-progress").getAttribute("data-status")).toBe("idle");
    await more.fill("3");
    await more.dispatchEvent("input");
    await expect.poll(() => page.locator("p.input-error").textContent()).toBe("");
    await page.close();
  });
});

describe("Save and resume: Stop (browser)", () => {
  it("stops a resumed run, keeping the checkpoint's epochs and those done since", async () => {
    await site.newContext();
    // Small batches of wide factors: the resumed run of 10 epochs lasts long enough to be stopped (at 50 factors, a
    // quiet machine finished all 10 before Stop reached the worker; at 1000, the run diverges on this dataset, and a
    // diverged model is not kept to resume).
    await trainOnPage(site, {seed: 42, bs: 64, factors: 500});
    const page = await site.open("./save-resume");
    await page.getByRole("button", {name: "Save as a checkpoint"}).click();
    await expect.poll(() => rows(page).count()).toBe(1);
    await page.getByLabel("More epochs").fill("100");
    await page.getByLabel("More epochs").dispatchEvent("input");
    await page.getByLabel("Backend", {exact: true}).selectOption("wasm");
    await rows(page).first().getByRole("button", {name: "Load + train"}).click();
    const progress = page.locator(".training-progress");
    // Stop as soon as the resumed run is training: it ends "stopped", before its 100 epochs (at 10, a loaded
    // clean-clone CI run finished them all before the click reached the page).
    await expect.poll(() => progress.getAttribute("data-status"), {timeout: 60_000, interval: 20}).toBe("training");
    await page.getByRole("button", {name: "Stop"}).click();
    await expect.poll(() => progress.getAttribute("data-status"), {timeout: 60_000}).toBe("stopped");
    const epochs = await page.locator(".epoch-table tbody tr td:first-child").allTextContents();
    expect(epochs[0]).toBe("0"); // the checkpoint's epoch is kept
    expect(epochs.length).toBeLessThan(101);
    await page.close();
  }, 180_000); // it trains, then resumes: its two waits of up to 60 s each must fit in its time on a loaded machine
});

describe("Recommendations: the Model select (browser)", () => {
  it("ranks with the chosen model: a saved checkpoint or the latest model", async () => {
    await site.newContext();
    await trainOnce();
    const save = await site.open("./save-resume");
    await save.getByLabel("Checkpoint name").fill("first");
    await save.getByRole("button", {name: "Save as a checkpoint"}).click();
    await expect.poll(() => rows(save).count()).toBe(1);
    await save.close();
    await trainOnce(7); // the latest model is now another run, from another seed
    const page = await site.open("./recommend");
    const list = page.locator("table.recommendations tbody tr");
    const ranked = async () => {
      await expect.poll(() => list.count(), {timeout: 30_000}).toBe(20);
      return list.locator("td:nth-child(6)").allTextContents();
    };
    const model = page.getByLabel("Model", {exact: true});
    expect(await model.locator("option").allTextContents()).toEqual(["The latest trained model", "Checkpoint: first"]);
    const latest = await ranked();
    await model.selectOption({label: "Checkpoint: first"});
    await expect.poll(ranked).not.toEqual(latest);
    await model.selectOption({label: "The latest trained model"});
    await expect.poll(ranked).toEqual(latest);
    await page.close();
  });
});

describe("Recommendations: retrain with my new ratings (browser)", () => {
  it("retrains, shows what changed in the top 20, and the list becomes exact again", async () => {
    await site.newContext();
    await trainOnce();
    const page = await site.open("./recommend");
    const list = page.locator("table.recommendations tbody tr");
    await expect.poll(() => list.count(), {timeout: 30_000}).toBe(20);
    await list.first().locator("select.seen-it").selectOption("5");
    await expect.poll(() => page.locator(".prediction-source").getAttribute("class")).toContain("approximate");

    await page.getByRole("button", {name: "Retrain with my new ratings"}).click();
    const changes = page.locator(".top-n-changes");
    await expect.poll(() => changes.count(), {timeout: 120_000}).toBe(1);
    expect(await changes.locator(".stayed").textContent()).toMatch(/^\d+ of 20 movies stayed\.$/);
    await expect.poll(() => page.locator(".prediction-source").getAttribute("class")).toContain("exact");
    await expect.poll(() => list.count()).toBe(20);
    await page.close();
  });
});
