// Types for the parts of Framework's internals that tests call (Framework ships no declarations).
declare module "@observablehq/framework/dist/npm.js" {
  /**
   * Resolves an npm specifier (`d3-dsv`, `react-dom`) to the path Framework serves it at, `/_npm/<name>@<version>/…`.
   */
  export function resolveNpmImport(root: string, specifier: string): Promise<string>;
}
