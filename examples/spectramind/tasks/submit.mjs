// `spectramind submit`: writes submission.csv (planet id, then mu and sigma per spectral bin),
// the file a Kaggle launcher collects into its output root.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function submit({ config, outputDir }) {
  const bins = Math.min(Number(config.data.bins), 8); // the stand-in writes 8 bins at most
  const header = ['planet_id', ...Array.from({ length: bins }, (_, i) => `mu_${i}`), ...Array.from({ length: bins }, (_, i) => `sigma_${i}`)];
  const planets = [1103775, 1124834, 1266854];
  const rows = planets.map((id, p) => [id, ...Array.from({ length: bins }, (_, i) => (0.01 + 0.001 * ((i + p) % 5)).toFixed(5)), ...Array.from({ length: bins }, () => '0.00050')]);
  const csv = [header, ...rows].map((row) => row.join(',')).join('\n');
  writeFileSync(join(outputDir, 'submission.csv'), `${csv}\n`);
  console.log(`submission.csv: ${planets.length} planets x ${bins} bins (leaderboard_mode=${config.pipeline.leaderboard_mode})`);
  return { planets: planets.length, bins };
}
