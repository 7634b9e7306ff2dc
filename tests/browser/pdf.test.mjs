// A word found only inside an attached PDF document (tests/fixtures/pdf-search,
// "lokakarya" on page 2 of the signed text) is found, with the page and a
// link to it, in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, launch, settled, resultIds } from './lib/search-site.mjs';
import { serve } from './lib/search-server.mjs';

let server, browser, work;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'pakta-pdf-site-'));
  const args = ['build', '--root', path.join(REPO, 'tests/fixtures/pdf-search'),
    '--out', path.join(work, 'site'), '--cache-dir', path.join(work, 'cache'),
    '--today', '2026-11-22', '--base-url', '/'];
  if (process.env.PAKTA_BIN) {
    execFileSync(process.env.PAKTA_BIN, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  } else {
    execFileSync('cargo', ['run', '--quiet', '--', ...args], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  server = await serve(path.join(work, 'site'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('a word only the PDF holds shows its page, an excerpt and a link to that page', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/search/?q=lokakarya+`);
  await settled(page);
  assert.deepEqual(await resultIds(page), ['2025-mou-untirta']);
  const link = page.locator('#pakta-results .pakta-in-document a');
  assert.equal(await link.textContent(), 'Ditemukan di naskah, hlm. 2');
  assert.equal(new URL(await link.getAttribute('href'), server.url).pathname + new URL(await link.getAttribute('href'), server.url).hash,
    '/files/2025-mou-untirta.pdf#page=2');
  const excerpt = page.locator('#pakta-results .pakta-in-document .pakta-snippet');
  await excerpt.waitFor();
  assert.match(await excerpt.textContent(), /menyelenggarakan lokakarya jurnalistik/);
  assert.equal(await excerpt.locator('mark').first().textContent(), 'lokakarya');
  await page.close();
});

test('a word the record holds shows no document line', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/search/?q=pendidikan+`);
  await settled(page);
  assert.deepEqual(await resultIds(page), ['2025-mou-untirta']);
  assert.equal(await page.locator('.pakta-in-document').count(), 0);
  await page.close();
});
