/** The id of the page's one live region, which announce writes to. */
export const ANNOUNCER_ID = "workbook-announcer";

/**
 * Says `text` to a screen reader: a status message (WCAG 2.1, 4.1.3), written into the page's one polite live region
 * (WAI-ARIA's role "status"), which is made on first use and is never redrawn, so assistive technology hears each
 * change. Visually hidden: the page shows the same news in its own words where it happened.
 */
export function announce(text: string, doc: Document = document): void {
  let region = doc.getElementById(ANNOUNCER_ID);
  if (!region) {
    region = doc.createElement("div");
    region.id = ANNOUNCER_ID;
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    region.setAttribute("aria-atomic", "true");
    // Visually hidden, yet read: the usual clip pattern.
    region.style.cssText =
      "position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);border:0;" +
      "white-space:nowrap";
    doc.body.append(region);
  }
  region.textContent = text;
}
