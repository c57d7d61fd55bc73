const QUOTE = '"';

/**
 * Splits one CSV record, held on one line, into its fields by RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180):
 * fields separated by commas; a field in double quotes may hold commas, and a quote inside it is written twice
 * (`"Shawshank Redemption, The (1994)"`, `"Dancer, Texas Pop. 81 (1998)"`, `"""Great Performances"" Cats (1998)"`).
 * Strict: a quote inside an unquoted field, text after a closing quote, or a quote left open (a record spanning lines,
 * which MovieLens's files never do) gives the reason as `{reason}` instead of fields.
 */
export function splitCsvLine(line: string): {fields: string[]} | {reason: string} {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === QUOTE) {
      let field = "";
      let at = i + 1;
      for (;;) {
        const close = line.indexOf(QUOTE, at);
        if (close < 0) return {reason: `field ${fields.length + 1} opens a quote that is not closed on this line`};
        field += line.slice(at, close);
        if (line[close + 1] === QUOTE) {
          field += QUOTE;
          at = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      fields.push(field);
      if (i < line.length && line[i] !== ",")
        return {reason: `field ${fields.length} has text after its closing quote`};
    } else {
      let end = line.indexOf(",", i);
      if (end < 0) end = line.length;
      const field = line.slice(i, end);
      if (field.includes(QUOTE))
        return {reason: `field ${fields.length + 1} has a quote but does not start with one (write it as "…""…")`};
      fields.push(field);
      i = end;
    }
    if (i >= line.length) return {fields};
    ++i; // past the comma
    if (i === line.length) return {fields: [...fields, ""]};
  }
}
