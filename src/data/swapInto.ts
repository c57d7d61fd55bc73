import {rename, rm} from "node:fs/promises";

/**
 * Replaces the folder `target` with `folder` (on the same file system), keeping the previous one until the new one
 * is in place: a directory cannot be renamed over a non-empty one, so the old one is moved aside first, and moved
 * back if the swap fails.
 */
export async function swapInto(folder: string, target: string): Promise<void> {
  const aside = `${target}.old-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  let moved = false;
  try {
    await rename(target, aside);
    moved = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  try {
    await rename(folder, target);
  } catch (error) {
    if (moved) await rename(aside, target);
    throw error;
  }
  if (moved) await rm(aside, {recursive: true, force: true});
}
