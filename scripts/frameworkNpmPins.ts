// Framework's own client code (the runtime, the standard library, the page client) names libraries as `npm:` imports
// with no version: `import("npm:d3-dsv")` for FileAttachment.csv, `import("npm:htl")` for the `html` built-in,
// `import("npm:react-dom")` for JSX. Bundling that client writes each one's URL, with a version, into
// _observablehq/client.js and stdlib.js, so Framework must resolve each name to a version even though our pages never
// load them. It takes the version from a folder `<name>@<version>` in its cache (src/.observablehq/cache/_npm), and
// without one asks registry.npmjs.org for `latest`: with no network, the bundle fails, every page loses its widgets.
// So before every preview and build, this gives each such name a version folder, empty: the installed version where
// node_modules has the package, else the pin below. Nothing is downloaded; a page that used such a built-in (rather
// than importing the library from node_modules, as ours do) would still need jsDelivr, and the offline test says so.
import {existsSync, mkdirSync, readFileSync, readdirSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join, resolve} from "node:path";

/**
 * Versions for the names that no installed package provides: libraries behind Framework's built-ins (`_`, `Arrow`,
 * `echarts`, `L`, `mapboxgl`, `React`, `topojson`, sample datasets, FileAttachment.parquet) that the workbook never
 * loads. They are only written into the client bundle's lazy imports. These are the registry's `latest` on the day
 * they were written for Framework 1.13.4, which an online build with an empty cache picked then.
 */
export const NOT_INSTALLED_PINS: Readonly<Record<string, string>> = {
  "@observablehq/sample-datasets": "1.0.1",
  "apache-arrow": "21.2.0",
  echarts: "6.1.0",
  leaflet: "1.9.4",
  lodash: "4.18.1",
  "mapbox-gl": "3.32.0",
  "parquet-wasm": "0.8.0",
  react: "19.3.1",
  "react-dom": "19.3.1",
  "topojson-client": "3.1.0"
};

/** The client modules Framework bundles for every page: the page client (build and preview), runtime and stdlib. */
const CLIENT_ENTRIES = ["index.js", "preview.js", "runtime.js", "stdlib.js"];

/** `npm:` specifiers Framework maps to its own files (resolvers.js `builtins`), so they need no version. */
const BUILTINS = new Set(
  ["runtime", "stdlib", "dot", "duckdb", "inputs", "mermaid", "tex", "sqlite"].map((name) => `@observablehq/${name}`)
);

/** Names Framework gives a fixed version of its own when they have none (npm.js `resolveNpmImport`). */
const FIXED_BY_FRAMEWORK = new Set(["@duckdb/duckdb-wasm"]);

/** The package name in an npm specifier such as `@scope/name@1/path` or `name/path`, or null if it has a version. */
function unversionedName(specifier: string): string | null {
  const parts = specifier.split("/");
  const nameRange = specifier.startsWith("@") ? `${parts[0]}/${parts[1] ?? ""}` : parts[0];
  return nameRange.indexOf("@", 1) > 0 ? null : nameRange;
}

/** Framework's client folder, in the installed @observablehq/framework. */
export function frameworkClientDir(root: string): string {
  return join(
    dirname(createRequire(join(root, "package.json")).resolve("@observablehq/framework/package.json")),
    "dist/client"
  );
}

/**
 * The package names that Framework's client bundles import as `npm:` with no version, so that bundling them needs a
 * version for each: found by following the client's relative imports from its entry modules.
 */
export function frameworkNpmImports(clientDir: string): string[] {
  const names = new Set<string>();
  const seen = new Set<string>();
  const queue = CLIENT_ENTRIES.map((entry) => join(clientDir, entry));
  for (let file; (file = queue.pop());) {
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, "utf-8");
    for (const [, path] of source.matchAll(/\b(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g))
      queue.push(resolve(dirname(file), path));
    for (const [, specifier] of source.matchAll(/["']npm:([^"']+)["']/g)) {
      const name = unversionedName(specifier);
      if (name && !BUILTINS.has(specifier) && !FIXED_BY_FRAMEWORK.has(name)) names.add(name);
    }
  }
  return [...names].sort();
}

/** The version of a package as installed at the root's node_modules (where Framework's own resolution finds it). */
function installedVersion(root: string, name: string): string | undefined {
  const path = join(root, "node_modules", name, "package.json");
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf-8")) as {version: string}).version : undefined;
}

/** One name's version folder: created, or already there from an earlier run. */
export interface NpmPin {
  name: string;
  version: string;
  /** "installed": node_modules's version; "pinned": NOT_INSTALLED_PINS; "cached": a version Framework already had. */
  source: "installed" | "pinned" | "cached";
}

/**
 * Gives every name in Framework's client bundles a version in Framework's npm cache (`<cache>/_npm/<name>@<version>/`,
 * an empty folder), so that bundling needs no registry: the version installed in node_modules, else its pin. A name
 * that already has a version there keeps it. Throws, naming them, for names with neither (a newer Framework).
 */
export function pinFrameworkNpmVersions({
  root,
  cache = join(root, "src/.observablehq/cache")
}: {
  root: string;
  cache?: string;
}): NpmPin[] {
  const npmCache = join(cache, "_npm");
  const names = frameworkNpmImports(frameworkClientDir(root));
  const missing = names.filter((name) => !installedVersion(root, name) && !NOT_INSTALLED_PINS[name]);
  if (missing.length)
    throw new Error(
      `Framework's client imports ${missing.map((n) => `npm:${n}`).join(", ")}, with no version installed or pinned: ` +
        `add them to NOT_INSTALLED_PINS in scripts/frameworkNpmPins.ts.`
    );
  return names.map((name): NpmPin => {
    const scope = join(npmCache, dirname(name));
    const base = name.slice(name.lastIndexOf("/") + 1);
    const cached = existsSync(scope) ? readdirSync(scope).find((entry) => entry.startsWith(`${base}@`)) : undefined;
    if (cached) return {name, version: cached.slice(base.length + 1), source: "cached"};
    const installed = installedVersion(root, name);
    const version = installed ?? NOT_INSTALLED_PINS[name];
    mkdirSync(join(npmCache, `${name}@${version}`), {recursive: true});
    return {name, version, source: installed ? "installed" : "pinned"};
  });
}
