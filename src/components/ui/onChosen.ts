/** Keys that do not step a closed select's value: moving on, choosing, cancelling, and opening its list. */
const NOT_STEPPING = new Set(["Tab", "Enter", "Escape", " ", "Shift", "Control", "Alt", "Meta"]);

/**
 * Calls `commit` with a select's value once a person has chosen it. A choice made in the select's open list (a click,
 * a tap, or Enter in the list) commits at once. But keys on a closed select (arrows, Home, End, a typed letter) step
 * its value and fire `change` at every press, so those commit only on Enter or when focus leaves: a person arrowing
 * towards 4★ does not rate 0.5★, 1★ and 1.5★ on the way. Nothing commits if the value ends where it started.
 */
export function onChosen(select: HTMLSelectElement, commit: (value: string) => void): void {
  let stepping = false;
  let committed = select.value;
  const done = () => {
    stepping = false;
    if (select.value === committed) return;
    committed = select.value;
    commit(select.value);
  };
  // The page may set the value while the select is not focused (another tab rated the movie): start from that.
  select.addEventListener("focus", () => {
    stepping = false;
    committed = select.value;
  });
  select.addEventListener("keydown", (event) => {
    if (!NOT_STEPPING.has(event.key)) stepping = true;
    else if (event.key === "Enter" && stepping) {
      event.preventDefault();
      done();
    }
  });
  select.addEventListener("change", () => stepping || done());
  select.addEventListener("blur", () => stepping && done());
}
