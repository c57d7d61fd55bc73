// Compiles WebAssembly text (with SIMD) to its binary with wabt, the WebAssembly Binary Toolkit's JS build.
import {readFile} from "node:fs/promises";
import wabtInit from "wabt";

/** The binary of the .wat file at `path`; throws wabt's error (with line and column) when the text is invalid. */
export async function compileWat(path: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat(path, await readFile(path, "utf8"), {simd: true});
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}
