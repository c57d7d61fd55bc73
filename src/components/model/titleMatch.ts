// Matching typed text against MovieLens titles the way people type them: "The Matrix" finds "Matrix, The", "amelie"
// finds "Amélie", "(1988" finds 1988's movies. One home for the Rate page's search and Recommendations' exclusions.

/**
 * The articles MovieLens moves to the end of a title, or of an alternative title in parentheses ("Matrix, The",
 * "Haine, La", "Boot, Das", "City of Lost Children, The (Cité des enfants perdus, La)").
 */
const ARTICLES = new Set([
  "the",
  "a",
  "an", // English
  "le",
  "la",
  "les",
  "l'",
  "un",
  "une", // French
  "el",
  "los",
  "las",
  "una", // Spanish
  "il",
  "lo",
  "gli",
  "i",
  "uno", // Italian
  "der",
  "die",
  "das",
  "ein",
  "eine", // German
  "o",
  "os",
  "as", // Portuguese
  "de",
  "het",
  "een",
  "den",
  "det" // Dutch and Scandinavian
]);

const ASCII = /^[\x00-\x7f]*$/;

// Letters that Unicode does not decompose into a base letter and a mark.
const LETTERS: Record<string, string> = {ø: "o", æ: "ae", œ: "oe", ß: "ss", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i"};

/** Lower case, accents off ("Amélie" → "amelie", "Søren" → "soren"). */
function fold(text: string): string {
  text = text.toLowerCase();
  return ASCII.test(text)
    ? text
    : text
        .normalize("NFD")
        .replace(/\p{M}/gu, "")
        .replace(/[øæœßłđðþı]/g, (c) => LETTERS[c]);
}

/** Moves a trailing article of each part of a title (the main title, each parenthesized one) back to its front. */
function articleFirst(folded: string): string {
  if (!folded.includes(",")) return folded;
  return folded
    .split(/([()])/)
    .map((part) => {
      const m = /^(.*\S)\s*,\s*(\S+)\s*$/.exec(part);
      if (!m || !ARTICLES.has(m[2].replace("’", "'"))) return part;
      return m[2].endsWith("'") || m[2].endsWith("’") ? `${m[2]}${m[1].trimStart()}` : `${m[2]} ${m[1].trimStart()}`;
    })
    .join("");
}

/**
 * Words only: an elided article keeps its own word ("l'atalante" → "l atalante"),
 * other apostrophes go ("schindler's" → "schindlers").
 */
function words(folded: string): string {
  if (/['’`]/.test(folded)) folded = folded.replace(/(?<![\p{L}\p{N}])(\p{L})['’`]/gu, "$1 ").replace(/['’`]/g, "");
  // Most titles are ASCII once folded: a plain character class is faster than Unicode's letter classes.
  return folded.replace(ASCII.test(folded) ? /[^a-z0-9]+/g : /[^\p{L}\p{N}]+/gu, " ").trim();
}

/**
 * A title's search key: its words, lower case and without accents, with a moved article back in front, then the
 * title's words as written ("Matrix, The" → "the matrix | matrix the"), so both the way people say a title and the
 * way MovieLens writes it are found. Compute it once per title and match it with `matchesTitle`.
 */
export function titleKey(title: string): string {
  const folded = fold(title);
  return ` ${words(articleFirst(folded))} | ${words(folded)} `;
}

/** A typed query, ready to match: its words, and the years it names. */
export interface TitleQuery {
  /** The words, as in `titleKey`; a title matches when one of its words starts this run of words. */
  words: string;
  /** Typed after "(": the start of a release year ("(198" is the 1980s, "(1988" or "(1988)" is 1988). */
  yearPrefix: string | null;
  /** Four-digit numbers typed without "(": the release year, or a number in the title ("2001", "1984"). */
  numbers: readonly string[];
}

/** Fewer letters and digits than this mean nothing yet: a one-letter query would match nearly every title. */
export const MIN_QUERY_LENGTH = 2;

/**
 * Reads a typed query: "The Matrix", "matrix, the", "Die Hard (1988", "die hard 1988", "1988". Returns null when it
 * is too short to mean anything (fewer than two letters or digits),
 * so the caller can say so rather than match everything.
 */
export function parseTitleQuery(query: string): TitleQuery | null {
  const prefixes: string[] = [];
  const numbers: string[] = [];
  const rest = query
    .replace(/\(\s*(\d{1,4})\s*\)?/g, (_, digits: string) => (prefixes.push(digits), " "))
    .replace(/(?<![\p{L}\p{N}])((?:18|19|20)\d\d)(?![\p{L}\p{N}])/gu, (_, year: string) => (numbers.push(year), " "));
  const yearPrefix = prefixes[0] ?? null;
  const text = words(articleFirst(fold(rest)));
  const length = text.replace(/ /g, "").length + (yearPrefix?.length ?? 0) + 4 * numbers.length;
  return length < MIN_QUERY_LENGTH ? null : {words: text, yearPrefix, numbers};
}

/** Whether a title (its `titleKey`) and release year match a query: every part of it must match. */
export function matchesTitle(query: TitleQuery, key: string, year: number | null): boolean {
  if (query.words && !key.includes(` ${query.words}`)) return false;
  // "(500) Days of Summer": digits after "(" may also start a number in the title.
  if (
    query.yearPrefix !== null &&
    !(year !== null && String(year).startsWith(query.yearPrefix)) &&
    !key.includes(` ${query.yearPrefix}`)
  )
    return false;
  return query.numbers.every((n) => String(year) === n || key.includes(` ${n} `));
}
