// The training worker, bundled with its dependencies (TensorFlow.js included) into one module that the Train page
// starts with `new Worker(url, {type: "module"})`. Framework has no worker support, but it ships esbuild.
import {build} from "esbuild";
import {fileURLToPath} from "node:url";
import {runLoader} from "./log.js";

await runLoader(async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("../components/trainWorker.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "error",
    // TF.js's wasm backend mentions Node modules on paths a browser never takes.
    external: ["fs", "path", "worker_threads", "perf_hooks", "os", "crypto"]
  });
  return result.outputFiles[0].contents;
});
