import {mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync} from "node:fs";
import {dirname, join} from "node:path";

/** What a running `npm run dev` says of itself in its claim on the checkout. */
export interface DevServerClaim {
  pid: number;
  /** The dataset it serves, as its banner names it. */
  dataset: string;
}

/**
 * Where a running `npm run dev` keeps its claim: beside what it guards, in the checkout's Framework cache (ignored by
 * git, and not under cache/data/, which prepare-data clears).
 */
export const DEV_CLAIM = "src/.observablehq/cache/workbook-dev-server.json";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Claims this checkout for one `npm run dev` (process `pid`, serving `dataset`), and returns the function that gives
 * the claim back. Two previews in one checkout share Framework's loader cache (src/.observablehq/cache): the second's
 * data loaders would overwrite the first's output, and the first would then serve the second's dataset under its own
 * name. So a second `npm run dev` is refused, with the reason and what to do, while the first runs; a claim left by a
 * process that has died is taken over. The claim is a file created atomically (O_EXCL), so two starting at once
 * cannot both win.
 */
export function claimDevServer(root: string, claim: DevServerClaim): () => void {
  const path = join(root, DEV_CLAIM);
  mkdirSync(dirname(path), {recursive: true});
  for (let tries = 0; ; ++tries) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify(claim));
      closeSync(fd);
      return () => {
        try {
          if ((JSON.parse(readFileSync(path, "utf-8")) as DevServerClaim).pid === claim.pid) rmSync(path);
        } catch {
          // Gone already: nothing to give back.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || tries > 2) throw error;
    }
    let holder: DevServerClaim | null = null;
    try {
      holder = JSON.parse(readFileSync(path, "utf-8")) as DevServerClaim;
    } catch {
      // Being written this instant, or damaged: look again, then take it over.
    }
    if (holder && alive(holder.pid) && holder.pid !== claim.pid)
      throw new Error(
        `Another npm run dev (process ${holder.pid}) is serving ${holder.dataset} from this checkout. Two previews ` +
          `in one checkout share Framework's loader cache, so this one would serve its data under the other's ` +
          `name. Stop the other one first (Ctrl-C in its terminal), or run this one from another clone of the ` +
          `repository.`
      );
    if (holder || tries > 0) rmSync(path, {force: true});
  }
}
