/// <reference types="@webgpu/types" />
/** What the kernels are compiled for: the model's shape, the batch size and the run's constants. */
export interface FusedShape {
  factors: number;
  bs: number;
  lo: number;
  hi: number;
  sqrMom: number;
  eps: number;
}

/** The four kernels of a fused step, in the order a step dispatches them, and the validation's squared errors. */
export type KernelName = "forward" | "loss" | "adamUsers" | "adamMovies" | "squaredErrors";

/** Compiled kernels for one shape on one device, with their bind groups and dispatches. */
export interface FusedKernels {
  /** Binds buffers 1… of a kernel (the table below), with the per-step uniform block at binding 0 (dynamic offset). */
  bind(name: KernelName, buffers: GPUBuffer[], steps: GPUBuffer): GPUBindGroup;
  /** Dispatches enough 64-wide workgroups for `threads` invocations (in two dimensions past 65535 workgroups). */
  dispatch(
    pass: GPUComputePassEncoder,
    name: KernelName,
    group: GPUBindGroup,
    offsets: number[],
    threads: number
  ): void;
}

/**
 * The uniform block of a step: WGSL's struct and its size in bytes (fusedStep writes it at 256-byte offsets). `nanBits`
 * holds a quiet NaN's bits, 0x7fc00000, which WGSL refuses as a constant.
 */
const STEP = `struct Step {
  nUsers: u32, nMovies: u32, userCsr: u32, movieCsr: u32,
  order: u32, index: u32, nanBits: u32, pad: u32,
  decay: f32, mom: f32, stepSize: f32, invDebias2: f32,
}
@group(0) @binding(0) var<uniform> st: Step;`;
const STEP_SIZE = 48;

/** A float as a WGSL literal that is a float, not an integer. */
const float = (x: number) => (Number.isInteger(x) ? x.toFixed(1) : String(x));

/** A storage binding: its name in WGSL, its element type, and whether the kernel writes it. */
type Binding = [name: string, element: "f32" | "u32", access: "read" | "read_write"];
const r = (name: string, element: "f32" | "u32" = "f32"): Binding => [name, element, "read"];
const w = (name: string): Binding => [name, "f32", "read_write"];
const PREDICT_BINDINGS = [r("U"), r("M"), r("bu"), r("bm"), r("ratings", "u32"), r("rows", "u32"), w("out")];
const ADAM_BINDINGS = [w("P"), w("Pm"), w("Pv"), w("B"), w("Bm"), w("Bv"), r("scratch"), r("csr", "u32")];
/**
 * Each kernel's storage bindings 1… in order (0 is the step's uniform block): one list makes both the WGSL declarations
 * and the bind group layout. At most 8, WebGPU's default maxStorageBuffersPerShaderStage, which TF.js does not raise.
 */
const BINDINGS: Record<KernelName, Binding[]> = {
  forward: PREDICT_BINDINGS,
  squaredErrors: PREDICT_BINDINGS,
  loss: [w("scratch"), w("losses")],
  adamUsers: ADAM_BINDINGS,
  adamMovies: ADAM_BINDINGS
};
const declare = (name: KernelName) =>
  BINDINGS[name]
    .map(([id, element, access], i) => `@group(0) @binding(${i + 1}) var<storage, ${access}> ${id}: array<${element}>;`)
    .join("\n");

