import * as Plot from "@observablehq/plot";
import {plotGroups} from "./plotGroups.js";
import type {EpochRow} from "../engine/trainProtocol.js";

/** A level to read the losses against, drawn as a dashed line: the noise floor of a synthetic set, say. */
export interface LossReference {
  label: string;
  mse: number;
}

/**
 * Train and valid loss by epoch, as they arrive; recent batch losses show the current epoch's progress. The x axis
 * counts epochs trained, so the epoch table's epoch 0 (fastai counts from 0) is drawn at 1. Epoch rows
 * are drawn at the end of their epoch (x = epoch + 1), so the batch losses lead up to them. References are dashed
 * horizontal lines, labelled at their right end.
 */
export function LossChart(
  rows: readonly EpochRow[],
  {
    batchLosses = [],
    width = 640,
    height = 280,
    epochs,
    references = []
  }: {
    batchLosses?: readonly {x: number; loss: number}[];
    width?: number;
    height?: number;
    epochs?: number;
    references?: readonly LossReference[];
  } = {}
): SVGSVGElement | HTMLElement {
  const points = rows.flatMap((r) => [
    {x: r.epoch + 1, loss: r.trainLoss, series: "train_loss"},
    {x: r.epoch + 1, loss: r.validLoss, series: "valid_loss"}
  ]);
  const maxX = Math.max(epochs ?? 1, ...points.map((d) => d.x), ...batchLosses.map((d) => d.x));
  return plotGroups(
    Plot.plot({
      width,
      height,
      marginLeft: 50,
      x: {
        label: "Epochs trained",
        domain: [0, maxX],
        ticks: Array.from({length: Math.floor(maxX) + 1}, (_, i) => i).filter(
          (i) => maxX <= 10 || i % Math.ceil(maxX / 10) === 0
        ),
        tickFormat: "d"
      },
      y: {label: "MSE", grid: true, zero: false},
      color: {
        domain: ["batch loss", "train_loss", "valid_loss"],
        range: ["#ccc", "var(--theme-foreground-focus)", "#e15759"],
        legend: true
      },
      marginRight: references.length ? 110 : 20,
      marks: [
        Plot.ruleY(references, {y: "mse", stroke: "currentColor", strokeOpacity: 0.5, strokeDasharray: "4,3"}),
        Plot.text(references, {
          x: maxX,
          y: "mse",
          text: (d) => `${d.label} ${d.mse.toFixed(3)}`,
          textAnchor: "start",
          dx: 6,
          fill: "currentColor"
        }),
        Plot.dot(batchLosses, {x: "x", y: "loss", r: 1, fill: () => "batch loss"}),
        Plot.line(points, {x: "x", y: "loss", stroke: "series", z: "series"}),
        Plot.dot(points, {
          x: "x",
          y: "loss",
          fill: "series",
          r: 3,
          title: (d) => `${d.series} after epoch ${d.x - 1}: ${d.loss.toFixed(4)}`
        })
      ]
    })
  );
}
