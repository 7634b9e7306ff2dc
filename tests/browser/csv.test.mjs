// The search page's "download results" CSV is as safe to open in a
// spreadsheet as data/agreements.csv and data/partners.csv: on the fixture
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
  for (const name of ['title', 'number']) {
    assert.deepEqual(column(rows, name), column(published, name), name);
  }
  // The site keeps partners in their own table, a row each, in order.
  const partnerRows = parseCsv(fs.readFileSync(path.join(site, 'data/partners.csv'), 'utf8'));
  const [head, ...body] = partnerRows;
  const names = new Map();
  for (const r of body) {
    const id = r[head.indexOf('agreement_id')];
    names.set(id, [...(names.get(id) ?? []), r[head.indexOf('name')]]);
  }
  const joined = new Map([...names].map(([id, list]) => [id, list.join('; ')]));
  assert.deepEqual(column(rows, 'partners'), joined, 'partners');
  assert.equal(column(rows, 'title').get('2025-mou-hyperlink'), '\'=HYPERLINK("http://x","y")');
  assert.equal(column(rows, 'summary').get('2025-mou-hyperlink'), '\'@SUM(A1:A9)');
});
