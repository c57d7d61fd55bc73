// `npm run dev [-- preview flags such as --port 3001 --no-open]`: prepares the data as `npm run build` does, runs
// Framework's preview with the flags, and while it runs, follows changes to the dataset's files (see watchDataset.ts),
// so the open pages reload onto a new my_ratings.dat without a restart. The preview's per-request and per-socket lines
// are dropped from the terminal (see quietPreviewLog.ts).
import {spawn} from "node:child_process";
import type {ChildProcess} from "node:child_process";
import {constants} from "node:os";
import {delimiter, join} from "node:path";
import {ROOT, resolveDataset} from "../src/data/dataset.js";
import {claimDevServer} from "./lib/claimDevServer.js";
import {quietPreviewLog} from "./quietPreviewLog.js";
import {watchDataset} from "./watchDataset.js";

// Loaders run through `tsx`, found on the PATH: npm puts node_modules/.bin there, a direct `tsx scripts/dev.ts` may
// not.
// Framework's telemetry would try the network on every start.
const env = {
  ...process.env,
  PATH: `${join(ROOT, "node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}`,
  OBSERVABLE_TELEMETRY_DISABLE: "true"
};

/** The exit status of a child process, as a shell would give it (128 + the signal's number when it was killed). */
function exited(child: ChildProcess): Promise<number> {
  return new Promise((done) => {
    child.on("error", (error) => {
      console.error(error.message);
      done(1);
    });
    child.on("exit", (code, signal) => done(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

// 0. One preview per checkout: a second would share the first's loader cache (claimDevServer.ts).
let release = () => {};
try {
  release = claimDevServer(ROOT, {pid: process.pid, dataset: (await resolveDataset({env})).name});
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
process.on("exit", () => release());

// 1. Prepare as before every build: the dataset, stale loader caches, versions for Framework's client libraries.
const prepared = await exited(
  spawn(process.execPath, ["--import", "tsx", join(ROOT, "scripts/prepare-data.ts")], {
    cwd: ROOT,
    env,
    stdio: "inherit"
  })
);
if (prepared !== 0) process.exit(prepared);

// 2. Serve the pages; Ctrl-C and other signals reach the preview, whose exit status becomes ours. Its stdout passes
// through the filter; its stderr, where errors go, comes straight through.
const preview = spawn(join(ROOT, "node_modules/.bin/observable"), ["preview", ...process.argv.slice(2)], {
  cwd: ROOT,
  env,
  stdio: ["inherit", "pipe", "inherit"]
});
const stopped = exited(preview);
const log = quietPreviewLog((text) => process.stdout.write(text));
const drained = new Promise<void>((done) => {
  preview
    .stdout!.setEncoding("utf-8")
    .on("data", log.push)
    .on("close", () => {
      log.end();
      done();
    });
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => preview.kill(signal));

// 3. Follow the dataset's files until the preview stops.
const watcher = await watchDataset({env, previewPid: preview.pid});
const status = await stopped;
watcher.close();
await drained;
process.exit(status);
