import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {KERNEL_WAT, kernelModule} from "../../scripts/build-kernel.js";
import {compileWat} from "../../scripts/lib/compileWat.js";

describe("HOST_KERNEL_WASM", () => {
  it("is hostKernel.wat compiled: run `npm run build:kernel` after editing the .wat", async () => {
    const committed = readFileSync(new URL("../../src/components/engine/hostKernelWasm.ts", import.meta.url), "utf8");
    expect(committed).toBe(kernelModule(await compileWat(KERNEL_WAT), await compileWat(KERNEL_WAT, {shared: true})));
  });

  it("is valid WebAssembly with SIMD, importing its memory and Math.exp", async () => {
    const bytes = new Uint8Array(await compileWat(KERNEL_WAT));
    expect(WebAssembly.validate(bytes)).toBe(true);
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(bytes)).map(
      (i) => `${i.module}.${i.name}:${i.kind}`
    );
    expect(imports).toEqual(["env.memory:memory", "env.exp:function"]);
    expect(WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name)).toEqual([
      "steps",
      "sse",
      "shuffle"
    ]);
  });
});
