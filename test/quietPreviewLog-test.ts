import {describe, expect, it} from "vitest";
import {dropPreviewNoise, quietPreviewLog} from "../scripts/quietPreviewLog.js";

// What Framework's preview printed while a page opened (trimmed), and what the terminal should show of it.
const PREVIEW = [
  "Observable Framework v1.13.4\n",
  "↳ http://127.0.0.1:3000/\n",
  "\n",
  "GET /\n",
  "GET /_observablehq/client.js\n",
  "GET /_import/components/DatasetBanner.js?sha=c27f3e69\n",
  "socket open /_observablehq\n",
  "↑ {\n  type: 'hello',\n  path: '/',\n  hash: " +
    "'f74f7f05840a4289b84d6f20d7407263f40b5fa2c943c5aa57a6e7e2a47f2d06'\n}\n",
  "load /data/summary.json → ",
  "↓ { type: 'welcome' }\n",
  "[missing] success 3.86 kB in 1774ms\n",
  "htl → src/.observablehq/cache/_node/htl@0.3.1/index.js\n",
  "↓ {\n  type: 'update',\n  files: { removed: [ './data/summary.json' ], added: [ [Object] ] },\n  hash: { " +
    "previous: 'a', current: 'b' }\n}\n",
  "socket close /_observablehq\n"
];
const SHOWN = [
  "Observable Framework v1.13.4\n",
  "↳ http://127.0.0.1:3000/\n",
  "\n",
  "load /data/summary.json → [missing] success 3.86 kB in 1774ms\n",
  "htl → src/.observablehq/cache/_node/htl@0.3.1/index.js\n"
].join("");

describe("dropPreviewNoise(text)", () => {
  it("drops requests, socket opens and closes, and socket messages on one line or many, and keeps the rest", () => {
    expect(dropPreviewNoise(PREVIEW.join(""))).toBe(SHOWN);
  });
  it("drops them in Framework's colours too", () => {
    // Framework's `faint` is picocolors' gray (see @observablehq/framework/dist/tty.js); dim and bold must pass too.
    for (const faint of [
      (text: string) => `\x1b[90m${text}\x1b[39m`,
      (text: string) => `\x1b[2m${text}\x1b[22m`,
      (text: string) => `\x1b[1;90m${text}\x1b[0m`
    ]) {
      const text =
        `${faint("GET")} /train\n${faint("socket open")} /_observablehq\n${faint("load")} /data/x.json ${faint("→")} ` +
        `${faint("[missing] ")}${faint("↓")} { type: 'welcome' }\nsuccess\n`;
      expect(dropPreviewNoise(text)).toBe(
        `${faint("load")} /data/x.json ${faint("→")} ${faint("[missing] ")}success\n`
      );
    }
  });
  it("keeps lines that only mention a request or a socket", () => {
    const text =
      "my_ratings.dat changed: the pages will reload with the new data.\nunable to fetch: " +
      "GET /x failed\nretrying GET /x\nthe socket open failed\nsocket close /_observablehq: 1006\n";
    expect(dropPreviewNoise(text)).toBe(text);
  });
});

describe("quietPreviewLog(write, options)", () => {
  it("writes the same as dropPreviewNoise however the output is cut into chunks", () => {
    const whole = PREVIEW.join("");
    for (let size = 1; size <= 40; size += 3) {
      let shown = "";
      const log = quietPreviewLog((text) => (shown += text), {settleMs: 1e6});
      for (let i = 0; i < whole.length; i += size) log.push(whole.slice(i, i + size));
      log.end();
      expect(shown, `chunks of ${size}`).toBe(SHOWN);
    }
  });
  it("writes complete lines at once, and an unfinished line once the output holds still", async () => {
    let shown = "";
    const log = quietPreviewLog((text) => (shown += text), {settleMs: 20});
    log.push("GET /\nbuilt\nload /data/ratings.bin → ");
    expect(shown).toBe("built\n");
    await new Promise((done) => setTimeout(done, 60));
    expect(shown).toBe("built\nload /data/ratings.bin → ");
    log.push("↓ { type: 'welcome' }\nsuccess 64.6 kB in 665ms\n");
    expect(shown).toBe("built\nload /data/ratings.bin → success 64.6 kB in 665ms\n");
    log.end();
  });
});
