/**
 * A copy of a zip whose entry `name` says another compression method and general-purpose flags, in its local header
 * and in the central directory, as 7-Zip's Deflate64 or an encrypting archiver writes them. Throws unless exactly one
 * entry has that name.
 */
export function patchZipEntry(
  zip: Uint8Array,
  name: string,
  {method, flags}: {method?: number; flags?: number}
): Uint8Array {
  const out = new Uint8Array(zip); // a copy, even of a Buffer (whose slice is a view)
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let end = out.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) --end;
  let at = view.getUint32(end + 16, true);
  let patched = 0;
  for (let i = 0; i < view.getUint16(end + 10, true); ++i) {
    const nameLength = view.getUint16(at + 28, true);
    if (new TextDecoder().decode(out.subarray(at + 46, at + 46 + nameLength)) === name) {
      const local = view.getUint32(at + 42, true);
      if (method !== undefined) {
        view.setUint16(at + 10, method, true);
        view.setUint16(local + 8, method, true);
      }
      if (flags !== undefined) {
        view.setUint16(at + 8, flags, true);
        view.setUint16(local + 6, flags, true);
      }
      ++patched;
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  if (patched !== 1) throw new Error(`patchZipEntry: ${patched} entries named ${name}`);
  return out;
}
