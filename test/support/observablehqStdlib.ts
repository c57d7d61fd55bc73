// Stands in for Framework's "observablehq:stdlib" in unit tests (vitest.config.ts aliases it here): a FileAttachment
// that names the file it was asked for, reads nothing, and fails loudly if a test reads it without giving its own.
export function FileAttachment(path: string) {
  const name = path.split("/").at(-1)!;
  const unread = () => Promise.reject(new Error(`test stub: FileAttachment("${path}") has no content`));
  return {name, path, url: async () => `/_file/${name}`, json: unread, arrayBuffer: unread};
}

// Framework's own generators (its client's standard library, plain JavaScript that needs no page).
export * as Generators from "@observablehq/framework/dist/client/stdlib/generators/index.js";
