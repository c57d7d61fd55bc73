// The kernel's threads in Node (engine/kernelRun.ts): worker threads running its source with eval.
import {Worker} from "node:worker_threads";
import type {KernelThreads} from "../../src/components/engine/kernelRun.js";

/** `count` threads for kernelRun in Node, the calling one included. */
export function nodeKernelThreads(count: number): KernelThreads {
  return {
    count,
    spawn(source) {
      const worker = new Worker(source, {eval: true});
      return {
        post: (message) => worker.postMessage(message),
        listen(listener) {
          worker.on("message", listener);
          worker.on("error", (error) => listener({error: String(error)}));
        },
        terminate: () => void worker.terminate()
      };
    }
  };
}
