// Child of bench/overrides-parse.ts, and runnable alone: parse one 50,000-key dict override with
// plain Node against dist/ (no tsx), next to its baseline, a list of the same length and token
// count parsed in the same process (rounds alternate). Prints JSON: the first (cold) parse of
// each, then the best and the median of ROUNDS warm rounds, in milliseconds, the dict/list
// ratio of the medians, and whether the target (issue 11: best dict < 50 ms) is met.
import { parseOverride } from '../dist/overrides/index.js';

const KEYS = Number(process.argv[2] ?? 50_000);
const ROUNDS = Number(process.argv[3] ?? 15);
const TARGET_MS = 50;
const items = (item) => Array.from({ length: KEYS }, (_, i) => item(i)).join(',');
const dict = `x={${items((i) => `k${i}: ${i}`)}}`;
const list = `x=[${items((i) => `k${i}, ${i}`)}]`;

function timed(text) {
  const start = performance.now();
  const parsed = parseOverride(text);
  const ms = performance.now() - start;
  const size = parsed.value.kind === 'dict' ? parsed.value.entries.length : parsed.value.items.length / 2;
  if (size !== KEYS) throw new Error(`parsed ${size} entries, expected ${KEYS}`);
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round2 = (ms) => Math.round(ms * 100) / 100;

const firstDict = timed(dict);
const firstList = timed(list);
const dicts = [];
const lists = [];
for (let i = 0; i < ROUNDS; i++) {
  // the order flips every round, so neither side always parses on the other's garbage
  if (i % 2 === 0) {
    dicts.push(timed(dict));
    lists.push(timed(list));
  } else {
    lists.push(timed(list));
    dicts.push(timed(dict));
  }
}
const bestDict = Math.min(...dicts);
console.log(
  JSON.stringify({
    keys: KEYS,
    chars: dict.length,
    rounds: ROUNDS,
    firstDict: round2(firstDict),
    firstList: round2(firstList),
    bestDict: round2(bestDict),
    bestList: round2(Math.min(...lists)),
    medianDict: round2(median(dicts)),
    medianList: round2(median(lists)),
    dictToList: round2(median(dicts) / median(lists)),
    target: `best dict < ${TARGET_MS} ms: ${bestDict < TARGET_MS ? 'met' : 'NOT met'}`,
  }),
);
