// Whether the WebGPU tests (Dawn in Node, on Chromium's SwiftShader: scripts/lib/nodeWebGpu.ts) must run here, and
// what a test does when Dawn finds no adapter: fail with the reason where one is expected, else skip, saying why.
import type {TestContext} from "vitest";
import {CHROMIUM} from "../../scripts/lib/chromium.js";

/** Debian's Chromium: its package ships the SwiftShader Vulkan driver that nodeWebGpu points Dawn at. */
const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/**
 * The guard for a test file's WebGPU tests, given what nodeWebGpu found: called first in each such test with its
 * context, it returns the adapter. Without one, where an adapter is expected (the environment sets CI, or the tests'
 * Chromium, CHROMIUM_PATH or else the system's, is Debian's /usr/bin/chromium), the test fails with the reason;
 * elsewhere it is skipped with the reason as its note, and the reason is printed once, when the guard is made.
 */
export function webgpuExpected(
  file: string,
  gpu: {adapter: GPUAdapter | null; why: string},
  {env = process.env, chromium = CHROMIUM}: {env?: Record<string, string | undefined>; chromium?: string} = {}
): (context: Pick<TestContext, "skip">) => GPUAdapter {
  const {adapter} = gpu;
  if (adapter) return () => adapter;
  const expected = env.CI
    ? `CI is set (CI=${env.CI})`
    : chromium === DEBIAN_CHROMIUM
      ? `the tests use Debian's Chromium, ${DEBIAN_CHROMIUM}, whose SwiftShader Dawn runs on`
      : null;
  if (expected)
    return () => {
      throw new Error(`${file}: a WebGPU adapter is expected here, since ${expected}, but there is none: ${gpu.why}.`);
    };
  const reason =
    `${file}: skipping the WebGPU tests: ${gpu.why}; none is expected here (CI is not set, and the tests' Chromium ` +
    `is ${chromium ?? "missing"}, not Debian's ${DEBIAN_CHROMIUM})`;
  console.warn(reason);
  return (context) => context.skip(reason);
}
