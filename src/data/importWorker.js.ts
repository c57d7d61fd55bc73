// The import worker, bundled with its dependencies (fflate and the .dat parsers) into one module that a page starts
// with `new Worker(url, {type: "module"})`. Framework has no worker support, but it ships esbuild.
import {build} from "esbuild";
import {fileURLToPath} from "node:url";
import {runLoader} from "./log.js";

await runLoader(async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("../components/importWorker.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "error"
  });
  return result.outputFiles[0].contents;
});
