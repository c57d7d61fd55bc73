// npm run bench:gpu:pack [-- --node /path/to/official/node]
// Packs bench:webgpu for a machine with a real GPU that may have no Node and no network: one tarball,
// bench/gpu/out/gpu-bench.tar, that carries a Node binary, Dawn (the webgpu package's dawn.node), the Vulkan loader,
// the bench bundled with esbuild, TF.js's .wasm files and run.sh (see bench/gpu/README.md).
import {execFileSync} from "node:child_process";
import {build} from "esbuild";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from "node:fs";
import {createRequire} from "node:module";
import {tmpdir} from "node:os";
import {basename, dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {WASM_PATH} from "../../scripts/lib/wasmPath.js";

const {values} = parseArgs({options: {node: {type: "string", default: process.execPath}}});
const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, "out");
const CACHE = join(OUT, "cache");
const log = (message: string) => console.error(`[bench:gpu:pack] ${message}`);
const run = (file: string, args: string[], cwd?: string) =>
  execFileSync(file, args, {cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"]});

/**
 * Why a Node binary cannot travel alone (not Linux x64, not Node, built against shared libraries), or null when it can.
 */
function whyNotStandalone(node: string): string | null {
  const [name, platform, arch, variables] = JSON.parse(
    run(node, [
      "-p",
      "JSON.stringify([process.release.name, process.platform, process.arch, process.config.variables])"
    ])
  );
  if (name !== "node" || platform !== "linux" || arch !== "x64")
    return `it is ${name} on ${platform}-${arch}, and dawn.node here is for Node on linux-x64`;
  const shared = Object.entries(variables as Record<string, unknown>)
    .filter(([k, v]) => k.startsWith("node_shared") && v === true)
    .map(([k]) => k);
  return shared.length
    ? `it was built against shared libraries (${shared.join(", ")}); ` +
        `pass an official binary from nodejs.org with --node`
    : null;
}

/**
 * `xz -9` of a file into `into`.xz; with `cache`, kept in bench/gpu/out/cache by its name, size and time, so that
 * packing again takes seconds (Node alone takes a minute or two).
 */
function xz(file: string, into: string, {cache = true} = {}): void {
  const {size, mtimeMs} = statSync(file);
  const cached = cache ? join(CACHE, `${basename(file)}-${size}-${Math.round(mtimeMs)}.xz`) : into + ".xz";
  if (!cache || !existsSync(cached)) {
    log(`xz -9 ${file} (${(size / 2 ** 20).toFixed(0)} MB)…`);
    mkdirSync(dirname(cached), {recursive: true});
    writeFileSync(cached + ".part", execFileSync("xz", ["-9", "-c", "-T1", file], {maxBuffer: 2 ** 30}));
    renameSync(cached + ".part", cached);
  }
  mkdirSync(dirname(into), {recursive: true});
  if (cache) copyFileSync(cached, into + ".xz");
}

/**
 * The Vulkan loader, libvulkan.so.1, from Debian's libvulkan1 package (apt-get download),
 * or Chromium's copy when apt cannot.
 */
function vulkanLoader(into: string): string {
  const debs = () => readdirSync(CACHE).filter((f) => /^libvulkan1_.*\.deb$/.test(f));
  try {
    if (debs().length === 0) run("apt-get", ["download", "libvulkan1"], CACHE);
    const deb = debs().sort().at(-1)!;
    const tree = mkdtempSync(join(tmpdir(), "libvulkan1-"));
    run("dpkg-deb", ["-x", join(CACHE, deb), tree]);
    const lib = readdirSync(tree, {recursive: true, encoding: "utf8"}).find((f) => basename(f) === "libvulkan.so.1")!;
    copyFileSync(realpathSync(join(tree, lib)), join(into, "libvulkan.so.1"));
    copyFileSync(join(tree, "usr/share/doc/libvulkan1/copyright"), join(into, "libvulkan1.copyright"));
    rmSync(tree, {recursive: true, force: true});
    return deb;
  } catch (error) {
    const chromium = "/usr/lib/chromium/libvulkan.so.1";
    if (!existsSync(chromium))
      throw new Error(
        `no Vulkan loader: apt-get download libvulkan1 failed (${(error as Error).message.split("\n")[0]}) ` +
          `and ${chromium} is missing`,
        {cause: error}
      );
    log(`apt-get download libvulkan1 failed; packing Chromium's loader, ${chromium}`);
    copyFileSync(chromium, join(into, "libvulkan.so.1"));
    return chromium;
  }
}

const why = whyNotStandalone(values.node!);
if (why) throw new Error(`bench:gpu:pack: ${values.node} cannot be packed: ${why}`);
mkdirSync(CACHE, {recursive: true});
const stage = mkdtempSync(join(tmpdir(), "gpu-bench-"));
const root = join(stage, "gpu-bench");
try {
  log("bundling bench/webgpuNode.ts…");
  mkdirSync(join(root, "lib"), {recursive: true});
  await build({
    entryPoints: [join(HERE, "../webgpuNode.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile: join(stage, "bench.mjs"),
    logLevel: "error",
    // TF.js's Node code is CommonJS: it calls require() for Node's own modules and reads __dirname (the wasm
    // backend's Emscripten glue), which an ES module has only as given here.
    banner: {
      js: [
        `import {createRequire as __createRequire} from "node:module";`,
        `import {dirname as __pathDirname} from "node:path";`,
        `import {fileURLToPath as __fileURLToPath} from "node:url";`,
        `const require = __createRequire(import.meta.url), __filename = __fileURLToPath(import.meta.url), ` +
          `__dirname = __pathDirname(__filename);`
      ].join("\n")
    }
  });
  xz(join(stage, "bench.mjs"), join(root, "bench.mjs"), {cache: false});
  // The bench finds these as it does in node_modules: WASM_PATH resolves the wasm package's package.json, and
  // nodeWebGpu requires "webgpu", whose index.js loads dist/linux-x64/dawn.node.
  const wasm = join(root, "node_modules/@tensorflow/tfjs-backend-wasm");
  mkdirSync(join(wasm, "dist"), {recursive: true});
  copyFileSync(join(WASM_PATH, "../package.json"), join(wasm, "package.json"));
  for (const f of readdirSync(WASM_PATH))
    if (f.endsWith(".wasm")) copyFileSync(join(WASM_PATH, f), join(wasm, "dist", f));
  const webgpu = dirname(createRequire(import.meta.url).resolve("webgpu/package.json"));
  const dawn = join(root, "node_modules/webgpu");
  mkdirSync(dawn, {recursive: true});
  for (const f of ["package.json", "index.js", "LICENSE.md"]) copyFileSync(join(webgpu, f), join(dawn, f));
  xz(join(webgpu, "dist/linux-x64/dawn.node"), join(dawn, "dist/linux-x64/dawn.node"));
  const node = realpathSync(values.node!);
  xz(node, join(root, "bin/node"));
  const loader = vulkanLoader(join(root, "lib"));
  copyFileSync(join(HERE, "run.sh"), join(root, "run.sh"));
  copyFileSync(join(HERE, "README.md"), join(root, "README.md"));
  const version = run(node, ["--version"]).trim();
  writeFileSync(
    join(root, "PACKED.txt"),
    `Node ${version} (${node}); webgpu ${createRequire(import.meta.url)("webgpu/package.json").version} (dawn.node, ` +
      `linux-x64); Vulkan loader: ${loader}; packed ${new Date().toISOString()}\n`
  );
  const tar = join(OUT, "gpu-bench.tar");
  run("tar", ["-cf", tar, "-C", stage, "gpu-bench"]);
  log(
    `wrote ${tar} (${(statSync(tar).size / 2 ** 20).toFixed(1)} MB). ` +
      `On the GPU machine: tar -xf gpu-bench.tar && gpu-bench/run.sh`
  );
} finally {
  rmSync(stage, {recursive: true, force: true});
}