function sources(s: FusedShape): Record<KernelName, string> {
  const W = s.factors + 1;
  const head = `${STEP}
const F = ${s.factors}u;
const W = ${W}u;
const BS = ${s.bs}u;
const GM = ${s.bs * W}u;
const ERR = ${2 * s.bs * W}u;
const FLAG = ${2 * s.bs * W + s.bs}u;
fn invocation(wg: vec3u, nwg: vec3u, lid: u32) -> u32 { return (wg.y * nwg.x + wg.x) * 64u + lid; }
// Tested on the bits: shader compilers may assume floats are never NaN, and software ones (SwiftShader) then return
// finite garbage from exp or division of a NaN.
fn isNan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn isFinite(x: f32) -> bool { return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u; }
`;
  const entry = `@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) nwg: vec3u, \
@builtin(local_invocation_index) lid: u32)`;
  // Per rating of the batch: the forward pass, its squared error, and the closed-form gradients of the squared error
  // with respect to the user's and the movie's rows (d/dx of sigmoid_range is range·σ·(1 − σ)).
  // The forward pass of EmbeddingDotBias on rating r: its user, movie, x = u·m + b_u + b_m, and the error of
  // sigmoid_range(x) against the rating.
  const predict = `${head}
${declare("forward")}
const LO: f32 = ${float(s.lo)};
const RANGE: f32 = ${float(s.hi - s.lo)};
const SCALE: f32 = ${float((2 * (s.hi - s.lo)) / s.bs)};
struct Forward { u: u32, m: u32, x: f32, sg: f32, err: f32 }
fn forward(r: u32) -> Forward {
  let u = ratings[2u * r];
  let mr = ratings[2u * r + 1u];
  let m = mr >> 8u;
  var x = bu[u] + bm[m];
  for (var k = 0u; k < F; k++) { x += U[u * F + k] * M[m * F + k]; }
  let sg = 1.0 / (1.0 + exp(-x));
  return Forward(u, m, x, sg, sg * RANGE + LO - f32(mr & 255u) * 0.5);
}`;
  const forward = `${predict}
${entry} {
  let i = invocation(wg, nwg, lid);
  if (i >= BS) { return; }
  let f = forward(rows[st.order + i]);
  let u = f.u;
  let m = f.m;
  let x = f.x;
  let sg = f.sg;
  let err = f.err;
  let dz = SCALE * err * sg * (1.0 - sg);
  // As on the host, infinite weights saturate the sigmoid and keep the loss finite; a NaN makes it NaN.
  out[ERR + i] = select(err * err, bitcast<f32>(st.nanBits), isNan(x));
  for (var k = 0u; k < F; k++) {
    out[i * W + k] = dz * M[m * F + k];
    out[GM + i * W + k] = dz * U[u * F + k];
  }
  out[i * W + F] = dz;
  out[GM + i * W + F] = dz;
}`;
  // Per listed row (its count is the list's length): the squared error, for a validation MSE summed on the CPU.
  const squaredErrors = `${predict}
${entry} {
  let i = invocation(wg, nwg, lid);
  if (i >= arrayLength(&rows)) { return; }
  let err = forward(rows[i]).err;
  out[i] = err * err;
}`;
  // One workgroup: the batch's mean squared error, kept per step; a squared error or a loss that is not finite makes
  // the loss NaN and raises the flag that stops every later update of the run.
  const loss = `${head}
${declare("loss")}
var<workgroup> part: array<f32, 64>;
var<workgroup> bad: atomic<u32>;
${entry} {
  var sum = 0.0;
  for (var i = lid; i < BS; i += 64u) {
    let e = scratch[ERR + i];
    if (!isFinite(e)) { atomicOr(&bad, 1u); }
    sum += e;
  }
  part[lid] = sum;
  workgroupBarrier();
  for (var w = 32u; w > 0u; w >>= 1u) {
    if (lid < w) { part[lid] += part[lid + w]; }
    workgroupBarrier();
  }
  let diverged = atomicLoad(&bad) != 0u;
  if (lid == 0u) {
    let mse = part[0] / f32(BS);
    if (diverged || !isFinite(mse)) {
      losses[st.index] = bitcast<f32>(st.nanBits);
      scratch[FLAG] = 1.0;
    } else {
      losses[st.index] = mse;
    }
  }
}`;
  // Per distinct row of one side, column by column (column F is the row's bias): the gradient summed over the batch
  // positions that touch the row, in batch order, then fastai's Adam with decoupled weight decay. One invocation per
  // row measured 2-3x faster on SwiftShader than one per (row, column); a real GPU may prefer the latter (untested).
  const adam = (n: string, csr: string, g0: string) => `${head}
${declare("adamUsers")}
const SQR_MOM: f32 = ${float(s.sqrMom)};
const EPS: f32 = ${float(s.eps)};
fn adam(p: f32, m: f32, v: f32, g: f32) -> vec3f {
  let m2 = st.mom * m + (1.0 - st.mom) * g;
  let v2 = SQR_MOM * v + (1.0 - SQR_MOM) * g * g;
  return vec3f(p * st.decay - st.stepSize * m2 / (sqrt(v2) * st.invDebias2 + EPS), m2, v2);
}
${entry} {
  let t = invocation(wg, nwg, lid);
  let n = st.${n};
  if (t >= n || scratch[FLAG] != 0.0) { return; }
  let j = t;
  let base = st.${csr};
  let id = csr[base + 2u * j];
  let start = csr[base + 2u * j + 1u];
  let end = csr[base + 2u * j + 3u];
  let perm = base + 2u * (n + 1u);
  for (var k = 0u; k < W; k++) {
    var g = 0.0;
    for (var q = start; q < end; q++) { g += scratch[${g0} + csr[perm + q] * W + k]; }
    if (k < F) {
      let i = id * F + k;
      let r = adam(P[i], Pm[i], Pv[i], g);
      P[i] = r.x;
      Pm[i] = r.y;
      Pv[i] = r.z;
    } else {
      let r = adam(B[id], Bm[id], Bv[id], g);
      B[id] = r.x;
      Bm[id] = r.y;
      Bv[id] = r.z;
    }
  }
}`;
  return {
    forward,
    squaredErrors,
    loss,
    adamUsers: adam("nUsers", "userCsr", "0u"),
    adamMovies: adam("nMovies", "movieCsr", "GM")
  };
}

