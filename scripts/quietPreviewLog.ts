// Framework's preview logs to stdout every request it serves (`GET /_node/d3@7.9.2/index.js`), every page's socket
// (`socket open /_observablehq`, `socket close`) and every socket message (`↑ { type: 'hello', … }`,
// `↓ { type: 'update', … }` with a whole page's cells): thousands of lines as one walks the pages. `npm run dev` drops
// those and passes the rest on: the URL, loader runs, libraries bundled from node_modules. Errors go to stderr, which
// is not filtered.

/**
 * Framework's colours, when its stdout is a terminal or FORCE_COLOR is set: any run of SGR codes. Its `faint` is
 * picocolors' `gray` (`\x1b[90m` … `\x1b[39m`, see @observablehq/framework/dist/tty.js),
 * but any colour may start a line.
 */
const ANSI = String.raw`(?:\x1b\[[0-9;]*m)*`;
/**
 * Codes that open a colour, as a dropped message may start with; codes that close one (0,
 * 2x, 39, 49) end the text before it.
 */
const OPEN_COLOUR = String.raw`(?:\x1b\[(?!0?m|2\dm|39m|49m)[0-9;]*m)*`;

/**
 * One message of request or socket chatter, with its newline. It starts a line, or follows a line Framework left open
 * while it works, which ends in `→ ` or `] ` (`load /data/summary.json → [missing] `). A socket message is
 * `util.inspect` output: one line, or `{`, indented lines and `}`.
 */
const AFTER = String.raw`(?<=^|\n|[→\]]${ANSI} ${ANSI})`;
const NOISE = new RegExp(
  [
    String.raw`${AFTER}${OPEN_COLOUR}(?:`,
    String.raw`(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)${ANSI} /\S*`,
    String.raw`|socket (?:open|close)${ANSI} /\S*`,
    String.raw`|[↑↓]${ANSI} \{(?:[^\n]*\}|\n(?: [^\n]*\n)*\})`,
    String.raw`)\n`
  ].join(""),
  "g"
);

/** The start of a multi-line socket message whose end has not arrived yet. */
const OPEN_MESSAGE = new RegExp(String.raw`${AFTER}${OPEN_COLOUR}[↑↓]${ANSI} \{\n`);

/** The preview's output without its per-request and per-socket lines. */
export function dropPreviewNoise(text: string): string {
  return text.replace(NOISE, "");
}

/**
 * A filter for the preview's stdout as it arrives in chunks: `push` each chunk, `end` at the end. It writes on at once
 * what cannot be part of a dropped message, and holds an unfinished line only until `settleMs` pass with nothing new,
 * so a line Framework leaves open while it works still shows.
 */
export function quietPreviewLog(
  write: (text: string) => void,
  {settleMs = 50}: {settleMs?: number} = {}
): {push(chunk: string): void; end(): void} {
  let pending = "";
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    if (pending) write(dropPreviewNoise(pending));
    pending = "";
  };
  return {
    push(chunk) {
      clearTimeout(timer);
      const text = dropPreviewNoise(pending + chunk);
      let cut = text.lastIndexOf("\n") + 1;
      const open = OPEN_MESSAGE.exec(text.slice(0, cut));
      if (open) cut = open.index;
      if (cut > 0) write(text.slice(0, cut));
      pending = text.slice(cut);
      if (pending) timer = setTimeout(flush, settleMs);
    },
    end: flush
  };
}
