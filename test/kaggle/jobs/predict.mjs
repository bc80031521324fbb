// A "predict" step: works argv[2] ms, then writes submission.csv (tagged by argv[3]) into its folder.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
const ms = Number(process.argv[2] ?? 100);
const tag = process.argv[3] ?? 'v1';
setTimeout(() => {
  writeFileSync(join(process.env.SPECTRAMIND_RUN_DIR ?? '.', 'submission.csv'), `id,target\n0,${tag}\n`);
  console.log(`wrote submission ${tag}; KAGGLE=${process.env.KAGGLE} KAGGLE_GPU=${process.env.KAGGLE_GPU}`);
}, ms);
