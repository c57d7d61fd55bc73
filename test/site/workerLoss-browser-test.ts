// The worker and the GPU can die (issue 22, part 5), through the real Train page in headless Chromium. The training
// worker's script is served with a few lines added in front, as a browser's failures would strike it: the worker ends
// itself (`self.close()`, as a browser ends one for memory, with no error event: whatwg/html#319) during epoch 2, or
// its GPU device is destroyed (`device.destroy()`, as a driver reset loses it) during epoch 2. The run ends in words,
// and Train works again at once.
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {SMALL, buildSite} from "../../scripts/lib/buildSite.js";
import {useBrowserSite} from "../support/browserSite.js";

const site = useBrowserSite(() => buildSite(SMALL), {webgpu: true});

/** Code run in front of the worker's own, once per page: `strike` runs on the first batch of epoch 2 it posts. */
const inFront = (strike: string) => `
const devices = [];
if (self.GPUAdapter) {
  const request = GPUAdapter.prototype.requestDevice;
  GPUAdapter.prototype.requestDevice = async function (...args) {
    const device = await request.apply(this, args);
    devices.push(device);
    return device;
  };
}
const post = self.postMessage.bind(self);
let struck = false;
self.postMessage = (message, transfer) => {
  if (!struck && message && message.type === "batch" && message.epoch >= 1) {
    struck = true;
    ${strike}
  }
  return post(message, transfer);
};
`;

/** Opens the Train page with the first training worker it starts made to fail by `strike`; later ones are spared. */
async function trainPageWhere(strike: string): Promise<Page> {
  const context = await site.newContext();
  let served = 0;
  await context.route(/trainWorker\.[0-9a-f]+\.js$/, async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    await route.fulfill({response, body: ++served === 1 ? inFront(strike) + body : body});
  });
  return site.open("./train");
}

async function train(page: Page, backend: string, epochs: string, settings: Record<string, string> = {}) {
  await page.getByLabel("Backend", {exact: true}).selectOption(backend);
  for (const [label, value] of Object.entries({Epochs: epochs, ...settings})) {
    const input = page.getByLabel(label, {exact: true});
    await input.fill(value);
    await input.dispatchEvent("input");
  }
  await page.locator(".train-controls button", {hasText: "Train"}).click();
}

const status = (page: Page) => page.locator(".training-progress").getAttribute("data-status");
const said = (page: Page) => page.locator(".training-progress .progress-text").textContent();

describe("a worker or a GPU that dies (browser)", () => {
  it("a worker that ends mid-run: the run is lost in words, and Train trains again on a new worker", async () => {
    const page = await trainPageWhere("self.close();");
    site.expectErrors(/The training worker stopped without a word/);
    // Wide factors: epochs long enough that the worker reaches the event loop, where a closed worker ends, within one.
    await train(page, "wasm", "30", {n_factors: "300"});
    await expect.poll(() => status(page), {timeout: 60_000}).toBe("error");
    expect(await said(page)).toBe(
      "The training worker stopped without a word (browsers end a worker that runs out of memory this way), so this " +
        "run was lost. Train again: it starts on a new worker."
    );
    const trainButton = page.locator(".train-controls button", {hasText: "Train"});
    expect(await trainButton.isEnabled()).toBe(true);
    await train(page, "wasm", "1");
    await expect.poll(() => status(page), {timeout: 60_000}).toBe("done");
    await expect.poll(() => page.locator(".saved-note").textContent()).toContain("Saved this run");
  });

  it("a GPU device lost mid-run: the run ends in words, and the next webgpu run gets a new device", async () => {
    const page = await trainPageWhere("devices.at(-1)?.destroy();");
    site.expectErrors(/The GPU device was lost|Training failed: The GPU stopped working/);
    await train(page, "webgpu", "3");
    await expect.poll(() => status(page), {timeout: 120_000}).toBe("error");
    expect(await said(page)).toMatch(/^The GPU stopped working during training \(its device was lost/);
    expect(await said(page)).not.toMatch(/mapAsync|GPUBuffer|Device was lost/);
    await train(page, "webgpu", "1");
    await expect.poll(() => status(page), {timeout: 120_000}).toBe("done");
  });
});
