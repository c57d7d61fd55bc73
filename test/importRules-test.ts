// The rules of src/components' folders by role (docs/ARCHITECTURE.md, "Folders by role"), read from the code's import
// specifiers.
import {readFileSync, readdirSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import {describe, expect, it} from "vitest";

const ROOT = process.cwd();
const COMPONENTS = "src/components";

interface Import {
  /** The importing file, relative to the repository root. */
  file: string;
  /** The specifier as written. */
  spec: string;
  /** For a relative specifier, the file it names (a `.js` specifier names the `.ts` file), relative to the root. */
  target: string | null;
  /** `import type` or `export type`: erased, carries no code. */
  typeOnly: boolean;
}

const IMPORT = new RegExp(
  String.raw`\b(import|export)(\s+type\b)?\s+[^"';]*?\bfrom\s*["']([^"']+)["']|` +
    String.raw`\bimport\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)`,
  "g"
);

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), "utf-8");
  const imports: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4] ?? m[5];
    const target = spec.startsWith(".")
      ? relative(ROOT, resolve(ROOT, dirname(file), spec.replace(/\.js$/, ".ts")))
      : null;
    imports.push({file, spec, target, typeOnly: Boolean(m[2])});
  }
  return imports;
}

const componentFiles = (readdirSync(join(ROOT, COMPONENTS), {recursive: true, encoding: "utf-8"}) as string[])
  .filter((name) => name.endsWith(".ts"))
  .map((name) => join(COMPONENTS, name))
  .sort();
const pages = readdirSync(join(ROOT, "src"))
  .filter((name) => name.endsWith(".md"))
  .map((name) => join("src", name));
const loaders = readdirSync(join(ROOT, "src/data"))
  .filter((name) => name.endsWith(".ts"))
  .map((name) => join("src/data", name));
const all = [...componentFiles, ...pages, ...loaders].flatMap(importsOf);

/**
 * The role folder of a file under src/components ("engine", "ui"…), "" for the primitives at its root, null elsewhere.
 */
function role(file: string): string | null {
  if (!file.startsWith(COMPONENTS + "/")) return null;
  const parts = file.slice(COMPONENTS.length + 1).split("/");
  return parts.length > 1 ? parts[0] : "";
}
const show = (i: Import) => `${i.file}: ${i.typeOnly ? "import type " : ""}"${i.spec}"`;
const TF = /^@tensorflow\//;

describe("src/components: folders by role", () => {
  it("reads the imports of every component, page and loader", () => {
    expect(componentFiles.length).toBeGreaterThan(70);
    expect(pages).toContain("src/train.md");
    expect(all.filter((i) => i.target?.startsWith(COMPONENTS + "/")).length).toBeGreaterThan(200);
  });

  it("puts every component in a role folder, or at the root for the shared primitives", () => {
    const roots = componentFiles.filter((file) => role(file) === "");
    expect(roots).toEqual([
      "src/components/random.ts",
      "src/components/solveCholesky.ts",
      "src/components/trainDefaults.ts"
    ]);
    for (const file of componentFiles)
      expect(["", "ui", "browser", "engine", "model", "movielens", "page", "split", "synth"]).toContain(role(file));
  });

  it("every relative import names a file that exists", () => {
    const names = new Set([...componentFiles, ...pages, ...loaders]);
    const missing = all.filter((i) => i.target?.startsWith(COMPONENTS + "/") && !names.has(i.target)).map(show);
    expect(missing).toEqual([]);
  });

  it("only engine/ imports TF.js", () => {
    expect(all.filter((i) => TF.test(i.spec) && role(i.file) !== "engine").map(show)).toEqual([]);
  });

  it("outside engine/, code imports only types, and only from engine/trainProtocol.ts", () => {
    const bad = all.filter(
      (i) =>
        role(i.file) !== "engine" &&
        role(i.target ?? "") === "engine" &&
        !(i.typeOnly && i.target === `${COMPONENTS}/engine/trainProtocol.ts`)
    );
    expect(bad.map(show)).toEqual([]);
  });

  it("movielens/ and model/ import no DOM-only module (ui/, browser/) and no TF.js", () => {
    const bad = all.filter(
      (i) =>
        ["movielens", "model"].includes(role(i.file) ?? "") &&
        (TF.test(i.spec) || ["ui", "browser"].includes(role(i.target ?? "") ?? ""))
    );
    expect(bad.map(show)).toEqual([]);
  });

  it(
    "synth/ is imported only by loaders, scripts, bench and tests, " +
      "never by a page or another folder (types aside)",
    () => {
      // A type-only import is erased: movielens/datasetArtifacts.ts names SynthMeta, the shape of SYNTHETIC.json.
      const bad = all.filter(
        (i) =>
          role(i.target ?? "") === "synth" &&
          role(i.file) !== "synth" &&
          (pages.includes(i.file) || (role(i.file) !== null && !i.typeOnly))
      );
      expect(bad.map(show)).toEqual([]);
    }
  );

  it("page/ owns the pages' data: only pages import it, and only it names the build's files (FileAttachment)", () => {
    const importers = all.filter((i) => role(i.target ?? "") === "page" && role(i.file) !== "page");
    expect(importers.length).toBeGreaterThanOrEqual(9);
    expect(importers.filter((i) => !pages.includes(i.file)).map(show)).toEqual([]);
    expect(all.filter((i) => i.spec === "observablehq:stdlib" && role(i.file) !== "page").map(show)).toEqual([]);
    // Every page opens with the one call; none types a path to the build's files.
    const typed = pages.filter((page) => /FileAttachment\(/.test(readFileSync(join(ROOT, page), "utf-8")));
    expect(typed).toEqual([]);
  });

  it("movielens/ reads files: it imports nothing from model/ or engine/, not even types", () => {
    const bad = all.filter((i) => role(i.file) === "movielens" && ["model", "engine"].includes(role(i.target ?? "")!));
    expect(bad.map(show)).toEqual([]);
  });

  it("split/, the one home of the train/validation split, imports only itself, the root's primitives and types", () => {
    const bad = all.filter(
      (i) =>
        role(i.file) === "split" &&
        !["split", ""].includes(role(i.target ?? "") ?? "none") &&
        !(i.typeOnly && i.target === `${COMPONENTS}/engine/trainProtocol.ts`)
    );
    expect(bad.map(show)).toEqual([]);
    // The split is computed in split/ alone: no other module builds a split from flags or timestamps itself.
    expect(all.filter((i) => i.target?.endsWith("/split.ts") || i.target?.endsWith("/timeSplit.ts")).map(show)).toEqual(
      []
    );
  });

  it("has no import cycles among src/components files and the loaders (type-only imports included)", () => {
    const graph = new Map([...componentFiles, ...loaders].map((file) => [file, [] as string[]]));
    for (const i of all) if (graph.has(i.file) && i.target && graph.has(i.target)) graph.get(i.file)!.push(i.target);
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, "open");
      stack.push(file);
      for (const next of graph.get(file)!) {
        if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next].join(" → "));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, "done");
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});

