// Types for the parts of Framework's internals that tests call (Framework ships no declarations).
declare module "@observablehq/framework/dist/npm.js" {
  /**
   * Resolves an npm specifier (`d3-dsv`, `react-dom`) to the path Framework serves it at, `/_npm/<name>@<version>/…`.
   */
  export function resolveNpmImport(root: string, specifier: string): Promise<string>;
}

declare module "@observablehq/framework/dist/client/stdlib/generators/index.js" {
  /** Framework's Generators.observe (see src/observablehq.d.ts). */
  export function observe<T>(
    initialize: (notify: (value: T | Promise<T>) => void) => (() => void) | void
  ): AsyncGenerator<T>;
}
