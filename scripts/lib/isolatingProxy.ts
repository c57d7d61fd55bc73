// A proxy in front of Framework's preview (npm run dev) that adds the cross-origin isolation headers, which the
// preview cannot send: the pages in development are then isolated, and the kernel trains on several threads, as on a
// published site.
import {createServer, request} from "node:http";
import type {IncomingHttpHeaders} from "node:http";
import {connect} from "node:net";
import type {AddressInfo} from "node:net";
import {ISOLATION_HEADERS} from "./serveStatic.js";

/** The request line and headers of an upgrade (the preview's live-reload WebSocket), as sent to the target. */
function head(method: string, url: string, headers: IncomingHttpHeaders): string {
  const lines = [`${method} ${url} HTTP/1.1`];
  for (const [name, value] of Object.entries(headers))
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) lines.push(`${name}: ${v}`);
  return `${lines.join("\r\n")}\r\n\r\n`;
}

/**
 * Listens on `host`:`port` (0: any free port) and forwards every request, and every WebSocket upgrade, to
 * 127.0.0.1:`target`, adding ISOLATION_HEADERS to each response. Resolves once it listens, with the port it took.
 */
export async function isolatingProxy({
  host = "127.0.0.1",
  port,
  target
}: {
  host?: string;
  port: number;
  target: number;
}): Promise<{port: number; close: () => Promise<void>}> {
  const server = createServer((req, res) => {
    const upstream = request(
      {host: "127.0.0.1", port: target, method: req.method, path: req.url, headers: req.headers},
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, {...answer.headers, ...ISOLATION_HEADERS});
        answer.pipe(res);
      }
    );
    upstream.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, {"content-type": "text/plain; charset=utf-8"});
      res.end(`The preview did not answer: ${error.message}`);
    });
    req.pipe(upstream);
  });
  server.on("upgrade", (req, socket, rest) => {
    const upstream = connect(target, "127.0.0.1", () => {
      upstream.write(head(req.method ?? "GET", req.url ?? "/", req.headers));
      if (rest.length) upstream.write(rest);
      socket.pipe(upstream).pipe(socket);
    });
    const end = () => {
      socket.destroy();
      upstream.destroy();
    };
    upstream.on("error", end);
    socket.on("error", end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  };
}
