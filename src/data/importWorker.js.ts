// The import worker, bundled with its dependencies (fflate and the .dat parsers) for "Load MovieLens from your
// computer" on every page.
import {bundleWorker} from "./bundleWorker.js";
import {runLoader} from "./log.js";

await runLoader(() => bundleWorker(new URL("../components/movielens/importWorker.ts", import.meta.url)));
