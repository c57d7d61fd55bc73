// TF.js's wasm binaries (tfjs-backend-wasm, -simd, -threaded-simd), copied from node_modules so that the wasm backend
// loads them from this site rather than from a CDN. A parameterized loader: `--wasm` names the file.
import {readFile} from "node:fs/promises";
import {createRequire} from "node:module";
import {parseArgs} from "node:util";
import {runLoader} from "./log.js";

const {values} = parseArgs({options: {wasm: {type: "string"}}});
const WASM = ["tfjs-backend-wasm", "tfjs-backend-wasm-simd", "tfjs-backend-wasm-threaded-simd"];

await runLoader(async () => {
  if (!WASM.includes(values.wasm ?? ""))
    throw new Error(`Unknown wasm binary ${JSON.stringify(values.wasm)}; expected one of ${WASM.join(", ")}.`);
  return readFile(createRequire(import.meta.url).resolve(`@tensorflow/tfjs-backend-wasm/dist/${values.wasm}.wasm`));
});
