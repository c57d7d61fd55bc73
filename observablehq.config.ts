// See https://observablehq.com/framework/config for documentation.

// Where the browser blocks site data (Chrome's "Block all cookies"), reading localStorage or sessionStorage throws a
// SecurityError, and Framework's own sidebar reads sessionStorage on every page. This runs first, in the head: each
// storage that cannot be read is replaced by one in the page's memory, marked `memoryOnly`, so every script works and
// the workbook's pages (browser/pageStorage.ts) can say that nothing is kept. The workbook itself keeps nothing in
// sessionStorage.
const STORAGE_SHIM =
  "<script>(() => { for (const name of ['localStorage', 'sessionStorage']) { try { window[name]; } catch (error) { " +
  // localStorage's stand-in keeps its items for the tab in window.name, which survives the tab's navigations (and which
  // browsers clear on a cross-site navigation): my ratings then follow me from page to page of the workbook.
  "const tag = 'movielens-workbook:' + name + ':'; let kept = []; " +
  "try { if (window.name.startsWith(tag)) kept = JSON.parse(window.name.slice(tag.length)); } catch {} " +
  "const items = new Map(kept); const keep = () => { if (name === 'localStorage') " +
  "try { window.name = tag + JSON.stringify([...items]); } catch {} }; " +
  "const memory = {get length() { return items.size; }, " +
  "key: (i) => [...items.keys()][i] ?? null, getItem: (k) => (items.has(k) ? items.get(k) : null), " +
  "setItem: (k, v) => void (items.set(k, String(v)), keep()), removeItem: (k) => void (items.delete(k), keep()), " +
  "clear: () => void (items.clear(), keep()), memoryOnly: error.name || 'SecurityError'}; " +
  "try { Object.defineProperty(window, name, {configurable: true, get: () => memory}); } catch {} } } " +
  // sessionStorage holds only Framework's sidebar state, written as a page unloads: where the storage is full, that
  // write threw an uncaught QuotaExceededError on every page. Its writes are made to fail quietly.
  "let session = null; try { session = window.sessionStorage; } catch {} " +
  "if (session && !session.memoryOnly) { const quiet = (f) => (...args) => { try { return f(...args); } catch {} }; " +
  "const safe = {get length() { return session.length; }, key: (i) => session.key(i), " +
  "getItem: (k) => session.getItem(k), setItem: quiet((k, v) => session.setItem(k, v)), " +
  "removeItem: quiet((k) => session.removeItem(k)), clear: quiet(() => session.clear())}; " +
  "try { Object.defineProperty(window, 'sessionStorage', {configurable: true, get: () => safe}); } catch {} } " +
  "})();</script>";
/**
 * What Framework's own page leaves to do for WCAG 2.1 AA (axe-core, test/site/accessibility-browser-test.ts): the
 * page's language (Framework 1.13 writes `<html>` without one); a link past the sidebar's many links to the page's
 * content, first in the Tab order and shown when focused (WCAG 2.4.1, bypass blocks); the sidebar's close control, a
 * `<label>` directly in an `<ol>`, wrapped in a list item; and every region that scrolls (a wide table, Inputs.table)
 * made focusable, so a keyboard can scroll it.
 */
const ACCESSIBILITY =
  "<script>(() => { document.documentElement.lang = 'en'; " +
  "const fix = () => { if (document.body && !document.querySelector('.skip-link')) { " +
  "const skip = document.createElement('a'); skip.className = 'skip-link'; skip.href = '#observablehq-main'; " +
  "skip.textContent = 'Skip to the page’s content'; document.body.prepend(skip); } " +
  "const close = document.getElementById('observablehq-sidebar-close'); " +
  "if (close && close.parentElement && close.parentElement.tagName === 'OL') { " +
  "const item = document.createElement('li'); item.className = 'observablehq-sidebar-close-item'; " +
  "close.replaceWith(item); item.append(close); } " +
  "for (const el of document.querySelectorAll('#observablehq-main table, #observablehq-main form[id^=inputs-]')) " +
  "if (!el.hasAttribute('tabindex') && " +
  "(el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) " +
  "el.tabIndex = 0; }; let queued = false; const later = () => { if (!queued) { queued = true; " +
  "requestAnimationFrame(() => { queued = false; fix(); }); } }; " +
  "new MutationObserver(later).observe(document.documentElement, {subtree: true, childList: true}); " +
  "addEventListener('resize', later); })();</script>";

/** The workbook's Framework config; tests read its pages. */
export default {
  title: "MovieLens workbook",
  root: "src",
  // The output folder can be moved, so tests build into a temporary folder and leave dist/ alone.
  output: process.env.WORKBOOK_OUTPUT ?? "dist",
  // Links end in .html (./train.html), so the published site works on any static host, one that rewrites nothing
  // (python3 -m http.server, GitHub Pages) as well as one that strips the extension.
  preserveExtension: true,
  // Pages in the order of the original notebook, whose author rated movies before training on them.
  pages: [
    {name: "Load the data", path: "/load-data"},
    {name: "Ratings histogram", path: "/histogram"},
    {name: "Rate movies", path: "/rate"},
    {name: "Train a model", path: "/train"},
    {name: "Save and resume", path: "/save-resume"},
    {name: "Recommendations", path: "/recommend"},
    {name: "Compare models", path: "/compare"},
    {name: "Explore the factors", path: "/explore"},
    {name: "Glossary", path: "/glossary"}
  ],
  // An inline icon: no favicon request, no 404.
  head:
    STORAGE_SHIM +
    ACCESSIBILITY +
    `<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 ` +
    `16'%3E%3Ctext y='14' font-size='14'%3E%F0%9F%8E%AC%3C/text%3E%3C/svg%3E">`,
  style: "style.css",
  pager: true,
  search: false,
  footer:
    "Built with Observable Framework and TensorFlow.js. MovieLens data © GroupLens Research, not redistributed here.",
  // Every library is bundled from node_modules, and no web font is fetched: the workbook builds and runs offline.
  globalStylesheets: [],
  typographer: true
};
