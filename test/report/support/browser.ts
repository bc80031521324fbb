import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..', '..');
/** Screenshots land here, next to vitest's output (git-ignored). */
export const SCREENSHOT_DIR = join(REPO, 'test-results', 'report');

// The flags the issue asks for: no GPU, no QUIC, and none of Chromium's own network chatter.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Debian's Chromium, or CHROMIUM_PATH; null when neither is there. */
export function findChromium(): string | null {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate !== undefined && candidate !== '' && existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * `describe` for tests that need the browser. Without Chromium they skip with one printed
 * reason, unless REPORT_REQUIRED=1 (set by .ci/run), where a missing browser fails the run.
 */
export function describeBrowser(name: string, body: (chromiumPath: string) => void): void {
  const path = findChromium();
  if (path !== null) {
    describe(name, { timeout: 180_000 }, () => body(path));
    return;
  }
  const reason = 'Chromium is not installed (looked for $CHROMIUM_PATH, /usr/bin/chromium); install it with: bash scripts/browser/ensure-chromium.sh';
  if (process.env.REPORT_REQUIRED === '1') {
    describe(name, () => {
      it('needs Chromium (REPORT_REQUIRED=1)', () => {
        throw new Error(`REPORT_REQUIRED=1 but ${reason}`);
      });
    });
    return;
  }
  console.warn(`[report] skipping "${name}": ${reason}, or set REPORT_REQUIRED=1 to make this a failure.`);
  describe.skip(name, () => body(''));
}

/** A loaded report page and what it did while loading: console errors and every request. */
export interface OpenedReport {
  readonly page: Page;
  readonly consoleErrors: string[];
  /** URLs requested besides the report file itself. */
  readonly requests: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Opens a report file in a fresh headless Chromium (its own --user-data-dir, removed on close). */
export async function openReport(chromiumPath: string, file: string): Promise<OpenedReport> {
  const profile = mkdtempSync(join(tmpdir(), 'spectramind-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: FLAGS, viewport: { width: 1200, height: 900 } });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const url = pathToFileURL(file).href;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`${error.name}: ${error.message}`));
  context.on('request', (request) => {
    if (request.url().split('#')[0] !== url) requests.push(request.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    consoleErrors,
    requests,
    async screenshot(name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The jobs table's column of `header`, top to bottom (visible rows), as the cells' sort keys. */
export async function columnKeys(page: Page, header: string): Promise<string[]> {
  const headers = (await page.locator('#jobs thead th').allTextContents()).map((text) => text.replace(/[▲▼]/g, '').trim());
  const index = headers.indexOf(header);
  if (index === -1) throw new Error(`no column ${JSON.stringify(header)} in ${JSON.stringify(headers)}`);
  return page.locator(`#jobs tbody tr:not([hidden]) > td:nth-child(${index + 1})`).evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-sort') ?? ''));
}
