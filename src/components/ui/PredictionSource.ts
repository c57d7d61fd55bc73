import type {PersonalPredictions} from "../model/personalPredictions.js";
import {Note} from "./Note.js";

/**
 * Where my predictions come from, in words: my factors are always fitted to my current ratings with the movies held
 * fixed (a fold-in, personalPredictions); the note says how many ratings that is and whether the model was trained on
 * them (class "prediction-source exact"), or how many changed since and how long the refit took (class
 * "prediction-source approximate").
 */
export function PredictionSource(
  personal: Pick<PersonalPredictions, "approximate" | "changed" | "used" | "ms"> & {rated?: readonly unknown[]}
): HTMLParagraphElement {
  const count = personal.rated?.length ?? personal.used;
  const mine = count === null ? "my ratings" : `my ${count} ${count === 1 ? "rating" : "ratings"}`;
  const text = personal.approximate
    ? `Approximate: my ratings changed since this model was trained (${personal.changed} ` +
      `${personal.changed === 1 ? "change" : "changes"}), so my factors were refitted to ${mine} in ` +
      `${personal.ms.toFixed(0)} ms with the movies held fixed (a fold-in). Retrain to let the movies learn from ` +
      `them too.`
    : personal.used === null
      ? `My factors are fitted to ${mine} with the model's movies held fixed; this checkpoint does not record ` +
        `which of my ratings it was trained on.`
      : `From the model as trained on ${mine}, my factors fitted to them with the movies held fixed.`;
  return Note(text, {className: `prediction-source ${personal.approximate ? "approximate" : "exact"}`});
}
