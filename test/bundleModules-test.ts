import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {pathToFileURL} from "node:url";
import {describe, expect, it} from "vitest";
import {bundleModules} from "../scripts/lib/bundleModules.js";

/** A built site as Framework writes one: pages whose cells import components and npm packages, one file each. */
function builtSite(): string {
  const dir = mkdtempSync(join(tmpdir(), "bundle-"));
  const files: Record<string, string> = {
    "_observablehq/client.1.js": "export const define = () => {};\n",
    "_node/htl@0.3.1/index.2.js": "export const html = (s) => `html:${s}`;\n",
    "_import/components/ui/Banner.3.js":
      'import {html} from "../../../_node/htl@0.3.1/index.2.js";\nimport {label} from "../model/label.4.js";\n' +
      "export function Banner(x) { return html(label(x)); }\n",
    "_import/components/model/label.4.js": "export const label = (x) => `label:${x}`;\nexport default 42;\n",
    "_import/style.5.css": "body {}\n",
    "index.html":
      '<link rel="modulepreload" href="./_observablehq/client.1.js">\n' +
      '<link rel="modulepreload" href="./_node/htl@0.3.1/index.2.js">\n' +
      '<link rel="modulepreload" href="./_import/components/ui/Banner.3.js">\n' +
      '<script type="module">\nimport {define} from "./_observablehq/client.1.js";\n' +
      'define({body: async () => { const {Banner} = await import("./_import/components/ui/Banner.3.js"); }});\n' +
      'define({body: async () => { const {html} = await import("./_node/htl@0.3.1/index.2.js"); }});\n</script>\n',
    "guide/deep.html":
      '<link rel="modulepreload" href="../_import/components/model/label.4.js">\n' +
      '<script type="module">\nconst m = await import("../_import/components/model/label.4.js");\n</script>\n',
    "plain.html": "<p>no modules</p>\n"
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), {recursive: true});
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("bundleModules(dir)", () => {
  it("makes each page import its modules from one entry in _bundle/, which gives the same exports", async () => {
    const dir = builtSite();
    expect(await bundleModules(dir)).toMatchObject({pages: 2, modules: 3});
    const index = readFileSync(join(dir, "index.html"), "utf-8");
    const imports = [...index.matchAll(/import\("([^"]+)"\)\.then\(\(b\) => b\.(m\d)\)/g)].map((m) => [m[1], m[2]]);
    expect(imports.map(([, name]) => name)).toEqual(["m0", "m1"]);
    expect(new Set(imports.map(([href]) => href)).size).toBe(1);
    const [[href]] = imports;
    expect(href).toMatch(/^\.\/_bundle\/index\.[A-Z0-9]+\.js$/);
    expect(index).not.toMatch(/_import\/|_node\//);
    // The runtime stays where the page and its cells share it, and the page preloads its entry.
    expect(index).toContain('import {define} from "./_observablehq/client.1.js"');
    expect(index).toContain('<link rel="modulepreload" href="./_observablehq/client.1.js">');
    expect(index).toContain(`<link rel="modulepreload" href="${href}">`);
    const entry = await import(pathToFileURL(join(dir, href)).href);
    expect(entry.m0.Banner("x")).toBe("html:label:x");
    expect(entry.m1.html("y")).toBe("html:y");
    // A page in a folder reaches _bundle/ from there, and keeps default exports.
    const deep = readFileSync(join(dir, "guide/deep.html"), "utf-8");
    const deepHref = /import\("(\.\.\/_bundle\/[^"]+)"\)/.exec(deep)?.[1];
    expect(deepHref).toBeDefined();
    expect((await import(pathToFileURL(join(dir, "guide", deepHref!)).href)).m0.default).toBe(42);
    expect(readFileSync(join(dir, "plain.html"), "utf-8")).toBe("<p>no modules</p>\n");
  });

  it("removes the modules it bundled, and keeps the runtime and the rest", async () => {
    const dir = builtSite();
    await bundleModules(dir);
    expect(existsSync(join(dir, "_import/components/ui/Banner.3.js"))).toBe(false);
    expect(existsSync(join(dir, "_node"))).toBe(false); // and the folders left empty
    expect(existsSync(join(dir, "_import/components"))).toBe(false);
    expect(existsSync(join(dir, "_observablehq/client.1.js"))).toBe(true);
    expect(existsSync(join(dir, "_import/style.5.css"))).toBe(true);
    expect(readdirSync(join(dir, "_bundle")).length).toBeGreaterThanOrEqual(2);
  });

  it("keeps a module's own URL for FileAttachments, and its runtime import, through a symbolic link too", async () => {
    // As Framework writes a module that calls FileAttachment: the runtime's stdlib imported, the file's path relative
    // to the module, resolved against import.meta.url.
    const dir = builtSite();
    const files: Record<string, string> = {
      "_observablehq/stdlib.9.js":
        "export const FileAttachment = (file, base) => new URL(file.path, base).href;\n" +
        "export const where = 'runtime';\n",
      "_import/components/page/files.8.js":
        'import {FileAttachment, where} from "../../../_observablehq/stdlib.9.js";\n' +
        'export const summary = () => FileAttachment({"name": "summary.json", "path": ' +
        '"../../../_file/data/summary.7.json"}, import.meta.url);\nexport {where};\n',
      "guide/files.html":
        '<script type="module">\nconst m = await import("../_import/components/page/files.8.js");\n</script>\n'
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), {recursive: true});
      writeFileSync(join(dir, path), text);
    }
    // Reached through a symbolic link, as the tests' site cache is in a checkout whose node_modules is one.
    const link = join(mkdtempSync(join(tmpdir(), "bundle-link-")), "site");
    symlinkSync(dir, link);
    await bundleModules(link);
    const html = readFileSync(join(dir, "guide/files.html"), "utf-8");
    const href = /import\("(\.\.\/_bundle\/[^"]+)"\)/.exec(html)![1];
    const entry = await import(pathToFileURL(join(dir, "guide", href)).href);
    // The file where the module named it, not where the bundle lies (that would be one folder above the site).
    expect(entry.m0.summary()).toBe(pathToFileURL(join(dir, "_file/data/summary.7.json")).href);
    expect(entry.m0.where).toBe("runtime");
    expect(existsSync(join(dir, "_observablehq/stdlib.9.js"))).toBe(true);
    const bundled = readdirSync(join(dir, "_bundle")).map((f) => readFileSync(join(dir, "_bundle", f), "utf-8"));
    expect(bundled.join("\n")).toContain('from "../_observablehq/stdlib.9.js"');
    expect(bundled.join("\n")).not.toContain("'runtime'");
  });

  it("leaves a site whose pages load no module as it was", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bundle-"));
    writeFileSync(join(dir, "index.html"), "<p>hi</p>\n");
    expect(await bundleModules(dir)).toEqual({pages: 0, modules: 0, files: 0});
    expect(existsSync(join(dir, "_bundle"))).toBe(false);
  });
});
