import {spawn} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {describe, expect, it} from "vitest";
import {DEV_CLAIM, claimDevServer} from "../scripts/lib/claimDevServer.js";

const checkout = () => mkdtempSync(join(tmpdir(), "claim-"));

/** A process id that is not running: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((done) => child.on("exit", done));
  return child.pid!;
}

describe("claimDevServer(root, claim)", () => {
  it("lets one npm run dev claim a checkout, refuses a second with the reason, and frees it when given back", () => {
    const root = checkout();
    const release = claimDevServer(root, {pid: process.pid, dataset: "Synthetic data"});
    expect(JSON.parse(readFileSync(join(root, DEV_CLAIM), "utf-8"))).toEqual({
      pid: process.pid,
      dataset: "Synthetic data"
    });
    // process.ppid stands for another live process.
    expect(() => claimDevServer(root, {pid: process.ppid, dataset: "MovieLens 1M"})).toThrow(
      `Another npm run dev (process ${process.pid}) is serving Synthetic data from this checkout. Two previews in ` +
        "one checkout share Framework's loader cache, so this one would serve its data under the other's name. " +
        "Stop the other one first (Ctrl-C in its terminal), or run this one from another clone of the repository."
    );
    release();
    expect(existsSync(join(root, DEV_CLAIM))).toBe(false);
    claimDevServer(root, {pid: process.ppid, dataset: "MovieLens 1M"})();
  });

  it("takes over a claim left by a process that died, and a damaged one", async () => {
    const root = checkout();
    mkdirSync(dirname(join(root, DEV_CLAIM)), {recursive: true});
    writeFileSync(join(root, DEV_CLAIM), JSON.stringify({pid: await deadPid(), dataset: "Old"}));
    const release = claimDevServer(root, {pid: process.pid, dataset: "New"});
    expect(JSON.parse(readFileSync(join(root, DEV_CLAIM), "utf-8")).dataset).toBe("New");
    release();
    writeFileSync(join(root, DEV_CLAIM), "{not json");
    claimDevServer(root, {pid: process.pid, dataset: "New"})();
  });

  it("gives back only its own claim", () => {
    const root = checkout();
    const release = claimDevServer(root, {pid: process.pid, dataset: "A"});
    writeFileSync(join(root, DEV_CLAIM), JSON.stringify({pid: process.ppid, dataset: "B"}));
    release();
    expect(JSON.parse(readFileSync(join(root, DEV_CLAIM), "utf-8")).dataset).toBe("B");
  });
});
