import {html} from "htl";
import {rankingLabel} from "../model/chooseRanking.js";
import type {RankingChoice} from "../model/chooseRanking.js";

/** The two ways to order my list: the ranking the run measured best, or the predicted rating, as the notebook did. */
export type RankingMode = "best" | "predicted";

/**
 * Which ranking orders the list, and why, in one line: for "best", the chosen ranking, how it was chosen (on half of
 * the run's held-out users) and its NDCG@k against most popular on the other half; for "predicted", that the order is
 * the notebook's.
 */
export function rankingLine(choice: RankingChoice, mode: RankingMode): string {
  if (mode === "predicted")
    return (
      "Ranked by predicted rating, as the notebook ranked: the stars are what the model expects me to give. " +
      "The popularity knob below can blend in how well known each movie is."
    );
  const k = choice.k;
  const times = choice.popularNdcg > 0 ? ` (${(choice.ndcg / choice.popularNdcg).toFixed(1)}×)` : "";
  return (
    `Ranked by ${rankingLabel(choice.chosen)}: of the ${choice.candidates.length} rankings this run measured, it ` +
    `found the most of ${choice.chosenOn.toLocaleString("en-US")} held-out users' favourite movies (NDCG@${k}). On ` +
    `${choice.reportedOn.toLocaleString("en-US")} other users it scores NDCG@${k} ${choice.ndcg.toFixed(3)}, against ` +
    `${choice.popularNdcg.toFixed(3)} for the most popular movies${times}.` +
    (choice.chosen.kind === "ials"
      ? " The Predicted column still shows the rating model's stars; iALS sets the order."
      : "")
  );
}

/**
 * The ranking switch as an Observable view: two radio buttons, the measured best ranking (the default) and "Predicted
 * rating, as the notebook ranked", with rankingLine below, updated as it changes. Its `value` is the RankingMode; it
 * emits "input" when a person picks the other.
 */
export function RankingSwitch(
  choice: RankingChoice,
  {value = "best"}: {value?: RankingMode} = {}
): HTMLElement & {value: RankingMode} {
  const option = (mode: RankingMode, text: string) =>
    html`<label><input type="radio" name="ranking" value=${mode} checked=${mode === value} /> ${text}</label>`;
  const line = html`<p class="ranking-line"></p>`;
  const root = html`<fieldset class="ranking-switch">
    <legend>Rank my list by</legend>
    ${option("best", `Best measured: ${rankingLabel(choice.chosen)}`)}
    ${option("predicted", "Predicted rating, as the notebook ranked")} ${line}
  </fieldset>` as HTMLFieldSetElement & {value: RankingMode};
  const radios = [...root.querySelectorAll<HTMLInputElement>("input[type=radio]")];
  const show = () => (line.textContent = rankingLine(choice, root.value));
  Object.defineProperty(root, "value", {
    get: () => (radios.find((r) => r.checked)?.value ?? "best") as RankingMode,
    set: (mode: RankingMode) => {
      for (const r of radios) r.checked = r.value === mode;
      show();
    }
  });
  root.addEventListener("change", (event) => {
    show();
    event.stopPropagation();
    root.dispatchEvent(new Event("input", {bubbles: true}));
  });
  show();
  return root;
}
