// The kernel's threads in a browser (engine/kernelRun.ts): Web Workers made from its source, which need a page that
// is cross-origin isolated (COOP and COEP headers, or the service worker that adds them), the only kind of page where
// a browser lets threads share memory.
import type {KernelThreads} from "./kernelRun.js";

/** The threads one run trains on at most: each adds a block row and column (FPSGD), and two cores are common. */
export const MAX_KERNEL_THREADS = 4;

/**
 * Threads for the kernel here, with a line for the Train page saying how many and why: as many as the machine has
 * cores (up to MAX_KERNEL_THREADS, and up to `asked`, the page's `?threads=` as written, where it is a whole number
 * of at least 1) where the page is cross-origin isolated, else none (one thread), saying so. Null outside a browser.
 */
export function webKernelThreads(asked?: string): {threads: KernelThreads | null; note: string} | null {
  const scope = globalThis as {crossOriginIsolated?: boolean; navigator?: {hardwareConcurrency?: number}};
  if (scope.crossOriginIsolated === undefined) return null;
  const cores = Math.max(1, Math.floor(scope.navigator?.hardwareConcurrency ?? 1));
  const most = asked === undefined ? MAX_KERNEL_THREADS : Number(asked);
  const valid = Number.isInteger(most) && most >= 1;
  const ignored = valid ? "" : ` The address's ?threads=${asked} is not a whole number of threads, so it is ignored.`;
  if (!scope.crossOriginIsolated)
    return {
      threads: null,
      note:
        `The WebAssembly kernel trains on one thread${cores > 1 ? `, not on the ${cores} cores here` : ""}: this ` +
        "page is not cross-origin isolated, and only an isolated page may share memory between threads. The site's " +
        "service worker isolates its pages after one reload; where it cannot (a private window, site data blocked, " +
        `a browser under automation), training is slower, and as good.${ignored}`
    };
  const count = Math.min(cores, valid ? most : MAX_KERNEL_THREADS, MAX_KERNEL_THREADS);
  const why =
    valid && asked !== undefined
      ? most < Math.min(cores, MAX_KERNEL_THREADS)
        ? `, as the address's ?threads=${asked} asks`
        : most > count
          ? ` (the address's ?threads=${asked} asks for more, but ${
              cores < most ? `this machine has ${cores} cores` : `a run takes at most ${MAX_KERNEL_THREADS}`
            })`
          : ""
      : "";
  if (count < 2)
    return {
      threads: null,
      note: `The WebAssembly kernel trains on one thread${why || ": this machine has one core"}.${ignored}`
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
    note:
      `The WebAssembly kernel trains on ${count} threads${why} (this page is cross-origin isolated; ` +
      `${cores} cores).${ignored}`
  };
}
