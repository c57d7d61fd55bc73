/**
 * "Copy link": a button that copies this page's link, which holds its settings (formLink.ts), and a line that says it
 * did. Where the browser will not copy (no clipboard permission, or a page not served over https), the link is shown
 * in a field, selected, to copy by hand. `href` and `clipboard` are parameters for tests.
 */
export function CopyLink(
  {label = "Copy link", what = "this page's settings"}: {label?: string; what?: string} = {},
  {
    href = () => location.href,
    clipboard = globalThis.navigator?.clipboard
  }: {href?: () => string; clipboard?: Pick<Clipboard, "writeText"> | undefined} = {}
): HTMLDivElement {
  const root = document.createElement("div");
  root.className = "copy-link";
  const button = root.appendChild(document.createElement("button"));
  button.type = "button";
  button.textContent = label;
  const status = root.appendChild(document.createElement("span"));
  status.className = "copy-link-status";
  status.setAttribute("role", "status");
  const field = root.appendChild(document.createElement("input"));
  field.type = "text";
  field.readOnly = true;
  field.hidden = true;
  field.setAttribute("aria-label", "This page's link");
  button.addEventListener("click", async () => {
    const link = href();
    try {
      if (!clipboard) throw new Error("no clipboard");
      await clipboard.writeText(link);
      field.hidden = true;
      status.textContent = `Link copied: it opens this page with ${what}.`;
    } catch {
      field.value = link;
      field.hidden = false;
      field.focus();
      field.select();
      status.textContent = "The browser would not copy the link: it is selected here, to copy by hand.";
    }
  });
  return root;
}
