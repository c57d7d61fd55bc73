// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {plotHtml} from "../support/plotHtml.js";
import {LossChart} from "../../src/components/ui/LossChart.js";

const rows = [
  {epoch: 0, trainLoss: 0.95, validLoss: 0.9, seconds: 10},
  {epoch: 1, trainLoss: 0.8, validLoss: 0.85, seconds: 10}
];
const texts = (chart: Element, label: string) =>
  [...chart.querySelectorAll(`g[aria-label="${label}"] text, g[aria-label="${label}"] title`)].map(
    (t) => t.textContent
  );

describe("LossChart(rows, {batchLosses, width, height, epochs, references})", () => {
  it(
    "draws train and valid loss at the end of each epoch, batch losses leading up, " + "and a labelled reference",
    async () => {
      const chart = LossChart(rows, {
        batchLosses: [
          {x: 0.5, loss: 1.1},
          {x: 2.5, loss: 0.7}
        ],
        width: 320,
        height: 160,
        epochs: 4,
        references: [{label: "noise floor", mse: 0.6}]
      });
      expect(texts(chart, "y-axis label")).toEqual(["↑ MSE"]);
      expect(texts(chart, "x-axis label")).toEqual(["Epochs trained →"]);
      expect(texts(chart, "x-axis tick label")).toEqual(["0", "1", "2", "3", "4"]);
      expect(texts(chart, "text")).toEqual(["noise floor 0.600"]);
      expect(chart.querySelectorAll('g[aria-label="rule"] line')).toHaveLength(1);
      expect(texts(chart, "dot")).toEqual([
        "train_loss after epoch 0: 0.9500",
        "valid_loss after epoch 0: 0.9000",
        "train_loss after epoch 1: 0.8000",
        "valid_loss after epoch 1: 0.8500"
      ]);
      // A line through each series' epoch losses, the two batch losses as small dots, and a legend naming all three.
      expect(chart.querySelectorAll('g[aria-label="line"] path')).toHaveLength(2);
      const [batches] = chart.querySelectorAll('g[aria-label="dot"]');
      expect([...batches.querySelectorAll("circle")].map((c) => c.getAttribute("r"))).toEqual(["1", "1"]);
      expect([...chart.querySelectorAll('[class$="-swatch"]')].map((s) => s.textContent)).toEqual([
        "batch loss",
        "train_loss",
        "valid_loss"
      ]);
      await expect(plotHtml(chart)).toMatchFileSnapshot("__snapshots__/LossChart.html");
    }
  );

  it("places epoch e's losses at x = e + 1, titled with the epoch they follow", () => {
    const chart = LossChart(rows, {width: 320, height: 160});
    expect(texts(chart, "dot")).toEqual([
      "train_loss after epoch 0: 0.9500",
      "valid_loss after epoch 0: 0.9000",
      "train_loss after epoch 1: 0.8000",
      "valid_loss after epoch 1: 0.8500"
    ]);
    expect(texts(chart, "x-axis tick label")).toEqual(["0", "1", "2"]);
  });

  it("spans the planned epochs, or the latest batch past them, with at most about ten ticks", () => {
    expect(texts(LossChart([], {epochs: 3}), "x-axis tick label")).toEqual(["0", "1", "2", "3"]);
    expect(texts(LossChart([], {epochs: 3, batchLosses: [{x: 4.2, loss: 1}]}), "x-axis tick label")).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4"
    ]);
    expect(texts(LossChart([], {epochs: 25}), "x-axis tick label")).toEqual([
      "0",
      "3",
      "6",
      "9",
      "12",
      "15",
      "18",
      "21",
      "24"
    ]);
  });

  it("labels each reference with its level, and draws none when there are none", () => {
    const chart = LossChart(rows, {references: [{label: "oracle", mse: 0.61234}]});
    expect(texts(chart, "text")).toEqual(["oracle 0.612"]);
    expect(LossChart(rows).querySelector('g[aria-label="rule"] line')).toBeNull();
  });
});
