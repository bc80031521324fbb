// Takes a PNG of a report page in Debian's Chromium (how docs/report-demo.png is made):
//   node scripts/browser/screenshot-report.mjs <report.html> <out.png> [width] [height]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [file, out, width = '1180', height = '820'] = process.argv.slice(2);
if (file === undefined || out === undefined) {
  console.error('usage: node scripts/browser/screenshot-report.mjs <report.html> <out.png> [width] [height]');
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), 'spectramind-chromium-'));
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: flags,
  viewport: { width: Number(width), height: Number(height) },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(pathToFileURL(resolve(file)).href);
  await page.screenshot({ path: out });
  console.log(out);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
