// How far a training epoch is from the memory's limit: the bytes one rating moves, and this machine's bandwidth.

/**
 * Bytes one rating moves through memory in a lazy-Adam step, at most: the user's and the movie's rows (factors and
 * bias, with both Adam averages: 3 × (factors + 1) floats each) read and written once each, and the rating's 8-byte
 * record read by the step and read and written by the epoch's shuffle.
 */
export function bytesPerRating(factors: number): number {
  return 2 * 2 * 3 * (factors + 1) * 4 + 3 * 8;
}

/** This machine's memory bandwidth from one thread, in bytes per second: the best of five copies of 256 MB. */
export function copyBandwidth(): number {
  const n = 32 * 1024 * 1024;
  const from = new Float64Array(n).fill(1),
    to = new Float64Array(n);
  let best = Infinity;
  for (let i = 0; i < 5; ++i) {
    const t = performance.now();
    to.set(from);
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  return (2 * n * 8) / best;
}

/** The floor, in nanoseconds per rating: bytesPerRating(factors) at `bandwidth` bytes per second. */
export function floorNsPerRating(factors: number, bandwidth: number): number {
  return (bytesPerRating(factors) / bandwidth) * 1e9;
}
