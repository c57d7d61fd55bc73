// The training worker, bundled with its dependencies (TensorFlow.js included) for the Train, Save and resume, and
// Recommendations pages.
import {bundleWorker} from "./bundleWorker.js";
import {runLoader} from "./log.js";

await runLoader(() => bundleWorker(new URL("../components/engine/trainWorker.ts", import.meta.url)));
