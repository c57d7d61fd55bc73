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
 * Serves a built site like a static host does, under an optional sub-path prefix,
 * with clean URLs (`/page` → `page.html`).
 */
export async function serveStatic(
  dir: string,
  {prefix = "/"}: {prefix?: string} = {}
): Promise<{url: string; server: Server; close: () => Promise<void>}> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (!path.startsWith(prefix)) return void response.writeHead(404).end("not found");
    const rest = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, "");
    const candidates = [join(dir, rest), join(dir, `${rest}.html`), join(dir, rest, "index.html")];
    const file = candidates.find((f) => existsSync(f) && statSync(f).isFile());
    if (!file) return void response.writeHead(404).end("not found");
    response.writeHead(200, {"content-type": TYPES[extname(file)] ?? "application/octet-stream"});
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  };
}
