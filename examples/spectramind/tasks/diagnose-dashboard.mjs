// `spectramind diagnose dashboard`: a tiny diagnostics page for the current config.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function dashboard({ config, outputDir }) {
  const rows = [['model', config.model.name], ['data', config.data.name], ['seed', config.seed]]
    .map(([k, v]) => `<tr><th>${k}</th><td>${String(v).replace(/[<&]/g, '')}</td></tr>`)
    .join('');
  writeFileSync(join(outputDir, 'dashboard.html'), `<!doctype html><title>SpectraMind diagnostics</title><table>${rows}</table>\n`);
  console.log('dashboard.html written');
  return { file: 'dashboard.html' };
}
