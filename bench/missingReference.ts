import {existsSync} from "node:fs";

/**
 * Why `npm run bench` cannot run the PyTorch reference (fastai's recipe, `fastai_recipe.py`) at `path`, in words, with
 * what to do; null when the script is there. Checked before the synthetic set is generated, so that a missing script
 * stops the bench at once instead of crashing in Python after minutes of work.
 */
export function missingReference(path: string, exists: (path: string) => boolean = existsSync): string | null {
  if (exists(path)) return null;
  return (
    `npm run bench: the PyTorch reference script is missing (${path}). It is fastai's recipe in PyTorch, kept ` +
    "beside this project in ../shared/bench/. Put it there, or run `npm run bench -- --no-reference` to time this " +
    "workbook's engines alone."
  );
}
