// The kernel's threads in a browser (engine/kernelRun.ts): Web Workers made from its source, which need a page that
// is cross-origin isolated (COOP and COEP headers, or the service worker that adds them), the only kind of page where
// a browser lets threads share memory.
import type {KernelThreads} from "./kernelRun.js";

/** The threads one run trains on at most: each adds a block row and column (FPSGD), and two cores are common. */
export const MAX_KERNEL_THREADS = 4;

/**
 * Threads for the kernel here, with a line for the Train page saying how many and why: as many as the machine has
 * cores (up to `most`, at most MAX_KERNEL_THREADS) where the page is cross-origin isolated, else none (one thread),
 * saying so. Null outside a browser.
 */
export function webKernelThreads(most = MAX_KERNEL_THREADS): {threads: KernelThreads | null; note: string} | null {
  const scope = globalThis as {crossOriginIsolated?: boolean; navigator?: {hardwareConcurrency?: number}};
  if (scope.crossOriginIsolated === undefined) return null;
  const cores = Math.max(1, Math.floor(scope.navigator?.hardwareConcurrency ?? 1));
  if (!scope.crossOriginIsolated)
    return {
      threads: null,
      note:
        "The WebAssembly kernel trains on one thread: this page is not cross-origin isolated, so the browser shares " +
        "no memory between threads (see the README's Publishing)."
    };
  const count = Math.min(cores, most, MAX_KERNEL_THREADS);
  if (count < 2)
    return {
      threads: null,
      note: `The WebAssembly kernel trains on one thread: ${cores < 2 ? "this machine has one core" : "as asked"}.`
    };
  return {
    threads: {
      count,
      spawn(source) {
        const url = URL.createObjectURL(new Blob([source], {type: "text/javascript"}));
        const worker = new Worker(url);
        URL.revokeObjectURL(url);
        return {
          post: (message) => worker.postMessage(message),
          listen(listener) {
            worker.addEventListener("message", (event) => listener(event.data));
            worker.addEventListener("error", (event) => listener({error: event.message || "the thread failed"}));
          },
          terminate: () => worker.terminate()
        };
      }
    },
    note: `The WebAssembly kernel trains on ${count} threads (this page is cross-origin isolated; ${cores} cores).`
  };
}
