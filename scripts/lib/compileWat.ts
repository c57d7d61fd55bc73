// Compiles WebAssembly text (with SIMD) to its binary with wabt, the WebAssembly Binary Toolkit's JS build.
import {readFile} from "node:fs/promises";
import wabtInit from "wabt";

/** The memory import a kernel declares: `(memory 1)`, or shared between threads (`shared`, with a maximum). */
const MEMORY_IMPORT = '(import "env" "memory" (memory 1))';

/**
 * The binary of the .wat file at `path`; throws wabt's error (with line and column) when the text is invalid. With
 * `shared`, its memory import becomes a shared memory of up to 4 GB (WebAssembly threads), for several threads to
 * run it on one memory; the text must import its memory as `(memory 1)`.
 */
export async function compileWat(path: string, {shared = false}: {shared?: boolean} = {}): Promise<Uint8Array> {
  const wabt = await wabtInit();
  let text = await readFile(path, "utf8");
  if (shared) {
    if (!text.includes(MEMORY_IMPORT)) throw new Error(`${path} does not import its memory as ${MEMORY_IMPORT}`);
    text = text.replace(MEMORY_IMPORT, '(import "env" "memory" (memory 1 65536 shared))');
  }
  const module = wabt.parseWat(path, text, {simd: true, threads: shared});
  try {
    // wabt's validator refuses shared memories whatever its features say, so the shared binary is checked by the
    // engine's own validator instead (the unshared one by both, the same text).
    if (!shared) module.validate();
    const bytes = module.toBinary({}).buffer;
    if (shared && !WebAssembly.validate(new Uint8Array(bytes)))
      throw new Error(`${path}: not valid WebAssembly on a shared memory`);
    return bytes;
  } finally {
    module.destroy();
  }
}
