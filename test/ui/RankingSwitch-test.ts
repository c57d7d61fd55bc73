// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {RankingChoice} from "../../src/components/model/chooseRanking.js";
import {RankingSwitch, rankingLine} from "../../src/components/ui/RankingSwitch.js";

const choice: RankingChoice = {
  chosen: {kind: "ials"},
  chosenOn: 100,
  reportedOn: 100,
  k: 10,
  ndcg: 0.25,
  popularNdcg: 0.125,
  candidates: [
    {ranking: {kind: "predicted", weight: 0}, ndcg: 0.06},
    {ranking: {kind: "ials"}, ndcg: 0.24}
  ]
};

describe("rankingLine(choice, mode)", () => {
  it("says which ranking, how it was chosen and what it scored on users the choice did not see", () => {
    expect(rankingLine(choice, "best")).toBe(
      "Ranked by iALS: of the 2 rankings this run measured, it found the most of 100 held-out users' favourite " +
        "movies (NDCG@10). On 100 other users it scores NDCG@10 0.250, against 0.125 for the most popular " +
        "movies (2.0×). The Predicted column still shows the rating model's stars; iALS sets the order."
    );
    expect(rankingLine({...choice, chosen: {kind: "predicted", weight: 0.3}}, "best")).toMatch(
      /^Ranked by predicted rating \+ 0\.3★ per doubling of ratings: /
    );
    expect(rankingLine(choice, "predicted")).toMatch(/^Ranked by predicted rating, as the notebook ranked/);
  });
});

describe("RankingSwitch(choice, {value})", () => {
  it("starts on the measured best, switches to the notebook's order with an input event, and says so", () => {
    const view = RankingSwitch(choice);
    expect(view.value).toBe("best");
    expect([...view.querySelectorAll("label")].map((l) => l.textContent!.trim())).toEqual([
      "Best measured: iALS",
      "Predicted rating, as the notebook ranked"
    ]);
    const events: string[] = [];
    view.addEventListener("input", () => events.push(view.value));
    const predicted = view.querySelector<HTMLInputElement>('input[value="predicted"]')!;
    predicted.checked = true;
    predicted.dispatchEvent(new Event("change", {bubbles: true}));
    expect(events).toEqual(["predicted"]);
    expect(view.querySelector(".ranking-line")!.textContent).toMatch(/as the notebook ranked/);
    view.value = "best";
    expect(view.querySelector(".ranking-line")!.textContent).toMatch(/^Ranked by iALS/);
    expect(RankingSwitch(choice, {value: "predicted"}).value).toBe("predicted");
  });
});
