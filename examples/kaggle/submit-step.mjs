// A tiny SpectraMind-style "submit" job: "predicts" a spectrum per planet from the config's
// seed, and in leaderboard mode writes submission.csv into its own output folder (the kaggle
// launcher collects it into the output root). A step with work_ms > 0 also "works" that long.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJobContext } from 'spectramind-launch/job';

const { config, outputDir, num } = readJobContext();
const step = String(config.step ?? 'predict');
const leaderboard = config.pipeline?.leaderboard_mode === true;
const workMs = Number(config.work_ms ?? 0);
let state = Number(config.seed ?? 0) >>> 0;
const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);

await new Promise((resolve) => setTimeout(resolve, workMs));
const rows = Array.from({ length: 5 }, (_, planet) => [`planet_${planet}`, ...Array.from({ length: 3 }, () => (0.01 + random() * 0.001).toFixed(6))]);
writeFileSync(join(outputDir, 'predictions.json'), `${JSON.stringify({ step, rows })}\n`);
if (leaderboard) writeFileSync(join(outputDir, 'submission.csv'), `planet_id,wl_1,wl_2,wl_3\n${rows.map((r) => r.join(',')).join('\n')}\n`);
console.log(`job ${num} (${step}): ${rows.length} planets predicted; leaderboard_mode=${leaderboard}; KAGGLE=${process.env.KAGGLE} KAGGLE_GPU=${process.env.KAGGLE_GPU}`);
