import {createHash} from "node:crypto";
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {ROOT} from "./dataset.js";

/** A hash of the loaders' and components' code: cached loader output made by other code is stale. */
export function codeStamp(root = ROOT): string {
  const hash = createHash("sha256");
  for (const folder of ["src/data", "src/components"]) {
    for (const name of readdirSync(join(root, folder)).sort()) if (name.endsWith(".ts")) hash.update(name).update(readFileSync(join(root, folder, name)));
  }
  return hash.digest("hex");
}
