// Builds the search fixture site (or takes one from PAKTA_SEARCH_SITE)
// and opens Chromium.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// tests/browser.rs finds Chromium (CHROME_PATH or PATH) and passes it on.
export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';

/**
 * Builds a fixture repository with `pakta build` into a temporary folder;
 * PAKTA_SEARCH_SITE stands in for tests/fixtures/search only.
 */
export function buildSite(fixture, today) {
  if (process.env.PAKTA_SEARCH_SITE && fixture === 'tests/fixtures/search') {
    return process.env.PAKTA_SEARCH_SITE;
  }
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pakta-search-site-'));
  const args = ['build', '--root', path.join(REPO, fixture), '--out', path.join(out, 'site'),
    '--today', today, '--base-url', '/'];
  if (process.env.PAKTA_BIN) {
    execFileSync(process.env.PAKTA_BIN, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  } else {
    execFileSync('cargo', ['run', '--quiet', '--', ...args],
      { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return path.join(out, 'site');
}

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** Waits until the search page has rendered the current query. */
export async function settled(page) {
  await page.waitForFunction(() => {
    const m = document.getElementById('pakta-search');
    return m && m.dataset.state === 'ready' && !document.querySelector('#pakta-search[aria-busy]');
  });
  await page.waitForTimeout(200);
  await page.waitForFunction(() => document.getElementById('pakta-search').dataset.state === 'ready');
}

export async function resultIds(page) {
  return page.$$eval('#pakta-results li h2 a', (links) =>
    links.map((a) => new URL(a.href).pathname.replace(/^\/|\/$/g, '')));
}

export async function count(page, facet, value) {
  const el = await page.$(`.pakta-count[data-facet="${facet}"][data-value="${value}"]`);
  return el ? Number(await el.textContent()) : 0;
}
