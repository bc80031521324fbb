// `spectramind train`: a stand-in for SpectraMind V50 training. It reads its composed config
// (the launcher hands it over), prints progress, and writes metrics.json into its own folder.
// Milliseconds by default; trainer.ms_per_epoch slows it down for demos and Ctrl-C tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export default async function train({ config, outputDir, num }) {
  const lr = Number(config.model.lr);
  const seed = Number(config.seed);
  if (!(lr > 0)) throw new Error(`model.lr must be a positive number, got ${config.model.lr}`);
  const epochs = Math.min(Number(config.trainer.epochs), 5); // the stand-in logs 5 checkpoints at most
  const msPerEpoch = Number(config.trainer.ms_per_epoch ?? 0);
  let loss = 1;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    if (msPerEpoch > 0) await sleep(msPerEpoch);
    // A deterministic fake curve: a better learning rate learns faster, the seed shifts it.
    loss = Math.abs(Math.log10(lr) + 3) / epoch + (seed % 7) / 100 + 1 / Number(config.trainer.epochs);
    console.log(`job ${num} epoch ${epoch}/${epochs} loss=${loss.toFixed(4)}`);
  }
  const metrics = { model: config.model.name, lr, seed, loss: Number(loss.toFixed(6)) };
  writeFileSync(join(outputDir, 'metrics.json'), `${JSON.stringify(metrics)}\n`);
  return metrics;
}
