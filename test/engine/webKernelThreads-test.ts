import {afterEach, describe, expect, it} from "vitest";
import {webKernelThreads} from "../../src/components/engine/webKernelThreads.js";

/** Makes this realm look like a page (isolated or not) on a machine with `cores` cores, until the test ends. */
function page(isolated: boolean, cores: number) {
  Object.defineProperty(globalThis, "crossOriginIsolated", {value: isolated, configurable: true});
  Object.defineProperty(globalThis, "navigator", {value: {hardwareConcurrency: cores}, configurable: true});
}
const navigatorBefore = Object.getOwnPropertyDescriptor(globalThis, "navigator");
afterEach(() => {
  delete (globalThis as {crossOriginIsolated?: boolean}).crossOriginIsolated;
  if (navigatorBefore) Object.defineProperty(globalThis, "navigator", navigatorBefore);
  else delete (globalThis as {navigator?: unknown}).navigator;
});

describe("webKernelThreads(asked)", () => {
  it("is null outside a browser (no crossOriginIsolated)", () => {
    expect(webKernelThreads()).toBeNull();
  });

  it("gives as many threads as cores on an isolated page, at most 4, and says so", () => {
    page(true, 2);
    const two = webKernelThreads()!;
    expect(two.threads?.count).toBe(2);
    expect(two.note).toBe("The WebAssembly kernel trains on 2 threads (this page is cross-origin isolated; 2 cores).");
    page(true, 16);
    expect(webKernelThreads()!.threads?.count).toBe(4);
  });

  it("on a page that is not isolated, one thread, why, and what the visitor can do", () => {
    page(false, 2);
    const one = webKernelThreads()!;
    expect(one.threads).toBeNull();
    expect(one.note).toMatch(/^The WebAssembly kernel trains on one thread, not on the 2 cores here: this page is not/);
    expect(one.note).toMatch(/service worker isolates its pages after one reload; where it cannot \(a private window/);
  });

  it("follows the address's ?threads=, and says so, or why it does not", () => {
    page(true, 2);
    expect(webKernelThreads("1")).toMatchObject({
      threads: null,
      note: "The WebAssembly kernel trains on one thread, as the address's ?threads=1 asks."
    });
    const many = webKernelThreads("64")!;
    expect(many.threads?.count).toBe(2);
    expect(many.note).toMatch(
      /on 2 threads \(the address's \?threads=64 asks for more, but this machine has 2 cores\)/
    );
    for (const bad of ["abc", "0", "-3", "1.5", ""]) {
      const ignored = webKernelThreads(bad)!;
      expect(ignored.threads?.count, bad).toBe(2);
      expect(ignored.note, bad).toContain(`The address's ?threads=${bad} is not a whole number of threads, so it is`);
    }
    page(true, 1);
    expect(webKernelThreads()!.note).toBe("The WebAssembly kernel trains on one thread: this machine has one core.");
  });
});
