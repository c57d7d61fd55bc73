// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {plotHtml} from "../support/plotHtml.js";
import {GridChart} from "../../src/components/ui/GridChart.js";
import type {GridPoint} from "../../src/components/browser/experimentGrid.js";

const point = (
  index: number,
  factors: number,
  seconds: number,
  validLoss: number | null,
  ndcg: number | null,
  stopped = false
): GridPoint => ({
  index,
  hyper: {factors, bs: 256, epochs: 3, lrMax: 1e-2, wd: 0.1, seed: 42},
  seconds,
  validLoss,
  ndcg,
  stopped
});
const titles = (chart: Element, selector: string) =>
  [...chart.querySelectorAll(`${selector} g[aria-label="dot"] title`)].map((t) => t.textContent);

describe("GridChart(points, {width, height, best})", () => {
  it(
    "plots valid loss and NDCG@10 against training time, one labelled point per run, " + "the best one ringed",
    async () => {
      const chart = GridChart([point(0, 50, 20, 0.8, 0.21), point(1, 20, 12, 0.82, 0.19)], {
        width: 640,
        height: 160,
        best: 0
      });
      const texts = (selector: string) => [...chart.querySelectorAll(selector)].map((t) => t.textContent);
      for (const [panel, label] of [
        [".grid-loss", "↑ valid_loss"],
        [".grid-ndcg", "↑ NDCG@10 (model + popularity 0.3)"]
      ]) {
        expect(texts(`${panel} g[aria-label="y-axis label"] text`)).toEqual([label]);
        expect(texts(`${panel} g[aria-label="x-axis label"] text`)).toEqual(["Training time (s) →"]);
        // Each point labelled with its run's number; one ring, on the best run's point (run 1, at 20 s).
        expect(texts(`${panel} g[aria-label="text"] text`)).toEqual(["1", "2"]);
        expect(titles(chart, panel)).toHaveLength(2);
        const [points, rings] = [...chart.querySelectorAll(`${panel} g[aria-label="dot"]`)];
        const ring = rings.querySelectorAll("circle");
        expect(ring).toHaveLength(1);
        expect(ring[0].getAttribute("r")).toBe("8");
        const best = points.querySelectorAll("circle")[0];
        expect([ring[0].getAttribute("cx"), ring[0].getAttribute("cy")]).toEqual([
          best.getAttribute("cx"),
          best.getAttribute("cy")
        ]);
      }
      await expect(plotHtml(chart)).toMatchFileSnapshot("__snapshots__/GridChart.html");
    }
  );

  it("titles each point with its run, and leaves runs without NDCG@10 out of that chart", () => {
    const chart = GridChart([point(0, 50, 20, 0.8, 0.21), point(1, 20, 12.34, 0.8212345, null, true)]);
    expect(chart.dataset.points).toBe("2");
    expect(titles(chart, ".grid-loss")).toEqual([
      "Run 1: 50 factors, bs 256, 3 epochs: valid_loss 0.8000 after 20.0 s",
      "Run 2: 20 factors, bs 256, 3 epochs (stopped): valid_loss 0.8212 after 12.3 s"
    ]);
    expect(titles(chart, ".grid-ndcg")).toEqual([
      "Run 1: 50 factors, bs 256, 3 epochs: NDCG@10 (model + popularity 0.3) 0.2100 after 20.0 s"
    ]);
  });

  it("says when no run reports NDCG@10", () => {
    const chart = GridChart([point(0, 50, 20, 0.8, null)]);
    expect(chart.querySelector("p.grid-ndcg")!.textContent).toBe("NDCG@10: –  (these runs report no ranking metrics)");
    expect(GridChart([]).querySelector("p.grid-ndcg")!.textContent).toBe(
      "NDCG@10: –  (no grid run yet: each grid run's point appears here as it finishes)"
    );
    expect(GridChart([]).querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(0);
  });
});
