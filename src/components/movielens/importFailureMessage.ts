// What the import says when it fails. A browser tab holds every byte of an import in memory at once: the zip, each
// file's text, the parsed columns and the indexed ones. ML-32M's ratings.csv alone is 877 MB of text and 32 million
// rows, so a tab with too little memory fails with a RangeError ("Array buffer allocation failed", "Invalid array
// length", "Invalid typed array length") or a plain "Out of memory"; that is put in words with what to do instead.

/** Whether an error is the JavaScript engine failing to allocate memory (V8's and SpiderMonkey's messages). */
export function isOutOfMemory(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /array buffer allocation failed|invalid (typed )?array length|out of memory|allocation size overflow/i.test(
    message
  );
}

const mb = (bytes: number) => `${Math.round(bytes / 1e6).toLocaleString("en-US")} MB`;

/**
 * The message for a failed import of `files` (name, size in bytes): an error's own message, or, when the browser ran
 * out of memory, what happened, how big the files were, and the two ways out (a smaller release, or the build).
 */
export function importFailureMessage(error: unknown, files: readonly {name: string; size: number}[]): string {
  if (!isOutOfMemory(error)) return error instanceof Error ? error.message : String(error);
  const total = files.reduce((n, f) => n + f.size, 0);
  return (
    `This browser ran out of memory reading ${files.length === 1 ? files[0].name : `these ${files.length} files`} ` +
    `(${mb(total)}): a tab holds the files, their text and the parsed ratings at once, several times their size. ` +
    `MovieLens 25M and 32M are often too big for a browser tab. Load a smaller release (ml-latest-small, ML-1M ` +
    `or ML-10M), or run the workbook from its source on your computer with this one, as its README says, where ` +
    `memory is not limited by the tab.`
  );
}
