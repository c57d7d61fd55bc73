import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {resolveNpmImport} from "@observablehq/framework/dist/npm.js";
import {describe, expect, it} from "vitest";
import {
  NOT_INSTALLED_PINS,
  frameworkClientDir,
  frameworkNpmImports,
  pinFrameworkNpmVersions
} from "../scripts/frameworkNpmPins.js";

const ROOT = process.cwd();
const installed = (name: string) =>
  (JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf-8")) as {version: string}).version;

/** Writes files (path → contents) into a new temporary folder. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "frameworkNpmPins-"));
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), {recursive: true});
    writeFileSync(join(dir, path), contents);
  }
  return dir;
}

describe("frameworkNpmImports(clientDir)", () => {
  it(
    "names the unversioned npm: imports reachable from the client's entries, " + "not its built-ins or fixed versions",
    () => {
      const client = folder({
        "index.js": `import "./pre.js";\nimport {define} from "./main.js";\nexport {define};\n`,
        "pre.js":
          `const html = () => import("npm:htl").then((htl) => htl.html);\nconst aapl = ` +
          `import.meta.resolve("npm:@observablehq/sample-datasets/aapl.csv");\n`,
        "main.js":
          `export const define = () => import("npm:react-dom");\nimport("npm:@observablehq/inputs");\n` +
          `import("npm:d3@7");\nimport("npm:@duckdb/duckdb-wasm");\n`,
        "preview.js": `export * from "./index.js";\nawait import("npm:@observablehq/duckdb");\n`,
        "runtime.js": `import {Runtime} from "@observablehq/runtime";\n`,
        "stdlib.js": `export {FileAttachment} from "./stdlib/fileAttachment.js";\n`,
        "stdlib/fileAttachment.js": `export const csv = () => import("npm:d3-dsv");\n`,
        "stdlib/leaflet.js": `export const L = () => import("npm:leaflet");\n`
      });
      expect(frameworkNpmImports(client)).toEqual(["@observablehq/sample-datasets", "d3-dsv", "htl", "react-dom"]);
    }
  );

  it("finds, in the installed Framework, what its client bundles resolve, each installed or pinned", () => {
    const names = frameworkNpmImports(frameworkClientDir(ROOT));
    expect(names).toEqual(
      expect.arrayContaining(["@observablehq/plot", "arquero", "d3", "d3-dsv", "htl", "parquet-wasm", "react-dom"])
    );
    expect(
      names.filter((name) => !existsSync(join(ROOT, "node_modules", name, "package.json")) && !NOT_INSTALLED_PINS[name])
    ).toEqual([]);
  });
});

describe("pinFrameworkNpmVersions({root, cache})", () => {
  it("gives each name an empty version folder: the installed version, else its pin", () => {
    const cache = join(folder({}), "cache");
    const pins = pinFrameworkNpmVersions({root: ROOT, cache});
    const pin = (name: string) => pins.find((p) => p.name === name);
    expect(pin("d3")).toEqual({name: "d3", version: installed("d3"), source: "installed"});
    expect(pin("htl")).toEqual({name: "htl", version: installed("htl"), source: "installed"});
    expect(pin("@observablehq/plot")).toEqual({
      name: "@observablehq/plot",
      version: installed("@observablehq/plot"),
      source: "installed"
    });
    expect(pin("react-dom")).toEqual({name: "react-dom", version: NOT_INSTALLED_PINS["react-dom"], source: "pinned"});
    for (const {name, version} of pins) expect(readdirSync(join(cache, "_npm", `${name}@${version}`))).toEqual([]);
  });

  it("keeps a version Framework already has, and adds no other", () => {
    const cache = join(folder({"cache/_npm/htl@1.0.0/_esm.js": "export {};\n"}), "cache");
    expect(pinFrameworkNpmVersions({root: ROOT, cache}).find((p) => p.name === "htl")).toEqual({
      name: "htl",
      version: "1.0.0",
      source: "cached"
    });
    expect(readdirSync(join(cache, "_npm")).filter((entry) => entry.startsWith("htl@"))).toEqual(["htl@1.0.0"]);
  });

  it(
    "lets Framework resolve every name to that version from its cache, " + "as it does when bundling its client",
    async () => {
      const root = folder({});
      const pins = pinFrameworkNpmVersions({root: ROOT, cache: join(root, ".observablehq/cache")});
      for (const {name, version} of pins)
        expect(await resolveNpmImport(root, name)).toMatch(
          new RegExp(`^/_npm/${name}@${version.replaceAll(".", "\\.")}/`)
        );
    }
  );
});
