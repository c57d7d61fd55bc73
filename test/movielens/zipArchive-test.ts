import {strToU8, zipSync} from "fflate";
import {describe, expect, it} from "vitest";
import {archiveKind, canInflate, isZip, zipEntries, zipMethod} from "../../src/components/movielens/zipArchive.js";
import {patchZipEntry} from "../support/patchZipEntry.js";

const ZIP = zipSync({
  "ml-1m": {"movies.dat": strToU8("1::A (2000)::Drama\n"), "ratings.dat": [strToU8("1::1::4::1\n"), {level: 0}]},
  "__MACOSX/ml-1m/._movies.dat": strToU8("x")
});

describe("zipEntries(zip)", () => {
  it("lists the files with their method and size, without folders or __MACOSX", () => {
    expect(zipEntries(ZIP)).toEqual([
      {name: "ml-1m/movies.dat", originalSize: 19, compression: 8, encrypted: false},
      {name: "ml-1m/ratings.dat", originalSize: 11, compression: 0, encrypted: false}
    ]);
  });

  it("reads the method an archiver wrote, and encryption from flag bit 0 or AES's method 99", () => {
    const deflate64 = patchZipEntry(ZIP, "ml-1m/movies.dat", {method: 9});
    expect(zipEntries(deflate64)[0]).toMatchObject({compression: 9, encrypted: false});
    const flagged = patchZipEntry(ZIP, "ml-1m/ratings.dat", {flags: 1});
    expect(zipEntries(flagged).map((e) => e.encrypted)).toEqual([false, true]);
    const aes = patchZipEntry(ZIP, "ml-1m/movies.dat", {method: 99});
    expect(zipEntries(aes)[0]).toMatchObject({compression: 99, encrypted: true});
    // The UTF-8 name flag (bit 11) is not encryption.
    expect(zipEntries(patchZipEntry(ZIP, "ml-1m/movies.dat", {flags: 0x800}))[0].encrypted).toBe(false);
  });

  it("reads the flags behind a zip comment too", () => {
    const commented = new Uint8Array(ZIP.length + 5);
    commented.set(ZIP);
    commented.set(strToU8("hello"), ZIP.length);
    new DataView(commented.buffer).setUint16(ZIP.length - 2, 5, true);
    expect(zipEntries(patchZipEntry(commented, "ml-1m/ratings.dat", {flags: 1})).map((e) => e.encrypted)).toEqual([
      false,
      true
    ]);
  });

  it("throws fflate's error on a zip cut short", () => {
    expect(() => zipEntries(ZIP.subarray(0, ZIP.length - 30))).toThrow();
  });
});

describe("canInflate(entry)", () => {
  it("is true of stored and Deflate entries without a password", () => {
    const entry = {name: "ratings.dat", originalSize: 1, encrypted: false};
    expect([0, 8, 9, 12, 14, 93, 95, 98].map((compression) => canInflate({...entry, compression}))).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false
    ]);
    expect(canInflate({...entry, compression: 8, encrypted: true})).toBe(false);
  });
});

describe("zipMethod(compression)", () => {
  it("names the methods archivers write, and numbers the rest", () => {
    expect(zipMethod(9)).toBe("Deflate64 (method 9)");
    expect([12, 14, 93, 95, 98].map(zipMethod)).toEqual([
      "BZip2 (method 12)",
      "LZMA (method 14)",
      "Zstandard (method 93)",
      "XZ (method 95)",
      "PPMd (method 98)"
    ]);
    expect(zipMethod(77)).toBe("compression method 77");
  });
});

describe("archiveKind(bytes)", () => {
  it("recognizes the archives a zip is mistaken for, and nothing else", () => {
    expect(archiveKind(Uint8Array.of(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c))).toBe("7z");
    expect(archiveKind(strToU8("Rar!\x1a\x07\x01\x00"))).toBe("RAR");
    expect(archiveKind(Uint8Array.of(0x1f, 0x8b, 8))).toBe("gzip");
    expect(archiveKind(Uint8Array.of(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00))).toBe("xz");
    expect(archiveKind(Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd))).toBe("Zstandard");
    expect(archiveKind(strToU8("BZh91AY"))).toBe("bzip2");
    const tar = new Uint8Array(512);
    tar.set(strToU8("ustar"), 257);
    expect(archiveKind(tar)).toBe("tar");
    expect(archiveKind(ZIP)).toBeNull();
    expect(archiveKind(strToU8("1::1::5::1\n"))).toBeNull();
    expect(archiveKind(new Uint8Array(0))).toBeNull();
  });
});

describe("isZip(bytes)", () => {
  it("recognizes a zip's first bytes", () => {
    expect(isZip(zipSync({"a.txt": strToU8("a")}))).toBe(true);
    expect(isZip(zipSync({}))).toBe(true);
    expect(isZip(strToU8("1::1::5::1\n"))).toBe(false);
    expect(isZip(new Uint8Array(0))).toBe(false);
  });
});
