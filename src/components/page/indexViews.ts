import {html} from "htl";
import type {DatasetSummary} from "../movielens/datasetArtifacts.js";
import {NoData, hasNoData} from "../ui/NoData.js";

const count = (n: number) => n.toLocaleString("en-US");

/**
 * The dataset in four cards (ratings, users, movies, and my ratings as the build read them from my_ratings.dat: the
 * ones given in this browser are on Rate movies) and how full the user × movie matrix is.
 */
export function DatasetCards(summary: Pick<DatasetSummary, "counts" | "sparsity">): HTMLElement {
  if (hasNoData(summary)) return NoData("to see how many ratings, users and movies it holds");
  const {counts, sparsity} = summary;
  return html`<div>
    <div class="grid grid-cols-4">
      <div class="card"><h2>Ratings</h2><span class="big">${count(counts.ratings)}</span></div>
      <div class="card"><h2>Users</h2><span class="big">${count(counts.users)}</span></div>
      <div class="card"><h2>Movies</h2><span class="big">${count(counts.movies)}</span></div>
      <div class="card">
        <h2>My ratings in <code>my_ratings.dat</code></h2>
        <span class="big">${count(counts.myRatings)}</span>
      </div>
    </div>
    <p>The ratings fill ${(100 * (1 - sparsity)).toFixed(2)}% of the user × movie matrix; the rest is what a recommender
    must guess.</p>
  </div>`;
}

/**
 * How to bring real data, in the words of whoever reads it: a visitor to a published site has no command line, so
 * they load a release from their computer; whoever built the site fetches it or points MOVIELENS_DIR at it.
 */
export function RealDataHint(summary: Pick<DatasetSummary, "dataset">): HTMLElement {
  return summary.dataset.published
    ? html`<span
        >To use real ratings, load a MovieLens release from your computer at the top of this page: it is read in your
        browser and stays on your computer.</span
      >`
    : html`<span
        >To use the real data, run <code>npm run data:fetch</code> and reload, or point <code>MOVIELENS_DIR</code> at a
        folder that holds any MovieLens release, from ML-100K's <code>u.data</code> to ML-32M's <code>ratings.csv</code>
        (the banner above names which, by its counts).</span
      >`;
}
