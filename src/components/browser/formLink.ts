// A page's inputs kept in its URL's query, so that a link restores them (as Streamlit's st.query_params does for its
// widgets): a text field as typed, one or several options of a select as their printed values. A link is untrusted
// input, read field by field: text goes back into its input as if typed, where the page's own checks refuse it in
// words; an option that is not one of the input's is refused here, in words, and the input keeps the page's own value.

/** How one input is kept in the link. */
export type LinkField =
  /** Any text, as typed (at most MAX_TEXT characters); the page checks it as it checks typing. */
  | {kind: "text"; label?: string}
  /** One of `choices`, written as String(choice). */
  | {kind: "choice"; label: string; choices: readonly unknown[]}
  /**
   * Any of `choices`, each written as String(choice), repeated under one key; `absent` says why a value that is not
   * one is left out (default "not among the choices").
   */
  | {kind: "choices"; label: string; choices: readonly unknown[]; absent?: string};

/** The longest text a link may put in an input. */
export const MAX_TEXT = 200;

const quoted = (text: string) => `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;

/**
 * The values a link gives `fields` (only those it names), and, for each field whose value it refuses, why, in words.
 */
export function readFormLink(
  params: URLSearchParams,
  fields: Record<string, LinkField>
): {values: Record<string, unknown>; refused: Record<string, string>} {
  const values: Record<string, unknown> = {};
  const refused: Record<string, string> = {};
  for (const [key, field] of Object.entries(fields)) {
    if (!params.has(key)) continue;
    const raw = params.getAll(key);
    if (field.kind === "text") {
      const text = raw[0];
      if (text.length > MAX_TEXT)
        refused[key] =
          `The link's ${field.label ?? key} is ${text.length.toLocaleString("en-US")} characters long: ` +
          `at most ${MAX_TEXT} are read.`;
      else values[key] = text;
      continue;
    }
    const find = (text: string) => field.choices.find((choice) => String(choice) === text);
    const wrong = raw.filter((text) => find(text) === undefined);
    const allowed = field.choices.map(String).join(", ");
    if (field.kind === "choice") {
      if (raw.length !== 1 || wrong.length)
        refused[key] =
          `The link's ${field.label} ${raw.map(quoted).join(", ")} is not one of ${allowed}, ` +
          `so this page's own is shown.`;
      else values[key] = find(raw[0]);
    } else {
      if (wrong.length)
        refused[key] =
          `The link's ${field.label} ${wrong.map(quoted).join(", ")} ${wrong.length === 1 ? "is" : "are"} ` +
          `${field.absent ?? "not among the choices"}, so ${wrong.length === 1 ? "it is" : "they are"} left out.`;
      values[key] = raw.map(find).filter((choice) => choice !== undefined);
    }
  }
  return {values, refused};
}

/**
 * What a link gave the number fields `numbers` (text fields among `fields`) that the form could not hold, refused in
 * words: a number input empties text that is not a number, so where the form `shown` does not show the link's text
 * `linked`, the link's value is refused, with the field named as readFormLink names it.
 */
export function unheldNumbers(
  fields: Record<string, LinkField>,
  numbers: readonly string[],
  linked: Record<string, unknown>,
  shown: Record<string, unknown>
): Record<string, string> {
  const refused: Record<string, string> = {};
  for (const key of numbers)
    if (key in linked && shown[key] !== linked[key])
      refused[key] =
        `The link's ${fields[key]?.label ?? key} ${quoted(String(linked[key]))} is not a number, ` +
        `so it is left empty.`;
  return refused;
}

/** Writes `value`'s `fields` into `params` (replacing what they held), as readFormLink reads them back. */
export function writeFormLink(
  params: URLSearchParams,
  fields: Record<string, LinkField>,
  value: Record<string, unknown>
): URLSearchParams {
  for (const [key, field] of Object.entries(fields)) {
    params.delete(key);
    const v = value[key];
    if (v === undefined || v === null) continue;
    if (field.kind === "choices") for (const one of v as unknown[]) params.append(key, String(one));
    else params.set(key, String(v));
  }
  return params;
}

/**
 * Puts `value`'s `fields` into this page's URL, in place (history.replaceState: no new history entry), keeping its
 * other parameters; `page` is the window, a parameter for tests.
 */
export function keepInLink(
  fields: Record<string, LinkField>,
  value: Record<string, unknown>,
  page: Pick<Window, "location" | "history"> = globalThis as unknown as Window
): void {
  const params = writeFormLink(new URLSearchParams(page.location.search), fields, value);
  const query = params.toString();
  page.history.replaceState(
    page.history.state,
    "",
    `${page.location.pathname}${query ? `?${query}` : ""}${page.location.hash}`
  );
}
