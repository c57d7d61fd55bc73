/** A share (0…1) as people read it on the pages: one decimal and a percent sign ("12.3%"). */
export function percent(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}
