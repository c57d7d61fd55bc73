import {strToU8, zipSync} from "fflate";
import {describe, expect, it} from "vitest";
import type {ImportEvent} from "../../src/components/movielens/importWorker.js";
import {runImport} from "../../src/components/movielens/importWorker.js";
import {decodeRatingsFile} from "../../src/components/movielens/ratingsFile.js";

const MOVIES = "1::Toy Story (1995)::Animation\n2::Jumanji (1995)::Adventure\n";
// ~9 MB of ratings: bare, that is three 4 MB parser slices.
const RATINGS = strToU8(
  Array.from(
    {length: 400_000},
    (_, i) => `${1 + (i % 500)}::${1 + (i % 2)}::${1 + (i % 5)}::${1_000_000_000 + i}\n`
  ).join("")
);
const buffer = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

async function events(
  request: Parameters<typeof runImport>[0],
  clock: () => number
): Promise<{event: ImportEvent; transfer?: Transferable[]}[]> {
  const posted: {event: ImportEvent; transfer?: Transferable[]}[] = [];
  await runImport(request, (event, transfer) => posted.push({event, transfer}), clock);
  return posted;
}

describe("runImport(request, post, now)", () => {
  it("posts throttled progress, then the artifacts with the ratings file's buffer transferred", async () => {
    const files = [
      {name: "movies.dat", bytes: buffer(strToU8(MOVIES))},
      {name: "ratings.dat", bytes: buffer(RATINGS)}
    ];
    let t = 0;
    const posted = await events({type: "import", files}, () => (t += 10)); // 10 ms between reports: most are dropped
    const progress = posted.filter((p) => p.event.type === "progress").map((p) => p.event);
    // Each stage's first and last reports get through; the ratings slice in between, 10 ms later, does not.
    expect(
      progress.filter((e) => e.type === "progress" && e.stage === "ratings").map((e) => e.type === "progress" && e.done)
    ).toEqual([1 << 22, RATINGS.length]);
    const done = posted.at(-1)!;
    expect(done.event.type).toBe("done");
    if (done.event.type !== "done") return;
    expect(done.transfer).toEqual([done.event.artifacts.ratingsFile.buffer]);
    // Each user rates one movie again and again; indexing keeps the last rating of each pair.
    expect(decodeRatingsFile(done.event.artifacts.ratingsFile.buffer as ArrayBuffer).rating2.length).toBe(500);
    expect(done.event.artifacts.summary.counts).toMatchObject({users: 500, movies: 2, ratings: 500});
    expect(done.event.seconds).toBeGreaterThan(0);
  });

  it("posts every report when they are far enough apart", async () => {
    const files = [
      {name: "movies.dat", bytes: buffer(strToU8(MOVIES))},
      {name: "ratings.dat", bytes: buffer(RATINGS)}
    ];
    let t = 0;
    const posted = await events({type: "import", files}, () => (t += 1000));
    expect(posted.filter((p) => p.event.type === "progress" && p.event.stage === "ratings")).toHaveLength(3);
  });

  it("appends myRatings, and posts one error message on a bad zip, with nothing else", async () => {
    const zip = zipSync({"ml-10M100K": {"movies.dat": strToU8(MOVIES), "ratings.dat": strToU8("1::1::5::1\n")}});
    const ok = await events(
      {
        type: "import",
        files: [{name: "ml-10m.zip", bytes: buffer(zip)}],
        myRatings: buffer(strToU8("99999::2::4::5\n"))
      },
      () => 0
    );
    const done = ok.at(-1)!.event;
    expect(done.type === "done" && done.artifacts.summary.myRatings).toEqual([{movieId: 2, rating: 4, timestamp: 5}]);
    const bad = zipSync({"ml-10M100K": {"movies.dat": strToU8(MOVIES)}});
    const failed = await events({type: "import", files: [{name: "ml-10m.zip", bytes: buffer(bad)}]}, () => 0);
    expect(failed.map((p) => p.event)).toEqual([
      {
        type: "error",
        message: expect.stringMatching(/^ml-10m\.zip lacks ratings\.dat; it has: ml-10M100K\/movies\.dat\./)
      }
    ]);
  });
});
