// Composition throughput of the SpectraMind example folder, next to Hydra 1.3's figure and a
// baseline measured in the same run (reading and YAML-parsing the same files, nothing else).
// Run: npx tsx bench/compose-spectramind.ts
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { compose, resolveComposed } from '../src/config/compose.js';
import { createComposer } from '../src/config/create-composer.js';
import { createDirectoryConfigSource } from '../src/config/directory-config-source.js';

const HYDRA_COMPOSITIONS_PER_S = 31; // Hydra 1.3 on a small folder, ~32 ms each (issue 4)
const TARGET_COMPOSITIONS_PER_S = 1_000;
const configDir = fileURLToPath(new URL('../examples/spectramind/configs/', import.meta.url));
const launchers = ['basic', 'local', 'slurm', 'kaggle'];
const env = { SPECTRAMIND_DATA: '/data' };

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : name.endsWith('.yaml') ? [path] : [];
  });
}

/** Runs `fn` for about `ms` milliseconds and returns calls per second. */
function once(fn: (i: number) => void, ms: number): number {
  let calls = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    for (let k = 0; k < 20; k++) fn(calls++);
  }
  return calls / ((performance.now() - started) / 1000);
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/** Median rate over interleaved rounds, so a busy machine slows every variant alike. */
function measure(variants: Record<string, (i: number) => void>, ms = 300): Record<string, number> {
  const samples: Record<string, number[]> = {};
  for (const [name, fn] of Object.entries(variants)) {
    for (let i = 0; i < 300; i++) fn(i); // warm up
    samples[name] = [];
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of Object.entries(variants)) samples[name]?.push(once(fn, ms));
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, rates]) => [name, [...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)] as number]),
  );
}

// Each composition of the folder reads about this many files (primary, data, model, trainer, launcher x2).
const files = yamlFiles(configDir);
const perComposition = 6;
const shared = createDirectoryConfigSource(configDir);
const overrides = (i: number): string[] => [`hydra/launcher=${launchers[i % launchers.length]}`, `seed=${i}`, 'model=baseline'];
const composer = createComposer({ source: shared });
const rates = measure({
  composer: (i) => composer.compose({ overrides: overrides(i), env }),
  composerResolved: (i) => resolveComposed(composer.compose({ overrides: overrides(i), env })),
  baselineFiles: (i) => parse(readFileSync(files[i % files.length] as string, 'utf8'), { version: '1.1' }),
  cached: (i) => compose({ source: shared, overrides: overrides(i), env }),
  cachedResolved: (i) => resolveComposed(compose({ source: shared, overrides: overrides(i), env })),
  fresh: (i) => compose({ configDir, overrides: overrides(i), env }),
});
const baseline = (rates['baselineFiles'] as number) / perComposition;
const cached = rates['cached'] as number;
const cachedResolved = rates['cachedResolved'] as number;
const fresh = rates['fresh'] as number;
const viaComposer = rates['composer'] as number;
const viaComposerResolved = rates['composerResolved'] as number;

const row = (label: string, perS: number): string =>
  `${label.padEnd(52)} ${perS.toFixed(0).padStart(8)} /s  ${(perS / HYDRA_COMPOSITIONS_PER_S).toFixed(0).padStart(5)}x Hydra  ${(perS / baseline).toFixed(2).padStart(6)}x baseline`;

console.log(`SpectraMind example folder (${files.length} YAML files), every launcher choice in turn`);
console.log(row('Hydra 1.3 (measured for the issue)', HYDRA_COMPOSITIONS_PER_S));
console.log(row(`baseline: read + parse ${perComposition} files with yaml`, baseline));
console.log(row('compose, shared source (a sweep)', cached));
console.log(row('compose + resolveComposed, shared source', cachedResolved));
console.log(row('compose({ configDir }) each time (cold source)', fresh));
console.log(row('createComposer: compose (a sweep, trees reused)', viaComposer));
console.log(row('createComposer: compose + resolveComposed', viaComposerResolved));
// The target is for composing a sweep's jobs, which share one source; a cold source re-reads
// and re-parses every file, so it is bounded by the baseline and shown for information.
const sweepPath = Math.min(cached, viaComposer);
console.log(
  `target >= ${TARGET_COMPOSITIONS_PER_S}/s composing a sweep's jobs (shared source, composer): ${sweepPath >= TARGET_COMPOSITIONS_PER_S ? 'met' : 'NOT met'} ` +
    `(${sweepPath.toFixed(0)}/s; median of ${ROUNDS} interleaved rounds, load average ${(await import('node:os')).loadavg()[0]?.toFixed(1)})`,
);
