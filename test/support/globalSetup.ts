// Vitest's global setup: writes the format fixtures (formatFixtures.ts) into test/fixtures/, which git ignores, before
// any test reads them.
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {FORMAT_FIXTURES, fixtureBytes} from "./formatFixtures.js";

export const FIXTURES_DIR = "test/fixtures";

/** Writes every format fixture under `dir` (test/fixtures by default), replacing what is there. */
export function writeFormatFixtures(dir = FIXTURES_DIR): void {
  for (const path of Object.keys(FORMAT_FIXTURES)) {
    mkdirSync(dirname(join(dir, path)), {recursive: true});
    writeFileSync(join(dir, path), fixtureBytes(path));
  }
}

export default function setup(): void {
  writeFormatFixtures();
}
