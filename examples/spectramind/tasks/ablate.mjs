// `spectramind ablate`: one ablation arm per job. Records which encoder parts were switched
// and a fake validation score in ablation.json, so a sweep's folders can be compared.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function ablate({ config, outputDir, num }) {
  const { fgs1, airs } = config.model.encoder;
  const score = 0.5 + (fgs1 === 'mamba' ? 0.2 : 0) + (airs === 'gnn' ? 0.15 : 0) + Number(config.model.dropout) / 10;
  const arm = { fgs1, airs, dropout: config.model.dropout, val_gll: Number(score.toFixed(4)) };
  writeFileSync(join(outputDir, 'ablation.json'), `${JSON.stringify(arm)}\n`);
  console.log(`job ${num} ablation fgs1=${fgs1} airs=${airs} val_gll=${arm.val_gll}`);
  return arm;
}
