import {build} from "esbuild";
import {fileURLToPath} from "node:url";

/**
 * Bundles a Web Worker's entry module with its dependencies into one ES module that a page starts with
 * `new Worker(url, {type: "module"})`. Framework has no worker support, but it ships esbuild.
 */
export async function bundleWorker(entry: URL): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
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
}
