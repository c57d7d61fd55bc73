/** A file a page can reach: Framework's FileAttachment has this shape (its name is the file's own, without folders). */
export interface NamedFile {
  name: string;
  url(): Promise<string>;
}

/**
 * The URLs of TF.js's WebAssembly binaries, keyed by the names the wasm backend asks for (`tfjs-backend-wasm.wasm`,
 * `-simd.wasm`, `-threaded-simd.wasm`), as the training worker's `wasmUrls` wants them. A page passes its
 * `FileAttachment`s of the three files (Framework needs each named literally in the page).
 */
export async function wasmUrls(files: readonly NamedFile[]): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(files.map(async (file) => [file.name, await file.url()] as const)));
}
