import {describe, expect, it} from "vitest";
import {chooseRanking, rankingLabel} from "../../src/components/model/chooseRanking.js";
import type {RankingName} from "../../src/components/model/chooseRanking.js";

const predicted: RankingName = {kind: "predicted", weight: 0};
const blend: RankingName = {kind: "predicted", weight: 0.3};
const ials: RankingName = {kind: "ials"};

describe("chooseRanking(candidates, ndcg, popular, {k})", () => {
  it("chooses on the users at even positions and reports on those at odd positions", () => {
    // iALS wins on the even users only; the predicted rating wins on the odd ones. The choice must not see the odd.
    const choice = chooseRanking(
      [predicted, ials],
      [
        [0.1, 0.9, 0.1, 0.9, 0.1],
        [0.5, 0.2, 0.5, 0.2, 0.5]
      ],
      [0.3, 0.4, 0.3, 0.4, 0.3]
    );
    expect(choice.chosen).toEqual(ials);
    expect(choice.chosenOn).toBe(3);
    expect(choice.reportedOn).toBe(2);
    expect(choice.ndcg).toBeCloseTo(0.2, 12);
    expect(choice.popularNdcg).toBeCloseTo(0.4, 12);
    expect(choice.candidates.map((c) => c.ranking)).toEqual([predicted, ials]);
    expect(choice.candidates[0].ndcg).toBeCloseTo(0.1, 12);
    expect(choice.candidates[1].ndcg).toBeCloseTo(0.5, 12);
  });

  it("gives a tie to the earlier candidate", () => {
    expect(
      chooseRanking(
        [blend, ials],
        [
          [0.5, 0],
          [0.5, 1]
        ],
        [0, 0]
      ).chosen
    ).toEqual(blend);
  });

  it("throws a TypeError with no candidate, mismatched lists, or fewer than two users", () => {
    expect(() => chooseRanking([], [], [0, 0])).toThrow(TypeError);
    expect(() => chooseRanking([ials], [], [0, 0])).toThrow(TypeError);
    expect(() => chooseRanking([ials], [[1]], [0])).toThrow(/two halves/);
  });
});

describe("rankingLabel(ranking)", () => {
  it("names iALS, the predicted rating and a popularity blend in the page's words", () => {
    expect(rankingLabel(ials)).toBe("iALS");
    expect(rankingLabel(predicted)).toBe("predicted rating");
    expect(rankingLabel(blend)).toBe("predicted rating + 0.3★ per doubling of ratings");
    expect(rankingLabel({kind: "predicted", weight: -0.2})).toBe("predicted rating − 0.2★ per doubling of ratings");
  });
});
