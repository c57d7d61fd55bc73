import {existsSync, readFileSync, readdirSync, realpathSync, rmSync, rmdirSync, statSync, writeFileSync} from "node:fs";
import {dirname, join, relative, resolve, sep} from "node:path";
import {build} from "esbuild";

/** A module Framework's build writes and a page loads: our components (`_import/`) and npm packages (`_node/`). */
const MODULE_IMPORT = /import\("((?:\.\/|(?:\.\.\/)+)_(?:import|node)\/[^"]+\.js)"\)/g;
const MODULE_PRELOAD = /<link rel="modulepreload" href="((?:\.\/|(?:\.\.\/)+)_(?:import|node)\/[^"]+\.js)">\n?/g;

function* pagesIn(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name.startsWith("_")) continue;
    if (statSync(path).isDirectory()) yield* pagesIn(path);
    else if (name.endsWith(".html")) yield path;
  }
}

/** Removes the folders under `dir` (and `dir` itself) that hold no file once the bundled modules are gone. */
function removeEmptyFolders(dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
  for (const name of readdirSync(dir)) removeEmptyFolders(join(dir, name));
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}

/** A path from a page's folder, as the page's own links write it ("./x" or "../x"). */
function fromPage(page: string, file: string): string {
  const path = relative(dirname(page), file).split(sep).join("/");
  return path.startsWith(".") ? path : `./${path}`;
}

/**
 * Bundles the modules each page of a built site `dir` loads into a few files: one entry per page and the chunks that
 * pages share (esbuild, with code splitting), in `_bundle/`. Framework's build writes every component and every npm
 * package (each of D3's thirty modules, for Plot) as its own file, about 100 a page, and a browser spends a few
 * milliseconds of work on each request however small the file: loading a page took twice the work of the same code
 * in one file (measured in headless Chromium). Each page's `import("./_import/…")` becomes an import of its entry,
 * which re-exports every module the page used by its place in the page (`m0`, `m1`, …), and its module preloads
 * name the entry and its chunks. Framework's runtime (`_observablehq/`) is not bundled: the page and its cells share
 * it, and a module that imports it (FileAttachment) keeps its import; a module's `import.meta.url` stays its own URL,
 * so its FileAttachments resolve as before. The bundled files are removed, so a module left unbundled fails to load
 * instead of loading twice.
 */
export async function bundleModules(dir: string): Promise<{pages: number; modules: number; files: number}> {
  const root = resolve(dir);
  // esbuild resolves files by their real path: where the site lies behind a symbolic link (a checkout whose
  // node_modules, and so the tests' site cache, is a link), a path it gives is mapped back under `root`.
  const real = realpathSync(root);
  const underRoot = (path: string) => (path.startsWith(real + sep) ? join(root, relative(real, path)) : path);
  const pages = [...pagesIn(root)].map((path) => {
    const html = readFileSync(path, "utf-8");
    const modules = [...new Set([...html.matchAll(MODULE_IMPORT)].map((m) => m[1]))];
    return {
      path,
      html,
      modules,
      name: relative(root, path)
        .replace(/\.html$/, "")
        .replace(/[^\w-]/g, "_")
    };
  });
  const bundled = pages.filter((p) => p.modules.length > 0);
  if (bundled.length === 0) return {pages: 0, modules: 0, files: 0};
  const outdir = join(root, "_bundle");
  const result = await build({
    entryPoints: bundled.map((p) => ({in: `page:${p.name}`, out: p.name})),
    bundle: true,
    splitting: true,
    format: "esm",
    outdir,
    entryNames: "[name].[hash]",
    chunkNames: "chunk.[hash]",
    metafile: true,
    logLevel: "silent",
    plugins: [
      {
        name: "pages",
        setup(b) {
          b.onResolve({filter: /^page:/}, (args) => ({path: args.path.slice(5), namespace: "page"}));
          // Framework's runtime stays where it is, shared with the page: a module's import of it (a page module's
          // FileAttachment, from observablehq:stdlib) is left as an import, from the bundle's folder.
          b.onResolve({filter: /_observablehq\//}, (args) => {
            const path = underRoot(resolve(args.resolveDir, args.path));
            if (!path.startsWith(join(root, "_observablehq") + sep)) return undefined;
            return {path: relative(outdir, path).split(sep).join("/"), external: true};
          });
          // A module's FileAttachment resolves its file against the module's own URL (`import.meta.url`, as Framework
          // writes it), which bundling changes to the bundle's: each module keeps its own, from the bundle's folder.
          b.onLoad({filter: /\.js$/}, (args) => {
            // Read once here, and handed to esbuild whether or not it changed.
            const contents = readFileSync(args.path, "utf-8");
            if (!contents.includes("import.meta.url")) return {contents, loader: "js"};
            const own = JSON.stringify(relative(outdir, underRoot(args.path)).split(sep).join("/"));
            return {
              contents: contents.replaceAll("import.meta.url", `new URL(${own}, import.meta.url).href`),
              loader: "js"
            };
          });
          b.onLoad({filter: /.*/, namespace: "page"}, (args) => {
            const page = bundled.find((p) => p.name === args.path)!;
            const lines = page.modules.map(
              (m, i) => `export * as m${i} from ${JSON.stringify(resolve(dirname(page.path), m))};`
            );
            return {contents: lines.join("\n"), resolveDir: root, loader: "js"};
          });
        }
      }
    ]
  });
  const outputs = result.metafile.outputs;
  for (const page of bundled) {
    const [entry] = Object.entries(outputs).find(([, o]) => o.entryPoint === `page:${page.name}`)!;
    const entryFile = resolve(entry);
    const chunks = outputs[entry].imports.filter((i) => i.kind === "import-statement").map((i) => resolve(i.path));
    const href = fromPage(page.path, entryFile);
    const preloads = [entryFile, ...chunks].map((f) => `<link rel="modulepreload" href="${fromPage(page.path, f)}">\n`);
    let html = page.html.replace(
      MODULE_IMPORT,
      (_, m: string) => `import(${JSON.stringify(href)}).then((b) => b.m${page.modules.indexOf(m)})`
    );
    let placed = false;
    html = html.replace(MODULE_PRELOAD, () => (placed ? "" : ((placed = true), preloads.join(""))));
    writeFileSync(page.path, html);
  }
  const inputs = Object.keys(result.metafile.inputs).filter((i) => !i.startsWith("page:"));
  for (const input of inputs) rmSync(resolve(input));
  for (const folder of ["_import", "_node"]) removeEmptyFolders(join(root, folder));
  return {pages: bundled.length, modules: inputs.length, files: Object.keys(outputs).length};
}
