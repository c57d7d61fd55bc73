import {createHash} from "node:crypto";
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {ROOT} from "./dataset.js";

/**
 * A hash of the loaders' and components' code, sub-folders included: cached loader output made by other code is stale.
 */
export function codeStamp(root = ROOT): string {
  const hash = createHash("sha256");
  for (const folder of ["src/data", "src/components"]) {
    // Components live in folders by role, so every .ts file below the folder counts, named by its path in it.
    const names = readdirSync(join(root, folder), {recursive: true, encoding: "utf-8"}).filter((name) =>
      name.endsWith(".ts")
    );
    for (const name of names.sort()) hash.update(name).update(readFileSync(join(root, folder, name)));
  }
  return hash.digest("hex");
}
