// What a zip holds, and whether the import can read each entry, from its central directory without inflating
// anything; and what a file that is not a zip is instead. fflate inflates only stored and Deflate entries.
import {unzipSync} from "fflate";

/** A zip entry as its central directory records it. */
export interface ZipEntry {
  name: string;
  originalSize: number;
  /** The compression method (APPNOTE.TXT 4.4.5): 0 stored, 8 Deflate, 9 Deflate64, … */
  compression: number;
  /** General-purpose flag bit 0, or AES's method 99: the entry needs a password. */
  encrypted: boolean;
}

const STORED = 0;
const DEFLATE = 8;
const AES = 99;
// The methods other archivers write, by name: 7-Zip's Deflate64 and the rest of its "Zip" methods, and older ones.
const METHODS: Record<number, string> = {
  1: "Shrink",
  6: "Implode",
  9: "Deflate64",
  12: "BZip2",
  14: "LZMA",
  93: "Zstandard",
  95: "XZ",
  98: "PPMd"
};

/** Whether bytes start like a zip archive (a local file header, or the end record of an empty one). */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))
  );
}

/** The kind of a non-zip archive by its first bytes ("7z", "RAR", "gzip", …), or null. */
export function archiveKind(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c)) return "7z";
  if (starts(0x52, 0x61, 0x72, 0x21, 0x1a, 0x07)) return "RAR";
  if (starts(0x1f, 0x8b)) return "gzip";
  if (starts(0x42, 0x5a, 0x68)) return "bzip2";
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return "xz";
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return "Zstandard";
  if (bytes.length >= 262 && new TextDecoder().decode(bytes.subarray(257, 262)) === "ustar") return "tar";
  return null;
}

/** The entries of a zip, folders and macOS's __MACOSX copies left out; throws fflate's error when it is damaged. */
export function zipEntries(zip: Uint8Array): ZipEntry[] {
  const entries: ZipEntry[] = [];
  unzipSync(zip, {
    filter: ({name, originalSize, compression}) => (
      entries.push({name, originalSize, compression, encrypted: compression === AES}),
      false
    )
  });
  // fflate lists the central directory in order, but without the flags that say an entry is encrypted.
  const flags = centralFlags(zip);
  if (flags.length === entries.length) entries.forEach((e, i) => (e.encrypted ||= (flags[i] & 1) === 1));
  return entries.filter((e) => !e.name.endsWith("/") && !/(^|\/)__MACOSX\//.test(e.name));
}

/** Whether fflate can inflate an entry: stored or Deflate, and not encrypted. */
export function canInflate(entry: ZipEntry): boolean {
  return !entry.encrypted && (entry.compression === STORED || entry.compression === DEFLATE);
}

/** A compression method in words: "Deflate64 (method 9)", or "compression method 77" for one without a name here. */
export function zipMethod(compression: number): string {
  return METHODS[compression] ? `${METHODS[compression]} (method ${compression})` : `compression method ${compression}`;
}

/** Each central directory entry's general-purpose flags, in order; [] when the directory cannot be walked. */
function centralFlags(zip: Uint8Array): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end record is last, after a comment of at most 65,535 bytes.
  let end = zip.length - 22;
  while (end >= 0 && zip.length - end <= 65_557 && view.getUint32(end, true) !== 0x06054b50) --end;
  if (end < 0 || zip.length - end > 65_557) return [];
  let count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  // Zip64: a locator just before the end record points at the record that holds the real count and offset.
  if (end >= 20 && view.getUint32(end - 20, true) === 0x07064b50) {
    const z64 = Number(view.getBigUint64(end - 12, true));
    if (z64 + 56 <= zip.length && view.getUint32(z64, true) === 0x06064b50) {
      count = Number(view.getBigUint64(z64 + 32, true));
      at = Number(view.getBigUint64(z64 + 48, true));
    }
  }
  const flags: number[] = [];
  for (let i = 0; i < count; ++i) {
    if (at + 46 > zip.length || view.getUint32(at, true) !== 0x02014b50) return [];
    flags.push(view.getUint16(at + 8, true));
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return flags;
}
