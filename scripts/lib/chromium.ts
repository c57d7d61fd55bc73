import {existsSync} from "node:fs";
import {chromium} from "playwright-core";
import type {Browser, BrowserContext, Page} from "playwright-core";

/** The Chromium the tests drive: CHROMIUM_PATH, or Debian's package (`npm test` installs it where it can). */
export const CHROMIUM = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (p): p is string => !!p && existsSync(p)
);

/**
 * Launches headless Chromium with flags for a closed network; `webgpu` exposes its (SwiftShader) WebGPU adapter and
 * WebGL. The page itself is still composited in software, as without a GPU: composited through SwiftShader, a page
 * load cost the GPU process about 0.45 s of CPU where it costs 0.05 s (7 loads of the small site: Chromium's CPU 5.2 s
 * → 2.7 s), with the same WebGPU adapter and WebGL.
 */
export async function launchChromium({webgpu = false}: {webgpu?: boolean} = {}): Promise<Browser> {
  if (!CHROMIUM) throw new Error("Chromium is missing: run `npm test`, which installs it, or set CHROMIUM_PATH.");
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...(webgpu
        ? ["--enable-unsafe-webgpu", "--enable-features=Vulkan", "--use-angle=swiftshader", "--disable-gpu-compositing"]
        : ["--disable-gpu"])
    ]
  });
}

/** Collects a page's console errors and uncaught exceptions, so a test can insist there are none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  return errors;
}

/** Opens a page of a served site in a context and waits for the network to settle, collecting its errors. */
export async function openPage(
  context: BrowserContext,
  base: string,
  path: string
): Promise<{page: Page; errors: string[]}> {
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(new URL(path, base).href, {waitUntil: "networkidle"});
  return {page, errors};
}
