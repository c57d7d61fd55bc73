import type {Random} from "../random.js";

// Word lists for titles that read like real ones. A few words carry accents so that every consumer of the synthetic
// files has to get UTF-8 right, as MovieLens itself requires ("Amélie (2001)", "Café au Lait (1993)").
const ADJECTIVES = [
  "Silent",
  "Iron",
  "Broken",
  "Golden",
  "Hidden",
  "Last",
  "Lost",
  "Dark",
  "Wild",
  "Crimson",
  "Forgotten",
  "Secret",
  "Long",
  "Cold",
  "Burning",
  "Quiet",
  "Distant",
  "Electric",
  "Frozen",
  "Hollow",
  "Endless",
  "Savage",
  "Sweet",
  "Bitter",
  "Restless",
  "Little",
  "Big",
  "Lonely",
  "Naked",
  "Dangerous",
  "Invisible",
  "Eternal",
  "Black",
  "White",
  "Blue",
  "Red",
  "Green",
  "Scarlet",
  "Silver",
  "Midnight",
  "Perfect",
  "Fatal",
  "Final",
  "Holy",
  "Strange",
  "Young",
  "Wicked",
  "Shattered",
  "Sleeping",
  "Falling",
  "Rising",
  "Northern",
  "Southern",
  "Western",
  "Lucky",
  "Crazy",
  "Gentle",
  "Brave",
  "Fearless",
  "Naïve",
  "Painted",
  "Velvet",
  "Stolen",
  "Deadly",
  "Reckless",
  "Hungry",
  "Blind"
];
const NOUNS = [
  "River",
  "Giant",
  "Stranger",
  "Road",
  "Heart",
  "Dream",
  "City",
  "Island",
  "Garden",
  "Kingdom",
  "Shadow",
  "Storm",
  "Mirror",
  "Journey",
  "Promise",
  "Wedding",
  "Summer",
  "Winter",
  "Night",
  "Horizon",
  "Frontier",
  "Witness",
  "Hunter",
  "Soldier",
  "Angel",
  "Devil",
  "Detective",
  "Prince",
  "Princess",
  "Thief",
  "Lover",
  "Ghost",
  "Machine",
  "Planet",
  "Empire",
  "Castle",
  "Forest",
  "Ocean",
  "Desert",
  "Valley",
  "Mountain",
  "Train",
  "Letter",
  "Secret",
  "Song",
  "Dance",
  "Game",
  "Voyage",
  "Affair",
  "Legacy",
  "Conspiracy",
  "Mission",
  "Hotel",
  "Highway",
  "Harbor",
  "Circus",
  "Orchestra",
  "Rebel",
  "Outlaw",
  "Sheriff",
  "Gunfighter",
  "Spy",
  "Robot",
  "Dragon",
  "Wolf",
  "Tiger",
  "Falcon",
  "Sparrow",
  "Moon",
  "Sun",
  "Star",
  "Tide",
  "Flame",
  "Crown",
  "Sword",
  "Key",
  "Door",
  "Window",
  "Bridge",
  "Tower",
  "Café",
  "Señorita",
  "Fiancée",
  "Rendezvous",
  "Matador",
  "Piñata",
  "Soirée",
  "Façade",
  "Diva",
  "Boxer",
  "Nanny"
];
const FIRST_WORDS = [
  "Midnight",
  "Summer",
  "Winter",
  "Blood",
  "Dragon",
  "Shadow",
  "Desert",
  "Paper",
  "Glass",
  "Star",
  "Moon",
  "Sun",
  "Thunder",
  "Silver",
  "Diamond",
  "Velvet",
  "Steel",
  "Neon",
  "Harbor",
  "Jungle",
  "Prairie",
  "Ghost",
  "Killer",
  "Dream",
  "Love",
  "Heart",
  "Fire",
  "Ice",
  "Night",
  "Morning",
  "Island",
  "Border",
  "River",
  "Street",
  "Pirate"
];
const SECOND_WORDS = [
  "Express",
  "Run",
  "Song",
  "Heart",
  "Story",
  "Fever",
  "Blues",
  "Games",
  "Dreams",
  "Hunter",
  "Crossing",
  "Rain",
  "Kiss",
  "Cowboy",
  "Lullaby",
  "Hour",
  "Squad",
  "Rider",
  "Justice",
  "Paradise",
  "Heat",
  "Road",
  "Tales",
  "Lights",
  "Wars",
  "Bride",
  "Girl",
  "Boy",
  "Empire",
  "Patrol",
  "Syndrome",
  "Protocol",
  "Diaries",
  "Sessions",
  "Confidential"
];
const PLACES = [
  "Paris",
  "Rome",
  "Tokyo",
  "Berlin",
  "Vienna",
  "Havana",
  "Casablanca",
  "Manhattan",
  "Brooklyn",
  "Chicago",
  "Texas",
  "Alaska",
  "Venice",
  "Lisbon",
  "Moscow",
  "Shanghai",
  "Bombay",
  "Cairo",
  "Dublin",
  "London",
  "Hollywood",
  "Vegas",
  "Montréal",
  "Zürich",
  "São Paulo",
  "Málaga",
  "Kraków",
  "Reykjavík",
  "Córdoba",
  "Bogotá",
  "Genève",
  "Nîmes"
];
const NAMES = [
  "Amélie",
  "Zoë",
  "Renée",
  "José",
  "Björn",
  "Inés",
  "Søren",
  "Chloé",
  "Raphaël",
  "Noémie",
  "Anna",
  "Max",
  "Lola",
  "Jack",
  "Eddie",
  "Rosa",
  "Marty",
  "Harry",
  "Sally",
  "Frances",
  "Vincent",
  "Carmen",
  "Otto",
  "Mildred",
  "Oscar",
  "Jules",
  "Ruby",
  "Sam",
  "Nora",
  "Hugo",
  "Iris",
  "Felix",
  "Vera",
  "Leo",
  "Daisy",
  "Walter",
  "Greta",
  "Tom"
];
const OPENERS = [
  "Return",
  "Revenge",
  "Rise",
  "Fall",
  "Curse",
  "Legend",
  "Secret",
  "Night",
  "Ballad",
  "Last Days",
  "Attack",
  "Bride",
  "Song",
  "Mystery",
  "Children"
];
const WANDERERS = [
  "Lost",
  "Sleepless",
  "Alone",
  "Dancing",
  "Trouble",
  "Murder",
  "Midnight",
  "Stranger",
  "Love",
  "Hiding",
  "Summer",
  "Nights"
];
const SEQUELS = [" II", " III", " IV", " V"];
const NUMBERED = [" 2", " 3", " 4", " 5"];

