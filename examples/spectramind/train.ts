// A stand-in SpectraMind training job: reads the config snapshot its launcher wrote
// (unresolved, as Hydra's .hydra/config.yaml), resolves it, "trains" and writes metrics.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseConfigYaml, resolveConfig, toPlainData } from 'spectramind-launch';
import type { ConfigObject } from 'spectramind-launch';

const file = process.env.SPECTRAMIND_CONFIG;
const raw: ConfigObject = file
  ? parseConfigYaml(readFileSync(file, 'utf8'), file).content
  : (JSON.parse(process.env.SPECTRAMIND_CONFIG_JSON ?? '{}') as ConfigObject);
// The hydra.yaml beside the snapshot makes ${hydra:runtime.output_dir} and friends resolvable here.
const hydraFile = file ? join(dirname(file), 'hydra.yaml') : null;
const hydra = hydraFile !== null && existsSync(hydraFile) ? (parseConfigYaml(readFileSync(hydraFile, 'utf8'), hydraFile).content['hydra'] as ConfigObject) : undefined;
// A job needs every value: fail on a `???` nobody set, naming the key.
const cfg = toPlainData(resolveConfig(raw, { hydra, throwOnMissing: true })) as {
  run_name: string;
  seed: number;
  model: { lr: number };
  trainer: { epochs: number };
};

// A deterministic fake loss curve: lower with a better learning rate, shifted by the seed.
const loss = Math.abs(Math.log10(cfg.model.lr) + 3) + (cfg.seed % 7) / 100 + 1 / cfg.trainer.epochs;
const outDir = process.env.SPECTRAMIND_RUN_DIR ?? process.cwd();
writeFileSync(join(outDir, 'metrics.json'), `${JSON.stringify({ run_name: cfg.run_name, loss })}\n`);
console.log(`${cfg.run_name}: lr=${cfg.model.lr} loss=${loss.toFixed(4)}`);
