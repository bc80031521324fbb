// Child of bench/overrides-parse.ts: parse one 50,000-key dict override with plain Node against
// dist/ (no tsx), next to a list of the same length and token count parsed in the same process.
// Prints JSON: the first (cold) parse and the best of 5 of each, in milliseconds.
import { parseOverride } from '../dist/overrides/index.js';

const KEYS = Number(process.argv[2] ?? 50_000);
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

const firstDict = timed(dict);
const firstList = timed(list);
let bestDict = Infinity;
let bestList = Infinity;
for (let i = 0; i < 5; i++) {
  bestDict = Math.min(bestDict, timed(dict));
  bestList = Math.min(bestList, timed(list));
}
console.log(JSON.stringify({ keys: KEYS, chars: dict.length, firstDict, firstList, bestDict, bestList }));
