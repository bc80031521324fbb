// Parse throughput over the whole conformance corpus, repeated, next to Hydra 1.3's ANTLR parser;
// then one 50,000-key dict parsed by plain Node against dist/ (bench/dict-parse.mjs).
// Run: npm run build && npx tsx bench/overrides-parse.ts
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { OverrideParseError, parseOverride } from '../src/overrides/index.js';

const HYDRA_OVERRIDES_PER_S = 6_400; // measured with the real Hydra 1.3 on the same corpus (issue 3)
const TARGET_OVERRIDES_PER_S = 320_000;
const TARGET_DICT_MS = 50; // a 50,000-key dict (issue 11); it took 16.5 s while keys were compared pairwise

interface Case { input: string }
const root = fileURLToPath(new URL('../test/fixtures/conformance/', import.meta.url));
const overrides = (JSON.parse(readFileSync(`${root}hydra-overrides.json`, 'utf8')) as Case[]).map((c) => c.input);
const sweeps = (JSON.parse(readFileSync(`${root}hydra-sweeps.json`, 'utf8')) as { args: string[] }[]).flatMap((c) => c.args);
const corpus = [...overrides, ...sweeps];

function parseAll(): number {
  let ok = 0;
  for (const text of corpus) {
    try {
      parseOverride(text, { random: () => 0.5 });
      ok++;
    } catch (error) {
      if (!(error instanceof OverrideParseError)) throw error;
    }
  }
  return ok;
}

/** Same-run baseline: the cheapest thing a parser must at least do — split on '=' and scan every character. */
function baselineAll(): number {
  let n = 0;
  for (const text of corpus) {
    const eq = text.indexOf('=');
    for (let i = eq + 1; i < text.length; i++) n += text.charCodeAt(i) & 1;
  }
  return n;
}

/** Overrides per second of one timed round of at least `minMs`. */
function round(fn: () => number, minMs: number): number {
  let rounds = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    fn();
    rounds++;
    elapsed = performance.now() - start;
  }
  return (rounds * corpus.length) / (elapsed / 1000);
}

// Warm up the JIT, then alternate short rounds of both and keep each one's best:
// on a shared, busy machine the best round is the one least disturbed by others.
for (let i = 0; i < 200; i++) {
  parseAll();
  baselineAll();
}
let ours = 0;
let baseline = 0;
const ROUNDS = 15;
for (let i = 0; i < ROUNDS; i++) {
  ours = Math.max(ours, round(parseAll, 200));
  baseline = Math.max(baseline, round(baselineAll, 50));
}
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
console.log(`best of ${ROUNDS} alternating rounds; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
console.log(`corpus: ${corpus.length} overrides (hydra-overrides.json inputs + hydra-sweeps.json args), accepted and rejected`);
console.log(`spectramind parseOverride : ${fmt(ours)} overrides/s`);
console.log(`Hydra 1.3 ANTLR parser    : ${fmt(HYDRA_OVERRIDES_PER_S)} overrides/s (reference figure)`);
console.log(`ratio vs Hydra            : ${(ours / HYDRA_OVERRIDES_PER_S).toFixed(1)}x (target >= 50x, ${fmt(TARGET_OVERRIDES_PER_S)}/s) ${ours >= TARGET_OVERRIDES_PER_S ? 'MET' : 'NOT MET'}`);
console.log(`same-run baseline (split on '=' + char scan): ${fmt(baseline)} overrides/s; parse costs ${(baseline / ours).toFixed(1)}x the baseline`);

interface DictFigures { keys: number; chars: number; rounds: number; firstDict: number; firstList: number; bestDict: number; bestList: number; medianDict: number; medianList: number }
const script = fileURLToPath(new URL('./dict-parse.mjs', import.meta.url));
const dict = JSON.parse(execFileSync(process.execPath, [script, '50000'], { encoding: 'utf8' })) as DictFigures;
console.log(`50,000-key dict (${fmt(dict.chars)} chars), plain node against dist/: best of ${dict.rounds} ${dict.bestDict.toFixed(1)} ms, median ${dict.medianDict.toFixed(1)} ms (target < ${TARGET_DICT_MS} ms) ${dict.bestDict < TARGET_DICT_MS ? 'MET' : 'NOT MET'}; first parse ${dict.firstDict.toFixed(1)} ms`);
console.log(`same-run baseline, a list of the same length and token count: best ${dict.bestList.toFixed(1)} ms, median ${dict.medianList.toFixed(1)} ms, first ${dict.firstList.toFixed(1)} ms; the dict costs ${(dict.medianDict / dict.medianList).toFixed(2)}x the list (medians)`);
