// Makes sure the browser tests have a Chromium: Debian's package, installed here when we can (root with apt-get).
// Plain JavaScript, because it runs before anything else in `npm test`.
import {execFileSync} from "node:child_process";
import {existsSync} from "node:fs";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
const found = candidates.find((path) => existsSync(path));
if (found) process.exit(0);

const HOW =
  "Install Debian's Chromium with `sudo apt-get install -y chromium` (or your system's package), " +
  "or set CHROMIUM_PATH to a Chromium or Chrome binary, then run the tests again.";
const isRoot = process.getuid?.() === 0;
const hasApt = existsSync("/usr/bin/apt-get");
if (!isRoot || !hasApt) {
  console.error(`The browser tests need Chromium, which is not installed.\n${HOW}`);
  process.exit(1);
}
const apt = (...args) =>
  execFileSync("apt-get", args, {stdio: "inherit", env: {...process.env, DEBIAN_FRONTEND: "noninteractive"}});
console.error("The browser tests need Chromium: installing Debian's chromium package (apt-get install -y chromium)…");
try {
  try {
    apt("install", "-y", "--no-install-recommends", "chromium");
  } catch {
    apt("update");
    apt("install", "-y", "--no-install-recommends", "chromium");
  }
} catch (error) {
  console.error(`Could not install Chromium with apt-get (${error.message}).\n${HOW}`);
  process.exit(1);
}
if (!existsSync("/usr/bin/chromium")) {
  console.error(`apt-get finished, but /usr/bin/chromium is still missing.\n${HOW}`);
  process.exit(1);
}
