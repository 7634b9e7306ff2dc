// The search page's "download results" CSV is as safe to open in a
// spreadsheet as data/agreements.csv: on the fixture
// tests/fixtures/search-formula, whose titles, numbers, summaries and
// partners begin with `=`, `@`, `+` and `-`, the button's file neutralises
// every such cell exactly as the site's own CSV does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildSite, launch, settled } from './lib/search-site.mjs';
import { serve } from './lib/search-server.mjs';
import { parseCsv } from './lib/csv.mjs';

let server, browser, site;

before(async () => {
  site = buildSite('tests/fixtures/search-formula', '2026-11-22');
  server = await serve(site);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (site) fs.rmSync(path.dirname(site), { recursive: true, force: true });
});

const FORMULA = /^[=+\-@\t\r]/;

test('the downloaded results start no formula and match the site CSV cell for cell', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/search/?kind=mou`);
  await settled(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#pakta-csv')]);
  const rows = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
  await page.close();
  const published = parseCsv(fs.readFileSync(path.join(site, 'data/agreements.csv'), 'utf8'));

  assert.equal(rows.length, 3, JSON.stringify(rows));
  for (const row of rows) {
    for (const cell of row) assert.doesNotMatch(cell, FORMULA, `a formula cell: ${cell}`);
  }
  const column = (table, name) => {
    const at = table[0].indexOf(name);
    assert.ok(at >= 0, `${name} in ${table[0]}`);
    return new Map(table.slice(1).map((r) => [r[table[0].indexOf('id')], r[at]]));
  };
  for (const name of ['title', 'number', 'partners']) {
    assert.deepEqual(column(rows, name), column(published, name), name);
  }
  assert.equal(column(rows, 'title').get('2025-mou-hyperlink'), '\'=HYPERLINK("http://x","y")');
  assert.equal(column(rows, 'summary').get('2025-mou-hyperlink'), '\'@SUM(A1:A9)');
});
