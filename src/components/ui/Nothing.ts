/**
 * What a view shows when it has nothing to say: an empty element. Displayed, it clears what its page's cell showed
 * before (Framework clears a cell's old output only when the cell displays again), and unlike null, which Framework's
 * display writes out as the word "null", it shows nothing.
 */
export function Nothing(): HTMLElement {
  const element = document.createElement("div");
  element.className = "nothing";
  return element;
}
