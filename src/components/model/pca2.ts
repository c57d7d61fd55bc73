/** Each row's coordinates on the first two principal components, and the share of the total variance each explains. */
export interface Pca2 {
  x: Float32Array;
  y: Float32Array;
  explained: [number, number];
}

const MAX_ITERATIONS = 1000;
const TOLERANCE = 1e-12;

/**
 * Projects the rows of a row-major rows × cols matrix onto its first two principal components, found by power
 * iteration on the covariance matrix with deflation, from a fixed start, so the same matrix always gives the same map.
 * Each component's sign is chosen so that its largest loading is positive.
 */
export function pca2(matrix: Float32Array, rows: number, cols: number): Pca2 {
  if (!(
    Number.isSafeInteger(rows) &&
    rows >= 0 &&
    Number.isSafeInteger(cols) &&
    cols >= 1 &&
    matrix.length === rows * cols
  )) {
    throw new TypeError(`pca2: the matrix has ${matrix.length} values, not ${rows} rows × ${cols} columns`);
  }
  const mean = new Float64Array(cols);
  for (let i = 0, at = 0; i < rows; ++i) for (let j = 0; j < cols; ++j) mean[j] += matrix[at++];
  for (let j = 0; j < cols; ++j) mean[j] /= rows || 1;

  // The covariance matrix: cols × cols, summed over rows once (the expensive part, rows · cols² / 2).
  const cov = new Float64Array(cols * cols),
    centred = new Float64Array(cols);
  for (let i = 0, at = 0; i < rows; ++i) {
    for (let j = 0; j < cols; ++j) centred[j] = matrix[at++] - mean[j];
    for (let p = 0; p < cols; ++p) {
      const c = centred[p];
      for (let q = 0; q <= p; ++q) cov[p * cols + q] += c * centred[q];
    }
  }
  const scale = 1 / Math.max(1, rows - 1);
  let total = 0;
  for (let p = 0; p < cols; ++p) {
    for (let q = 0; q <= p; ++q) cov[q * cols + p] = cov[p * cols + q] *= scale;
    total += cov[p * cols + p];
  }

  const first = topEigen(cov, cols, null);
  for (let p = 0; p < cols; ++p)
    for (let q = 0; q < cols; ++q) cov[p * cols + q] -= first.value * first.vector[p] * first.vector[q];
  const second = topEigen(cov, cols, first.vector);

  const x = new Float32Array(rows),
    y = new Float32Array(rows);
  for (let i = 0, at = 0; i < rows; ++i, at += cols) {
    let a = 0,
      b = 0;
    for (let j = 0; j < cols; ++j) {
      const c = matrix[at + j] - mean[j];
      a += c * first.vector[j];
      b += c * second.vector[j];
    }
    x[i] = a;
    y[i] = b;
  }
  const share = (value: number) => (total > 0 ? Math.max(0, value) / total : 0);
  return {x, y, explained: [share(first.value), share(second.value)]};
}

/**
 * The largest eigenvalue of a symmetric positive semi-definite matrix and its unit eigenvector, orthogonal to `other`.
 */
function topEigen(a: Float64Array, n: number, other: Float64Array | null): {value: number; vector: Float64Array} {
  // A fixed start that is orthogonal to no axis; the deflated matrix could still miss it only by exact coincidence.
  let v = Float64Array.from({length: n}, (_, j) => 1 + ((j * 0.6180339887) % 1));
  let w = new Float64Array(n);
  let value = 0;
  for (let t = 0; t < MAX_ITERATIONS; ++t) {
    if (other) orthogonalise(v, other);
    const norm = length(v);
    if (norm === 0) return {value: 0, vector: new Float64Array(n)};
    for (let j = 0; j < n; ++j) v[j] /= norm;
    for (let p = 0; p < n; ++p) {
      let s = 0;
      for (let q = 0; q < n; ++q) s += a[p * n + q] * v[q];
      w[p] = s;
    }
    value = 0;
    for (let j = 0; j < n; ++j) value += w[j] * v[j];
    // Converged when w is parallel to v: |w|² − (v·w)² is the squared part of w off v.
    let ww = 0;
    for (let j = 0; j < n; ++j) ww += w[j] * w[j];
    [v, w] = [w, v];
    if (ww - value * value <= TOLERANCE * Math.max(ww, 1e-300)) break;
  }
  if (other) orthogonalise(v, other);
  const norm = length(v);
  if (norm === 0 || value <= 0) return {value: 0, vector: new Float64Array(n)};
  let largest = 0;
  for (let j = 0; j < n; ++j) if (Math.abs(v[j]) > Math.abs(v[largest])) largest = j;
  const sign = v[largest] < 0 ? -1 : 1;
  for (let j = 0; j < n; ++j) v[j] *= sign / norm;
  return {value, vector: v};
}

function length(v: Float64Array): number {
  let s = 0;
  for (let j = 0; j < v.length; ++j) s += v[j] * v[j];
  return Math.sqrt(s);
}

function orthogonalise(v: Float64Array, other: Float64Array): void {
  let d = 0;
  for (let j = 0; j < v.length; ++j) d += v[j] * other[j];
  for (let j = 0; j < v.length; ++j) v[j] -= d * other[j];
}
