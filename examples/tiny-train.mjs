// A tiny "training" job: fits y = 3x + 1 by gradient descent with the config's learning rate
// and seed, prints its loss, and writes metrics.json into its own output folder.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJobContext } from 'spectramind-launch/job';

const { config, outputDir, num } = readJobContext();
const lr = Number(config.model?.lr ?? 0.01);
const epochs = Number(config.trainer?.epochs ?? 200);
let state = Number(config.seed ?? 0) >>> 0;
const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);

const xs = Array.from({ length: 64 }, () => random() * 2 - 1);
const ys = xs.map((x) => 3 * x + 1 + (random() - 0.5) * 0.1);
let w = 0;
let b = 0;
let loss = Infinity;
for (let epoch = 0; epoch < epochs; epoch++) {
  let gw = 0;
  let gb = 0;
  loss = 0;
  for (let i = 0; i < xs.length; i++) {
    const err = w * xs[i] + b - ys[i];
    loss += err * err;
    gw += 2 * err * xs[i];
    gb += 2 * err;
  }
  loss /= xs.length;
  w -= (lr * gw) / xs.length;
  b -= (lr * gb) / xs.length;
}
writeFileSync(join(outputDir, 'metrics.json'), `${JSON.stringify({ lr, seed: config.seed, epochs, loss, w, b })}\n`);
console.log(`job ${num}: lr=${lr} seed=${config.seed} loss=${loss.toExponential(3)} w=${w.toFixed(3)} b=${b.toFixed(3)}`);