const cache = new WeakMap<GPUDevice, Map<string, Promise<FusedKernels>>>();

/**
 * The WGSL kernels of the fused lazy-Adam step (see fusedStep), compiled once per device and shape. Rejects with the
 * compiler's message when a kernel does not compile or its pipeline is refused.
 */
export function fusedKernels(device: GPUDevice, shape: FusedShape): Promise<FusedKernels> {
  let forDevice = cache.get(device);
  if (!forDevice) cache.set(device, (forDevice = new Map()));
  const key = JSON.stringify(shape);
  let kernels = forDevice.get(key);
  if (!kernels) {
    kernels = compile(device, shape);
    forDevice.set(key, kernels);
    kernels.catch(() => forDevice.delete(key));
  }
  return kernels;
}

async function compile(device: GPUDevice, shape: FusedShape): Promise<FusedKernels> {
  const code = sources(shape);
  const names = Object.keys(BINDINGS) as KernelName[];
  const layouts = {} as Record<KernelName, GPUBindGroupLayout>;
  const pipelines = {} as Record<KernelName, GPUComputePipeline>;
  await Promise.all(
    names.map(async (name) => {
      const entries: GPUBindGroupLayoutEntry[] = [
        {
          binding: 0,
          visibility: GPUShaderStage.COMPUTE,
          buffer: {type: "uniform", hasDynamicOffset: true, minBindingSize: STEP_SIZE}
        }
      ];
      BINDINGS[name].forEach(([, , access], i) =>
        entries.push({
          binding: i + 1,
          visibility: GPUShaderStage.COMPUTE,
          buffer: {type: access === "read" ? "read-only-storage" : "storage"}
        })
      );
      layouts[name] = device.createBindGroupLayout({entries});
      const module = device.createShaderModule({code: code[name]});
      const info = await module.getCompilationInfo();
      const errors = info.messages.filter((m) => m.type === "error");
      if (errors.length)
        throw new Error(
          `fusedKernels: ${name} does not compile: ` +
            `${errors.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join("; ")}`
        );
      pipelines[name] = await device.createComputePipelineAsync({
        layout: device.createPipelineLayout({bindGroupLayouts: [layouts[name]]}),
        compute: {module, entryPoint: "main"}
      });
    })
  );
  return {
    bind(name, buffers, steps) {
      const entries: GPUBindGroupEntry[] = [{binding: 0, resource: {buffer: steps, offset: 0, size: STEP_SIZE}}];
      buffers.forEach((buffer, i) => entries.push({binding: i + 1, resource: {buffer}}));
      return device.createBindGroup({layout: layouts[name], entries});
    },
    dispatch(pass, name, group, offsets, threads) {
      if (threads <= 0) return;
      const groups = Math.ceil(threads / 64);
      const x = Math.min(groups, 65535);
      pass.setPipeline(pipelines[name]);
      pass.setBindGroup(0, group, offsets);
      pass.dispatchWorkgroups(x, Math.ceil(groups / x));
    }
  };
}
