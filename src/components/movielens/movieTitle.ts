const YEAR = /\((\d{4})\)/;
const TRAILING_YEAR = /\s*\(\d{4}\)\s*$/;
// A series' years, as the CSV releases write some titles: "Fawlty Towers (1975-1979)", "Sherlock (2010-)".
const YEAR_RANGE = /\((\d{4})[-–](\d{4})?\)\s*$/;

/**
 * Splits MovieLens's `Title (Year)` into the title without its trailing year and the year, as the original notebook
 * did: "Toy Story (1995)" → {title: "Toy Story", year: 1995}. A title with no year keeps a null year ("Babylon 5"); a
 * year range ("Fawlty Towers (1975-1979)") stays in the title, and its first year is the year.
 */
export function movieTitle(text: string): {title: string; year: number | null} {
  const year = YEAR.exec(text) ?? YEAR_RANGE.exec(text);
  return {title: text.replace(TRAILING_YEAR, ""), year: year ? +year[1] : null};
}
