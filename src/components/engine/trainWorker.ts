// The training worker: serves training requests (serveTrainRequest.ts) and stops them when asked. It runs in a Web
// Worker so that training never blocks the page; the page bundles it with a data loader (src/data/trainWorker.js.ts).
import {serveTrainRequest, trainCache} from "./serveTrainRequest.js";
import type {TrainEvent, TrainRequest} from "./trainProtocol.js";

const scope = self as unknown as Worker;
// The worker's life: the ratings and backend kept between runs, and the run in progress, which "stop" aborts.
const cache = trainCache();
let controller: AbortController | null = null;

scope.onmessage = (event: MessageEvent<TrainRequest>) => {
  const request = event.data;
  if (request.type === "stop") controller?.abort();
  else if (request.type === "watch") {
    // Held until the worker ends: the page learns of an end it is not told of when the lock is released.
    void navigator.locks.request(request.lock, () => {
      scope.postMessage({type: "watching"} satisfies TrainEvent);
      return new Promise<never>(() => {});
    });
  } else if (request.type === "train") {
    const run = (controller = new AbortController());
    void serveTrainRequest(request, (e, transfer = []) => scope.postMessage(e, transfer), {
      signal: run.signal,
      cache
    }).finally(() => {
      if (controller === run) controller = null;
    });
  }
};
