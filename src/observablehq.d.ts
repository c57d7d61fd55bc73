// Types for the part of Framework's standard library the page modules use (src/components/page/): FileAttachment, which
// Framework resolves at build time from a literal path relative to the calling module, and which only exists in a page.
declare module "observablehq:stdlib" {
  /** A file of the built site, as Framework's FileAttachment gives it. */
  export interface FileAttachment {
    name: string;
    url(): Promise<string>;
    json(): Promise<unknown>;
    arrayBuffer(): Promise<ArrayBuffer>;
  }
  /** The build's file at `path` (a string literal, relative to the calling module). */
  export function FileAttachment(path: string): FileAttachment;
  /** Framework's generators; a module's generator, held by a page's top-level variable, is followed by that page. */
  export const Generators: {
    /**
     * The values `initialize` passes to `notify` (a promise passed is awaited), one yield each, the latest kept while
     * none is asked for; the function `initialize` returns is called when the generator is returned (its cell ends).
     */
    observe<T>(initialize: (notify: (value: T | Promise<T>) => void) => (() => void) | void): AsyncGenerator<T>;
  };
}

// Types for the Observable Inputs views the page modules build (the pages themselves are not type-checked).
declare module "@observablehq/inputs" {
  /** A button whose click calls `reduce`, or several, each with its own (Inputs.button). */
  export function button(
    content: string | [string, () => unknown][],
    options?: {reduce?: () => unknown; disabled?: boolean}
  ): HTMLElement;
  /** Radio buttons over `data` (Inputs.radio); `value` is the chosen item. */
  export function radio(data: readonly unknown[], options?: Record<string, unknown>): HTMLElement & {value: unknown};
  /** A text field (Inputs.text); its `value` is what is typed. */
  export function text(options?: Record<string, unknown>): HTMLElement & {value: string};
  /** Checkboxes over `data` (Inputs.checkbox); `value` is the ticked items. */
  export function checkbox(
    data: readonly unknown[],
    options?: Record<string, unknown>
  ): HTMLElement & {value: unknown[]};
  /** A search box over `data` (Inputs.search); `value` is the items that match what is typed. */
  export function search(data: readonly unknown[], options?: Record<string, unknown>): HTMLElement & {value: unknown[]};
  /** A select of `data` (Inputs.select); `value` is the chosen item, or the chosen items with `multiple`. */
  export function select(data: readonly unknown[], options?: Record<string, unknown>): HTMLElement & {value: unknown};
  /** Several inputs as one (Inputs.form); its `value` has each input's value under its key. */
  export function form(
    inputs: Record<string, HTMLElement> | HTMLElement[],
    options?: Record<string, unknown>
  ): HTMLElement & {value: unknown};
  /** A file chosen on this computer, as Inputs.file gives it. */
  export interface LocalFile {
    name: string;
    arrayBuffer(): Promise<ArrayBuffer>;
    text(): Promise<string>;
  }
  /** A file field (Inputs.file); `value` is the chosen file, null before one is chosen. */
  export function file(options?: Record<string, unknown>): HTMLElement & {value: LocalFile | null};
  /** A table of `data`'s rows (Inputs.table), with its header, format and layout options. */
  export function table(data: readonly object[], options?: Record<string, unknown>): HTMLElement;
}