interface Stem {
  article: "" | "The" | "A" | "An";
  stem: string;
}

function pick<T>(random: Random, list: readonly T[]): T {
  return list[random.int(list.length)];
}

function indefinite(word: string): "A" | "An" {
  return /^[AEIOU]/.test(word) ? "An" : "A";
}

function makeStem(random: Random): Stem {
  const u = random();
  if (u < 0.2) return {article: "The", stem: `${pick(random, ADJECTIVES)} ${pick(random, NOUNS)}`};
  if (u < 0.36) return {article: "", stem: `${pick(random, FIRST_WORDS)} ${pick(random, SECOND_WORDS)}`};
  if (u < 0.46) {
    const noun = pick(random, NOUNS);
    return {article: indefinite(noun), stem: `${noun} in ${pick(random, PLACES)}`};
  }
  if (u < 0.56)
    return {article: "", stem: `${pick(random, OPENERS)} of the ${pick(random, ADJECTIVES)} ${pick(random, NOUNS)}`};
  if (u < 0.64) return {article: "", stem: `${pick(random, WANDERERS)} in ${pick(random, PLACES)}`};
  if (u < 0.71) return {article: "The", stem: `${pick(random, NOUNS)} and the ${pick(random, NOUNS)}`};
  if (u < 0.78) return {article: "", stem: `${pick(random, ADJECTIVES)} ${pick(random, NOUNS)}s`};
  if (u < 0.84) return {article: "", stem: `${pick(random, NAMES)}'s ${pick(random, NOUNS)}`};
  if (u < 0.89) return {article: "", stem: `${pick(random, PLACES)} ${pick(random, SECOND_WORDS)}`};
  if (u < 0.93) return {article: "", stem: `${pick(random, NAMES)} and ${pick(random, NAMES)}`};
  if (u < 0.96)
    return {article: "", stem: `${pick(random, NOUNS)}: ${pick(random, OPENERS)} of the ${pick(random, NOUNS)}`};
  return {article: "", stem: pick(random, u < 0.98 ? NAMES : NOUNS)};
}

// MovieLens moves a leading article to the end ("Matrix, The"); most titles here do the same, a few keep it in front.
function render({article, stem}: Stem, suffix: string, moved: boolean): string {
  if (!article) return stem + suffix;
  return moved ? `${stem}${suffix}, ${article}` : `${article} ${stem}${suffix}`;
}

/**
 * Makes one unique, real-sounding title per movie. Movies are visited in order of release year so that a sequel
 * ("Silent River II, The") always comes out after the film it continues.
 */
export function makeTitles(random: Random, years: ArrayLike<number>): string[] {
  const n = years.length;
  const titles = new Array<string>(n);
  const used = new Set<string>();
  const bases: {stem: Stem; moved: boolean; year: number; sequels: number; numbered: boolean}[] = [];
  const order = Array.from({length: n}, (_, i) => i).sort((a, b) => years[a] - years[b] || a - b);
  for (const i of order) {
    let title = "";
    if (bases.length && random() < 0.04) {
      const base = bases[random.int(bases.length)];
      if (base.year < years[i] && base.sequels < SEQUELS.length) {
        const candidate = render(base.stem, (base.numbered ? NUMBERED : SEQUELS)[base.sequels], base.moved);
        if (!used.has(candidate)) {
          ++base.sequels;
          title = candidate;
        }
      }
    }
    for (let attempt = 0; !title; ++attempt) {
      const stem = makeStem(random);
      // Deep into a large catalog the word lists run short; a subtitle keeps titles unique without looping forever.
      if (attempt > 20) stem.stem += `: ${pick(random, OPENERS)} of the ${pick(random, NOUNS)}`;
      if (attempt > 40) stem.stem += ` ${attempt}`;
      const moved = random() < 0.85;
      const candidate = render(stem, "", moved);
      if (used.has(candidate)) continue;
      title = candidate;
      bases.push({stem, moved, year: years[i], sequels: 0, numbered: random() < 0.3});
    }
    used.add(title);
    titles[i] = title;
  }
  return titles;
}
