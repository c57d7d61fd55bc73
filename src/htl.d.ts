// Types for htl (Hypertext Literal), which ships no declarations: the two tagged templates the views use.
declare module "htl" {
  /**
   * Parses an HTML template into DOM nodes, escaping interpolated text and setting interpolated attributes (null or
   * false omits one). The views here always write a single root element, which is what it returns then.
   */
  export function html(strings: TemplateStringsArray, ...values: unknown[]): HTMLElement;
  /** The same for SVG markup. */
  export function svg(strings: TemplateStringsArray, ...values: unknown[]): SVGElement;
}