describe("bench/ and scripts/: no imports from test/", () => {
  // Helpers that benches and tests share live in scripts/lib/, which tests may import; test/ is the tests' own.
  const outside = (dir: string) =>
    (readdirSync(join(ROOT, dir), {recursive: true, encoding: "utf-8"}) as string[])
      .filter((name) => /\.(ts|mts|mjs)$/.test(name))
      .map((name) => join(dir, name));
  const bench = outside("bench").flatMap(importsOf);
  const scripts = outside("scripts").flatMap(importsOf);

  it("reads the imports of every bench and script", () => {
    expect(bench.some((i) => i.target === "scripts/lib/chromium.ts")).toBe(true);
    expect(scripts.length).toBeGreaterThan(20);
  });

  it("bench/ imports nothing from test/", () => {
    expect(bench.filter((i) => i.target?.startsWith("test/")).map(show)).toEqual([]);
  });

  it("scripts/ imports nothing from test/", () => {
    expect(scripts.filter((i) => i.target?.startsWith("test/")).map(show)).toEqual([]);
  });
});

describe("one home for every default (src/components/trainDefaults.ts)", () => {
  // A default typed where it is used, as `seed = 42` in a parameter list or `validPct: 0.2` in an options object. The
  // notebook's own runs (browser/experimentGrid.ts: `{factors: 50, bs: 256, epochs: 3}`) are facts about the notebook,
  // not defaults, and are written as object fields, which only seed and validPct are checked as. Comments are left out.
  const TYPED_DEFAULTS = [
    /\bseed\s*[=:]\s*42\b/,
    /\bvalidPct\s*[=:]\s*0?\.2\b/,
    /\b(factors|epochs|bs)\s*=\s*(50|3|256)\b/,
    /\[0\.5,\s*5\.5\]/,
    /\blrMax\s*[=:]\s*1e-[23]\b/,
    /\bwd\s*[=:]\s*0\.0?1\b/
  ];
  const HOME = `${COMPONENTS}/trainDefaults.ts`;
  const files = [
    ...componentFiles,
    ...pages,
    ...loaders,
    ...["bench", "scripts"].flatMap((dir) =>
      (readdirSync(join(ROOT, dir), {recursive: true, encoding: "utf-8"}) as string[])
        .filter((name) => /\.(ts|mts|mjs)$/.test(name))
        .map((name) => join(dir, name))
    )
  ];
  const typed = (file: string) =>
    readFileSync(join(ROOT, file), "utf-8")
      .split("\n")
      .map((line, i) => [line, i + 1] as const)
      .filter(([line]) => !/^\s*(\/\/|\/\*|\*)/.test(line))
      .filter(([line]) => TYPED_DEFAULTS.some((re) => re.test(line.replace(/\/\/.*$/, ""))))
      .map(([line, n]) => `${file}:${n}: ${line.trim()}`);

  it("checks the code of every component, page, loader, bench and script, and finds the defaults at home", () => {
    expect(files.length).toBeGreaterThan(150);
    expect(typed(HOME).length).toBeGreaterThanOrEqual(5);
  });

  it("types no training default anywhere else", () => {
    expect(files.filter((file) => file !== HOME).flatMap(typed)).toEqual([]);
  });
});
