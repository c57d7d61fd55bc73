// The format fixtures the readers are tested on, written into test/fixtures/ before the tests run (globalSetup.ts):
// tiny files in each MovieLens release's format, invented (users, ids, titles, stars, dates and genres), with every
// format feature the readers handle: CRLF line ends (movies.dat), Latin-1 titles (u.item), quoted CSV fields with
// commas and quotes, a title with no year, a year range, no genres, and ML-100K's "unknown" movie. They are generated
// rather than committed, as u.genre is (uGenre.ts): no file named as a MovieLens file is tracked, since the licence
// forbids redistributing MovieLens itself.

/** One fixture: its text, and the encoding its bytes are in. */
interface Fixture {
  text: string;
  encoding: "utf8" | "latin1";
}

/** The fixtures by path under test/fixtures/. */
export const FORMAT_FIXTURES: Record<string, Fixture> = {
  "ml-100k/u.data": {
    encoding: "utf8",
    text:
      "31\t246\t3\t887000949\n" +
      "8\t309\t4\t887000742\n" +
      "57\t381\t1\t887000116\n" +
      "12\t55\t2\t887000923\n" +
      "40\t350\t1\t887000596\n" +
      "31\t4\t5\t887001001\n"
  },
  "ml-100k/u.item": {
    encoding: "latin1",
    text:
      "4|Paper Lanterns (1995)|01-Jan-1995||http://example.org/movie|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n" +
      "55|Songs of the Ridge (1994)|01-Jan-1994||http://example.org/movie|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|1|1\n" +
      "246|Vanya (1996)|14-Mar-1997||http://example.org/movie|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n" +
      "270|unknown||||1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n" +
      "309|N.Y. Ledger (1997)|01-Jan-1997||http://example.org/movie|0|0|0|0|0|0|1|0|0|0|1|0|0|1|0|0|1|0|0\n" +
      "350|Nellie Grey (1997)|01-Jan-1997||http://example.org/movie|0|0|0|0|0|0|1|0|1|0|0|0|0|0|0|0|0|0|0\n" +
      "381|Lightfoots (1994)|01-Jan-1994||http://example.org/movie|0|0|0|0|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n" +
      "1306|'Til the Tide Turns (1997)|30-May-1997||http://example.org/movie|0|0|0|0|0|0|0|0|1|0|0|0|0|0|1|0|0|0|0\n" +
      "1363|Célibataires, Les (1995)|01-Jan-1995||http://example.org/movie|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0\n"
  },
  "ml-latest-small/movies.csv": {
    encoding: "utf8",
    text:
      "movieId,title,genres\n" +
      "1,Paper Lanterns (1995),Animation|Comedy\n" +
      "4,Grumpy Old Keepers (1995),Comedy|Romance\n" +
      '12,"Long Parliament, The (1995)",Comedy|Drama\n' +
      '26590,"Tenfold, The (Dziesiec) (1989)",Crime|Drama\n' +
      "40701,Station 9,Sci-Fi\n" +
      '149340,"""Grand Stages"" Dogs (1998)",Musical\n' +
      "171755,Night Ledger: Yoru nôto (2006–2007),(no genres listed)\n"
  },
  "ml-latest-small/ratings.csv": {
    encoding: "utf8",
    text:
      "userId,movieId,rating,timestamp\n" +
      "1,1,3.5,960000703\n" +
      "1,4,4.0,960000247\n" +
      "1,12,2.5,960000224\n" +
      "2,26590,5.0,1440000835\n" +
      "2,40701,0.5,1440000990\n" +
      "3,149340,3.5,1300000578\n" +
      "3,171755,4.5,1300001000\n"
  },
  "movies.dat": {
    encoding: "utf8",
    text:
      "1::Paper Lanterns (1996)::Animation|Comedy|Fantasy\r\n" +
      "2::Copper Canyon (1993)::Adventure|Western\r\n" +
      "32::Seven Clocks (a.k.a. 7 Clocks) (1998)::Mystery|Sci-Fi\r\n" +
      "50::Quiet Harbour, The (1991)::Crime|Drama\r\n" +
      "8606::Hold My Lantern (1958)::(no genres listed)\r\n"
  },
  "ratings.dat": {
    encoding: "utf8",
    text:
      "1::124::4::900000046\n" +
      "1::186::2.5::900000525\n" +
      "1::233::5::900000392\n" +
      "2::1::3.5::1200000171\n" +
      "2::2::0.5::1200000200\n"
  }
};

/** A fixture's bytes, as the file holds them. */
export function fixtureBytes(path: string): Uint8Array {
  const f = FORMAT_FIXTURES[path];
  if (!f) throw new Error(`No format fixture ${path}`);
  return new Uint8Array(Buffer.from(f.text, f.encoding));
}
