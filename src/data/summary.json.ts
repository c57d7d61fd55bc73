// What the pages say about the dataset: its name, counts, sparsity, and the last ratings.
import {MY_USER_ID} from "../components/parseRatings.js";
import {resolveDataset} from "./dataset.js";
import {log, runLoader} from "./log.js";
import {readDataset} from "./readDataset.js";

const LAST = 10;

await runLoader(async () => {
  // 1. Find and parse the dataset.
  const dataset = await resolveDataset({log});
  const {movies, ratings, rows} = await readDataset(dataset, log);
  const {user, movie, rating2, timestamp, userIds, movieIds} = ratings;
  // 2. Count users, movies and ratings; sparsity is the share of the user × movie matrix left empty.
  const n = rating2.length;
  const rated = new Uint8Array(movies.length);
  for (let i = 0; i < n; ++i) rated[movie[i]] = 1;
  const ratedMovies = rated.reduce((a, b) => a + b, 0);
  const myIndex = userIds.indexOf(MY_USER_ID);
  // 3. The last rows, as `ratings.tail()` showed them: my ratings come last because they were appended.
  const last = Array.from({length: Math.min(LAST, n)}, (_, k) => n - Math.min(LAST, n) + k).map((i) => ({
    userId: userIds[user[i]],
    movieId: movieIds[movie[i]],
    title: movies[movie[i]].title,
    rating: rating2[i] / 2,
    timestamp: timestamp[i]
  }));
  // 4. My ratings as the build has them (from my_ratings.dat), the starting point of the Rate movies page.
  const myRatings = [];
  for (let i = 0; myIndex >= 0 && i < n; ++i) {
    if (user[i] === myIndex) myRatings.push({movieId: movieIds[movie[i]], rating: rating2[i] / 2, timestamp: timestamp[i]});
  }
  return JSON.stringify({
    dataset: {kind: dataset.kind, origin: dataset.origin, name: dataset.name, banner: dataset.banner, synthetic: dataset.synthetic},
    counts: {users: userIds.length, movies: movies.length, ratedMovies, ratings: n, myRatings: myRatings.length},
    rows,
    report: ratings.report,
    sparsity: 1 - n / (userIds.length * movies.length),
    lastRatings: last,
    myRatings
  });
});
