// `node --import tsx test/support/offlineWorkbook.ts build|dev <repository copy>`, run with no network (inside
// `unshare -rn`, see offline-test.ts): runs `npm run build:publish` (the build the GitHub Pages workflow runs) and
// serves dist/ as a host that rewrites nothing does, or runs `npm run dev`, in the copy, then
// opens the Train page in headless Chromium, and prints what happened as one JSON line (an OfflineReport).
import {execFileSync, spawn} from "node:child_process";
import type {ChildProcess} from "node:child_process";
import {join} from "node:path";
import {collectErrors, launchChromium} from "../../scripts/lib/chromium.js";
import {serveStatic} from "../../scripts/lib/serveStatic.js";

/** What the offline run printed and what Chromium saw on the Train page. */
export interface OfflineReport {
  /** The exit status of `npm run build:publish` (null for dev, which runs until stopped). */
  status: number | null;
  /** Seconds from the command's start to the page being served. */
  seconds: number;
  /** Everything the command wrote, stdout and stderr. */
  log: string;
  /** The Train page's form fields (inputs and selects) once the page settled. */
  fields: number;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Requests that failed or answered an HTTP error, and any request outside the served site. */
  failed: string[];
}

const [mode, copy] = process.argv.slice(2);
if ((mode !== "build" && mode !== "dev") || !copy)
  throw new Error("usage: offlineWorkbook.ts build|dev <repository copy>");

// A new network namespace has a loopback interface, down: up, it carries the local server and nothing else.
execFileSync("ip", ["link", "set", "lo", "up"]);

const start = performance.now();
let log = "";
const run = (args: string[]): ChildProcess => {
  const child = spawn("npm", ["run", ...args], {cwd: copy, detached: true, stdio: ["ignore", "pipe", "pipe"]});
  child.stdout!.on("data", (chunk) => (log += chunk));
  child.stderr!.on("data", (chunk) => (log += chunk));
  return child;
};
const report: OfflineReport = {status: null, seconds: 0, log: "", fields: 0, errors: [], failed: []};
let base: string | null = null;
let stop = async () => {};

if (mode === "build") {
  // The build GitHub Pages' workflow runs (offline-test.ts checks that the workflow's build step is this command).
  const build = run(["build:publish"]);
  report.status = await new Promise<number | null>((done) => build.on("exit", (code) => done(code)));
  if (report.status === 0) {
    const server = await serveStatic(join(copy, "dist"));
    base = server.url;
    stop = server.close;
  }
} else {
  // A fresh namespace has every port free.
  const dev = run(["dev", "--", "--port", "3000", "--no-open"]);
  base = "http://127.0.0.1:3000/";
  const end = Date.now() + 120_000;
  while (!log.includes(base) && dev.exitCode === null && Date.now() < end)
    await new Promise((done) => setTimeout(done, 100));
  if (!log.includes(base)) base = null;
  stop = async () => {
    if (dev.exitCode === null) process.kill(-dev.pid!, "SIGTERM");
  };
}
report.seconds = Math.round((performance.now() - start) / 100) / 10;

if (base) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    report.errors = collectErrors(page);
    page.on(
      "request",
      (request) =>
        !request.url().startsWith(base!) &&
        !request.url().startsWith("data:") &&
        report.failed.push(`outside the site: ${request.url()}`)
    );
    page.on("requestfailed", (request) => report.failed.push(`${request.failure()?.errorText}: ${request.url()}`));
    page.on(
      "response",
      (response) => response.status() >= 400 && report.failed.push(`${response.status()}: ${response.url()}`)
    );
    await page.goto(new URL("train.html", base).href, {waitUntil: "networkidle", timeout: 120_000});
    await page
      .locator(".hyper-form")
      .waitFor({timeout: 30_000})
      .catch(() => {});
    report.fields = await page.locator(".hyper-form input, .hyper-form select").count();
  } finally {
    await browser.close();
    await stop();
  }
}
report.log = log;
process.stdout.write(`${JSON.stringify(report)}\n`);
