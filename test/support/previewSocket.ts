import {randomBytes} from "node:crypto";
import {request} from "node:http";
import type {Socket} from "node:net";

/** A message Framework's preview server pushes to an open page ("welcome", "update", "reload"). */
export interface PreviewMessage {
  type: string;
  files?: {removed: string[]; added: Array<{name: string; path: string}>};
}

/**
 * Opens the WebSocket an open page of Framework's preview keeps, and says hello as the page does, with the page's hash
 * (from its HTML). Node 20 has no WebSocket client, and text frames are all this needs: a few lines of RFC 6455.
 */
export function openPreviewSocket(
  base: string,
  path: string,
  hash: string
): Promise<{messages: PreviewMessage[]; close(): void}> {
  return new Promise((resolve, reject) => {
    const url = new URL("_observablehq", base);
    const req = request(url, {
      headers: {
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": randomBytes(16).toString("base64")
      }
    });
    req.on("error", reject);
    req.on("response", (res) => reject(new Error(`no WebSocket upgrade: HTTP ${res.statusCode}`)));
    req.on("upgrade", (_res, socket: Socket, head: Buffer) => {
      const messages: PreviewMessage[] = [];
      let pending = head;
      const read = (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        for (;;) {
          if (pending.length < 2) return;
          let length = pending[1] & 0x7f;
          let start = 2;
          if (length === 126) [length, start] = [pending.length >= 4 ? pending.readUInt16BE(2) : Infinity, 4];
          else if (length === 127)
            [length, start] = [pending.length >= 10 ? Number(pending.readBigUInt64BE(2)) : Infinity, 10];
          if (pending.length < start + length) return;
          if ((pending[0] & 0x0f) === 1) messages.push(JSON.parse(pending.toString("utf-8", start, start + length)));
          pending = pending.subarray(start + length);
        }
      };
      socket.on("data", read);
      socket.on("error", () => {});
      read(Buffer.alloc(0));
      // A client's frames are masked: FIN + text, then the length with the mask bit, the mask, the masked payload.
      const payload = Buffer.from(JSON.stringify({type: "hello", path, hash}));
      if (payload.length > 125) {
        socket.destroy();
        return reject(new Error("hello too long for a one-byte length"));
      }
      const mask = randomBytes(4);
      socket.write(
        Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, payload.map((b, i) => b ^ mask[i % 4])])
      );
      resolve({messages, close: () => socket.destroy()});
    });
    req.end();
  });
}
