/**
 * Two tastes: users 0–3 rate movies 0–2, users 4–7 rate movies 3–5 (user 0 did not rate movie 2); movie 6 is rated by
 * nobody. Who rated what, for the iALS tests.
 */
export const TWO_TASTES = (() => {
  const user: number[] = [],
    movie: number[] = [];
  for (let u = 0; u < 8; ++u)
    for (let m = 0; m < 3; ++m)
      if (!(u === 0 && m === 2)) {
        user.push(u);
        movie.push(m + (u < 4 ? 0 : 3));
      }
  return {user, movie};
})();

/** The demo user's ratings (a synthetic set's myRatings) by movie index in `movieIds`, in stars. */
export function demoRatings(
  movieIds: ArrayLike<number>,
  myRatings: {movieId: ArrayLike<number>; rating2: ArrayLike<number>}
): {movie: number; rating: number}[] {
  const index = new Map(Array.from(movieIds, (id, i) => [id, i]));
  return Array.from(myRatings.movieId, (id, i) => ({movie: index.get(id)!, rating: myRatings.rating2[i] / 2}));
}
