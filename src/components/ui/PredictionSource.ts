import type {PersonalPredictions} from "../model/personalPredictions.js";
import {Note} from "./Note.js";

/**
 * Where my predictions come from, in words: the model's own row for me as trained (class "prediction-source exact"),
 * or a fold-in of my factors when my ratings changed since (class "prediction-source approximate", with the number of
 * changes and the milliseconds it took). See personalPredictions.
 */
export function PredictionSource(
  personal: Pick<PersonalPredictions, "approximate" | "changed" | "used" | "ms"> & {rated?: readonly unknown[]}
): HTMLParagraphElement {
  const text = personal.approximate
    ? `Approximate: my ratings changed since this model was trained (${personal.changed} ` +
      `${personal.changed === 1 ? "change" : "changes"}), so my factors were refitted to ` +
      `${personal.rated ? `my ${personal.rated.length} ratings` : "them"} in ` +
      `${personal.ms.toFixed(0)} ms with the movies held fixed (a fold-in). Retrain for exact recommendations.`
    : personal.used === null
      ? "From the model's own row for me, as trained; this checkpoint does not record which " +
        "of my ratings it was trained on."
      : `From the model as trained on my ${personal.used} ratings.`;
  return Note(text, {className: `prediction-source ${personal.approximate ? "approximate" : "exact"}`});
}
