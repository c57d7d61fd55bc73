// WebGPU in Node, for tests and benchmarks: Dawn's Node binding (the `webgpu` package) gives TF.js's webgpu backend a
// navigator.gpu. Import this module before anything imports @tensorflow/tfjs-backend-webgpu: that package registers
// its backend only if navigator.gpu exists when it loads.
import {existsSync, mkdtempSync} from "node:fs";
import {createRequire} from "node:module";
import {constants, tmpdir} from "node:os";
import {join} from "node:path";

/**
 * Chromium's SwiftShader, a Vulkan driver on the CPU; Dawn refuses Mesa's lavapipe, and most CI machines have no GPU.
 */
export const SWIFTSHADER_ICD = "/usr/lib/chromium/vk_swiftshader_icd.json";
/** The Vulkan loader that Chromium ships next to it, for machines without the system's libvulkan1. */
const CHROMIUM_VULKAN = "/usr/lib/chromium/libvulkan.so.1";
const SYSTEM_VULKAN = [
  "/usr/lib/x86_64-linux-gnu/libvulkan.so.1",
  "/usr/lib/aarch64-linux-gnu/libvulkan.so.1",
  "/usr/lib64/libvulkan.so.1",
  "/usr/lib/libvulkan.so.1"
];
/** Linux's RTLD_NODELETE: the library stays loaded after Node's dlopen refuses it as an addon. */
const RTLD_NODELETE = 0x1000;

function install(): string | null {
  if ((globalThis.navigator as {gpu?: unknown} | undefined)?.gpu) return null;
  // Without a real GPU's driver, Vulkan falls back to SwiftShader; a machine with a GPU keeps its own ICDs.
  if (
    !process.env.VK_ICD_FILENAMES &&
    existsSync(SWIFTSHADER_ICD) &&
    !["/dev/dri", "/dev/nvidia0", "/dev/nvidiactl"].some(existsSync)
  )
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  process.env.XDG_RUNTIME_DIR ||= mkdtempSync(join(tmpdir(), "xdg-"));
  // Dawn opens "libvulkan.so.1" by name. LD_LIBRARY_PATH is read only at start-up, so where the system has no loader,
  // load Chromium's now: dlopen by name then finds the library already loaded.
  if (process.platform === "linux" && !SYSTEM_VULKAN.some(existsSync) && existsSync(CHROMIUM_VULKAN)) {
    try {
      process.dlopen(
        {exports: {}},
        CHROMIUM_VULKAN,
        constants.dlopen.RTLD_NOW | constants.dlopen.RTLD_GLOBAL | RTLD_NODELETE
      );
    } catch {
      // "Module did not self-register": expected, it is not a Node addon; it stays loaded all the same.
    }
  }
  let webgpu: {create(flags: string[]): GPU; globals: object};
  try {
    webgpu = createRequire(import.meta.url)("webgpu") as typeof webgpu;
  } catch (error) {
    return `the webgpu package did not load (${(error as Error).message.split("\n")[0]})`;
  }
  Object.assign(globalThis, webgpu.globals);
  Object.defineProperty(globalThis, "navigator", {
    value: {...globalThis.navigator, gpu: webgpu.create([])},
    configurable: true,
    writable: true
  });
  return null;
}

const installed = install();

/**
 * The WebGPU adapter Dawn finds in Node (SwiftShader here, unless VK_ICD_FILENAMES points elsewhere), or null with a
 * sentence saying why there is none, for a test's skip message.
 */
export async function nodeWebGpu(): Promise<{adapter: GPUAdapter | null; why: string}> {
  if (installed) return {adapter: null, why: installed};
  const adapter = await (globalThis.navigator as {gpu: GPU}).gpu.requestAdapter();
  if (!adapter)
    return {
      adapter: null,
      why:
        `Dawn found no WebGPU adapter (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? "unset"}; Mesa's lavapipe ` +
        `is refused, Chromium's SwiftShader works)`
    };
  return {adapter, why: ""};
}

/** Lets Node exit: Dawn keeps the process alive while navigator.gpu holds it. */
export function releaseNodeWebGpu(): void {
  const navigator = globalThis.navigator as {gpu?: unknown} | undefined;
  if (navigator) delete navigator.gpu;
}
