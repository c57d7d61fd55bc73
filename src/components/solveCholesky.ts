/** Solves A·x = b for symmetric positive definite A (lower triangle used, overwritten by its Cholesky factor). */
export function solveCholesky(a: Float64Array, b: Float64Array, d: number, x: Float64Array): void {
  for (let j = 0; j < d; ++j) {
    let s = a[j * d + j];
    for (let p = 0; p < j; ++p) s -= a[j * d + p] ** 2;
    if (!(s > 0)) throw new RangeError("solveCholesky: the matrix is not positive definite");
    const l = Math.sqrt(s);
    a[j * d + j] = l;
    for (let i = j + 1; i < d; ++i) {
      let t = a[i * d + j];
      for (let p = 0; p < j; ++p) t -= a[i * d + p] * a[j * d + p];
      a[i * d + j] = t / l;
    }
  }
  for (let i = 0; i < d; ++i) {
    let s = b[i];
    for (let p = 0; p < i; ++p) s -= a[i * d + p] * x[p];
    x[i] = s / a[i * d + i];
  }
  for (let i = d - 1; i >= 0; --i) {
    let s = x[i];
    for (let p = i + 1; p < d; ++p) s -= a[p * d + i] * x[p];
    x[i] = s / a[i * d + i];
  }
}
