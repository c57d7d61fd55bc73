// `npm run dev [-- preview flags such as --port 3001 --no-open]`: prepares the data as `npm run build` does, runs
// Framework's preview with the flags, and while it runs, follows changes to the dataset's files (see watchDataset.ts),
// so the open pages reload onto a new my_ratings.dat without a restart. The preview's per-request and per-socket lines
// are dropped from the terminal (see quietPreviewLog.ts). The preview listens on a port of its own, behind a proxy on
// the port asked for (3000 unless told) that adds the headers which make the pages cross-origin isolated
// (isolatingProxy.ts), so that training takes several threads in development too.
import {spawn} from "node:child_process";
import type {ChildProcess} from "node:child_process";
import {constants} from "node:os";
import {delimiter, join} from "node:path";
import {ROOT, resolveDataset} from "../src/data/dataset.js";
import {claimDevServer} from "./lib/claimDevServer.js";
import {freePort} from "./lib/freePort.js";
import {isolatingProxy} from "./lib/isolatingProxy.js";
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

// 2. Serve the pages: the preview on a free port of its own, the proxy on the one asked for (Framework's default
// 3000, or the next free one). Ctrl-C and other signals reach the preview, whose exit status becomes ours. Its stdout
// passes through the filter, its own address replaced by the proxy's; its stderr, where errors go, comes straight
// through.
const args = process.argv.slice(2);
/** Takes flag `name` out of args (`--name value` or `--name=value`) and gives its value. */
const flag = (name: string): string | undefined => {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  if (args[i].includes("=")) return args.splice(i, 1)[0].slice(name.length + 1);
  return args.splice(i, 2)[1];
};
const asked = Number(flag("--port") ?? 3000);
const host = flag("--host") ?? "127.0.0.1";
const open = !args.includes("--no-open");
for (const name of ["--no-open", "--open"]) while (args.includes(name)) args.splice(args.indexOf(name), 1);
let proxy: Awaited<ReturnType<typeof isolatingProxy>> | null = null;
const inner = await freePort();
for (let port = asked; !proxy; ++port) {
  try {
    proxy = await isolatingProxy({host, port, target: inner});
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || port > asked + 20) throw error;
  }
}
const outer = `http://${host}:${proxy.port}/`;
const preview = spawn(
  join(ROOT, "node_modules/.bin/observable"),
  ["preview", "--port", String(inner), "--host", "127.0.0.1", "--no-open", ...args],
  {cwd: ROOT, env, stdio: ["inherit", "pipe", "inherit"]}
);
const stopped = exited(preview);
// The browser opens on the proxy's address once the preview says it listens, as the preview would have opened its own.
let opened = !open;
const log = quietPreviewLog((text) => {
  const said = text.replaceAll(`http://127.0.0.1:${inner}/`, outer).replaceAll(`:${inner}`, `:${proxy.port}`);
  process.stdout.write(said);
  if (!opened && said.includes(outer)) {
    opened = true;
    const opener =
      process.platform === "darwin"
        ? ["open", outer]
        : process.platform === "win32"
          ? ["cmd", "/c", "start", "", outer]
          : ["xdg-open", outer];
    spawn(opener[0], opener.slice(1), {stdio: "ignore", detached: true})
      .on("error", () => {})
      .unref();
  }
});
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
await proxy.close();
process.exit(status);
