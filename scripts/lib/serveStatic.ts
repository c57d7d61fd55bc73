import {createReadStream, existsSync, statSync} from "node:fs";
import {createServer} from "node:http";
import type {Server} from "node:http";
import type {AddressInfo} from "node:net";
import {extname, join, normalize} from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
  ".png": "image/png"
};

/**
 * How a static host maps a request to a file:
 * - "none": as `python3 -m http.server` and GitHub Pages' plain files do, the file named, or a folder's index.html
 *   (a folder asked for without its trailing slash is redirected to it first); nothing else.
 * - "strip-html": as hosts with "pretty URLs" do (Cloudflare Pages, Netlify, `serve`), `/page.html` is redirected to
 *   `/page`, which serves `page.html`.
 */
export type Rewriting = "none" | "strip-html";

/** The file a host that rewrites as `rewriting` says serves `rest` (a path inside the site), or a redirect, or null. */
function resolve(dir: string, rest: string, rewriting: Rewriting): {file: string} | {redirect: string} | null {
  const isFile = (f: string) => existsSync(f) && statSync(f).isFile();
  const isDir = (f: string) => existsSync(f) && statSync(f).isDirectory();
  const path = join(dir, rest);
  if (rewriting === "strip-html" && rest.endsWith(".html") && isFile(path)) {
    const page = rest.slice(0, -".html".length);
    return {redirect: page === "index" ? "./" : page.endsWith("/index") ? page.slice(0, -"index".length) : page};
  }
  if (isFile(path)) return {file: path};
  if (isDir(path)) {
    if (rest !== "" && !rest.endsWith("/")) return {redirect: `${rest}/`};
    return isFile(join(path, "index.html")) ? {file: join(path, "index.html")} : null;
  }
  if (rewriting === "strip-html" && isFile(`${path}.html`)) return {file: `${path}.html`};
  return null;
}

/** The headers that make a page cross-origin isolated (so that it may share memory between threads). */
export const ISOLATION_HEADERS = {
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-embedder-policy": "require-corp"
} as const;

/**
 * Serves a built site as a static host does, under an optional sub-path `prefix` (as GitHub Pages serves a project
 * site under /<repository>/), mapping requests to files as `rewriting` says (default "none": no rewriting at all),
 * and with `isolate`, sending ISOLATION_HEADERS with every response, as a host configured for them does.
 * `requests` lists each path asked for and its status, for tests that check what a page fetched.
 */
export async function serveStatic(
  dir: string,
  {prefix = "/", rewriting = "none", isolate = false}: {prefix?: string; rewriting?: Rewriting; isolate?: boolean} = {}
): Promise<{url: string; server: Server; close: () => Promise<void>; requests: {path: string; status: number}[]}> {
  const requests: {path: string; status: number}[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const path = decodeURIComponent(url.pathname);
    const answer = (status: number, headers: Record<string, string> = {}, body?: string) => {
      requests.push({path, status});
      response.writeHead(status, isolate ? {...ISOLATION_HEADERS, ...headers} : headers);
      if (body !== undefined) response.end(body);
    };
    if (!path.startsWith(prefix)) return answer(404, {}, "not found");
    const rest = normalize(path.slice(prefix.length))
      .replace(/^(\.\.[/\\])+/, "")
      .replace(/^\.$/, "");
    const found = resolve(dir, rest, rewriting);
    if (!found) return answer(404, {}, "not found");
    if ("redirect" in found)
      return answer(301, {location: `${prefix}${found.redirect.replace(/^\.\//, "")}${url.search}`}, "");
    answer(200, {"content-type": TYPES[extname(found.file)] ?? "application/octet-stream"});
    createReadStream(found.file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    server,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  };
}
