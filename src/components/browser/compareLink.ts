import type {LinkField} from "./formLink.js";

/**
 * How the Compare page's choices are kept in its link: the runs chosen, by their ids (`runs`, the runs kept in this
 * browser, are the choices: a link's run that is not kept here is refused), Top N as typed, and `data`, the catalogue.
 */
export function compareLink(runs: readonly {id?: number}[]): Record<string, LinkField> {
  return {
    runs: {
      kind: "choices",
      label: "run",
      choices: runs.map((r) => r.id).filter((id) => id !== undefined),
      absent: "not kept in this browser"
    },
    n: {kind: "text", label: "Top N"},
    data: {kind: "text"}
  };
}
