const UTF8 = new TextDecoder("utf-8", {fatal: true});
const LATIN1 = new TextDecoder("latin1");

/** Decodes bytes as UTF-8, or as Latin-1 where they are not valid UTF-8 (older MovieLens releases are Latin-1). */
export function decodeLine(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    return LATIN1.decode(bytes);
  }
}
