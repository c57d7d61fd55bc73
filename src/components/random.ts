/** A seeded source of randomness: uniforms, integers, normals and exponentials, all reproducible from the seed. */
export interface Random {
  /** A uniform number in [0, 1). */
  (): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
  /** A normal deviate with the given mean and standard deviation. */
  normal(mean?: number, sd?: number): number;
  /** An exponential deviate with the given mean. */
  exponential(mean?: number): number;
}

/**
 * The state of sfc32 (a, b, c, d) that createRandom(seed) starts from: seeded through splitmix32, and past the first
 * 15 outputs. engine/hostKernel.wat's shuffle draws from this state as createRandom does, bit for bit.
 */
export function sfc32State(seed = 0): [a: number, b: number, c: number, d: number] {
  // splitmix32 spreads nearby seeds (42, 43, …) into unrelated sfc32 states.
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const state: [number, number, number, number] = [splitmix(), splitmix(), splitmix(), 1];
  // The first outputs of sfc32 are still correlated with the seed.
  for (let i = 0; i < 15; ++i) sfc32(state);
  return state;
}

/** One output of sfc32 (a uniform in [0, 1)), advancing `state` in place. */
function sfc32(state: [number, number, number, number]): number {
  const a = state[0],
    b = state[1],
    c = state[2],
    d = state[3];
  const t = (((a + b) | 0) + d) | 0;
  state[3] = (d + 1) | 0;
  state[0] = b ^ (b >>> 9);
  state[1] = (c + (c << 3)) | 0;
  state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
  return (t >>> 0) / 4294967296;
}

/**
 * Creates a seeded generator (sfc32, seeded through splitmix32), so the same seed gives the
 * same numbers in Node and in a browser.
 */
export function createRandom(seed = 0): Random {
  const state = sfc32State(seed);
  const next = () => sfc32(state);
  let spare = NaN; // Box–Muller makes normals in pairs; keep the second for the next call
  const random = next as Random;
  random.int = (n) => Math.floor(next() * n);
  random.normal = (mean = 0, sd = 1) => {
    let z = spare;
    if (z === z) {
      spare = NaN;
    } else {
      const r = Math.sqrt(-2 * Math.log(1 - next())); // 1 - u is in (0, 1], so the log is finite
      const theta = 2 * Math.PI * next();
      z = r * Math.cos(theta);
      spare = r * Math.sin(theta);
    }
    return mean + sd * z;
  };
  random.exponential = (mean = 1) => -mean * Math.log(1 - next());
  return random;
}

/** Samples indices in proportion to non-negative weights in O(1) per draw (Walker's alias method). */
export function aliasSampler(weights: ArrayLike<number>, random: () => number): () => number {
  const n = weights.length;
  let total = 0;
  for (let i = 0; i < n; ++i) total += weights[i];
  if (!(n > 0 && total > 0 && Number.isFinite(total)))
    throw new TypeError("aliasSampler needs at least one positive, finite weight");
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  let ns = 0,
    nl = 0;
  for (let i = 0; i < n; ++i) {
    prob[i] = (weights[i] * n) / total;
    if (prob[i] < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  while (ns && nl) {
    const s = small[--ns],
      l = large[--nl];
    alias[s] = l;
    prob[l] += prob[s] - 1;
    if (prob[l] < 1) small[ns++] = l;
    else large[nl++] = l;
  }
  // Whatever is left is 1 up to rounding error.
  while (nl) prob[large[--nl]] = 1;
  while (ns) prob[small[--ns]] = 1;
  return () => {
    const x = random() * n;
    const i = x | 0;
    return x - i < prob[i] ? i : alias[i];
  };
}
