// End-to-end tests of the search page on the fixture repository
// tests/fixtures/search, in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildSite, launch, settled, resultIds, count, REPO } from './lib/search-site.mjs';
import { serve } from './lib/search-server.mjs';
import { parseCsv } from './lib/csv.mjs';

let server, browser, site;

before(async () => {
  site = buildSite('tests/fixtures/search', '2026-11-22');
  server = await serve(site);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (site && site !== process.env.PAKTA_SEARCH_SITE) fs.rmSync(site, { recursive: true, force: true });
});

async function open(query = '') {
  const page = await browser.newPage();
  await page.goto(`${server.url}/search/${query}`);
  await settled(page);
  return page;
}

async function type(page, text) {
  await page.fill('#pakta-q', '');
  await page.type('#pakta-q', text, { delay: 20 });
  await page.waitForFunction((t) => new URL(location.href).searchParams.get('q') === t, text);
  await settled(page);
}

test('an affixed form finds the other forms of its word, title matches first', async () => {
  const page = await open();
  await type(page, 'pengawasan');
  assert.deepEqual(await resultIds(page), ['2025-mou-bawaslu', 'jawa-tengah/2025-mou-undip']);
  assert.equal(await count(page, 'status', 'active'), 2);
  assert.equal(await count(page, 'status', 'expired'), 0);
  await type(page, 'perjanjian');
  const ids = await resultIds(page);
  assert.ok(ids.includes('jawa-tengah/karanganyar/2025-pks-uns'), 'berjanji is found by perjanjian');
  assert.equal(ids[0], 'jawa-tengah/karanganyar/2024-mou-pemkab');
  await page.close();
});

test('compounds match written apart or together, and the word being typed matches as a prefix', async () => {
  const page = await open();
  await type(page, 'kerja sama');
  const apart = await resultIds(page);
  await type(page, 'kerjasama');
  assert.deepEqual(await resultIds(page), apart);
  assert.deepEqual([...apart].sort(), [
    '2024-mou-bssn',
    'jawa-tengah/karanganyar/2024-mou-pemkab',
    'jawa-tengah/karanganyar/2025-pks-uns',
  ]);
  await type(page, 'peneli');
  assert.deepEqual(await resultIds(page), ['jawa-tengah/karanganyar/2025-pks-uns']);
  await type(page, 'Sebelas Maret');
  assert.deepEqual(await resultIds(page), ['jawa-tengah/karanganyar/2025-pks-uns']);
  // Every word must match, whatever the order of rare and common words.
  await type(page, 'siber pemilu');
  assert.deepEqual(await resultIds(page), ['2024-mou-bssn']);
  await page.close();
});

test('a province facet includes its regencies and counts the other facets within it', async () => {
  const page = await open('?unit=jawa-tengah');
  assert.deepEqual(await resultIds(page), [
    'jawa-tengah/2025-mou-undip',
    'jawa-tengah/2023-mou-rri',
    'jawa-tengah/karanganyar/2025-pks-uns',
    'jawa-tengah/karanganyar/2024-mou-pemkab',
  ]);
  assert.equal(await count(page, 'status', 'active'), 2);
  assert.equal(await count(page, 'status', 'expired'), 2);
  assert.equal(await count(page, 'kind', 'pks'), 1);
  assert.equal(await count(page, 'category', 'university'), 2);
  const unitOption = await page.$eval('#pakta-f-unit option:checked', (o) => o.textContent);
  assert.match(unitOption, /KPU Jateng \(4\)/);
  await page.close();
});

test('text and facets combine; a facet counts as if its own choice were not made', async () => {
  // A trailing space ends the word: no prefix match of "pemilihan".
  const page = await open('?q=pemilih+&status=active');
  assert.deepEqual((await resultIds(page)).sort(), [
    'jawa-tengah/2025-mou-undip',
    'jawa-tengah/karanganyar/2025-pks-uns',
  ]);
  assert.equal(await count(page, 'status', 'active'), 2);
  assert.equal(await count(page, 'status', 'expired'), 1);
  assert.equal(await count(page, 'category', 'university'), 2);
  assert.equal(await page.$eval('#pakta-status', (e) => e.textContent), '2 kerja sama ditemukan');
  await page.close();
  // The word being typed also finds longer words it begins.
  const typing = await open('?q=pemilih&status=active');
  assert.deepEqual((await resultIds(typing)).sort(), [
    '2025-mou-bawaslu',
    'jawa-tengah/2025-mou-undip',
    'jawa-tengah/karanganyar/2025-pks-uns',
  ]);
  assert.equal(await count(typing, 'status', 'expired'), 2);
  await typing.close();
});

test('the query and filters live in the URL and the back button restores them', async () => {
  const page = await open();
  await type(page, 'pemilu');
  const all = await resultIds(page);
  await page.focus('#pakta-f-status-5');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => location.search.includes('status=active'));
  await settled(page);
  const active = await resultIds(page);
  assert.ok(active.length < all.length);
  await page.goBack();
  await page.waitForFunction(() => !location.search.includes('status='));
  await settled(page);
  assert.deepEqual(await resultIds(page), all);
  assert.equal(await page.$eval('#pakta-q', (e) => e.value), 'pemilu');
  assert.equal(await page.$eval('#pakta-f-status-5', (e) => e.checked), false);
  await page.close();
});

test('sorting by newest signing and soonest expiry', async () => {
  const page = await open('?sort=newest');
  const newest = await resultIds(page);
  assert.equal(newest[0], 'bali/2026-mou-unud');
  assert.equal(newest.at(-1), 'jawa-tengah/2023-mou-rri');
  const soonest = await open('?sort=expiry');
  assert.equal((await resultIds(soonest))[0], '2024-mou-bssn');
  await page.close();
  await soonest.close();
});

test('a browse by one value shows its first page from its own file, in every order', async () => {
  for (const sort of ['relevance', 'newest', 'expiry']) {
    const mark = server.log.length;
    const page = await open(`?status=active${sort === 'relevance' ? '' : `&sort=${sort}`}`);
    const fetched = server.log.slice(mark).map((e) => e.path).filter((p) => p.startsWith('/search/'));
    assert.deepEqual(fetched.sort(), ['/search/', '/search/f/status/5.json', '/search/manifest.json'], sort);
    assert.equal(await page.$eval('#pakta-search', (e) => e.dataset.total), '4');
    // The page matches the whole result set ordered in the browser.
    const all = await page.evaluate(() => document.getElementById('pakta-search').resultIds());
    assert.equal(all.length, 4);
    assert.deepEqual(await resultIds(page), all, sort);
    assert.ok(server.log.slice(mark).some((e) => e.path === '/search/f/status/5.docs.json'));
    await page.close();
  }
  const unit = await open('?unit=jawa-tengah&sort=expiry');
  assert.deepEqual(await resultIds(unit), [
    'jawa-tengah/karanganyar/2025-pks-uns',
    'jawa-tengah/2025-mou-undip',
    'jawa-tengah/karanganyar/2024-mou-pemkab',
    'jawa-tengah/2023-mou-rri',
  ]);
  assert.deepEqual(await unit.evaluate(() => document.getElementById('pakta-search').resultIds()),
    await resultIds(unit));
  await unit.close();
});

test('a browse by one value downloads its whole set as CSV', async () => {
  const page = await open('?status=active&sort=newest');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#pakta-csv')]);
  const rows = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(rows.slice(1).map((r) => r[0]), [
    'bali/2026-mou-unud',
    'jawa-tengah/karanganyar/2025-pks-uns',
    'jawa-tengah/2025-mou-undip',
    '2025-mou-bawaslu',
  ]);
  await page.close();
});

test('the result set downloads as CSV with its fields', async () => {
  const page = await open('?unit=jawa-tengah/karanganyar');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#pakta-csv')]);
  const rows = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(rows.length, 3);
  assert.deepEqual(rows[0].slice(0, 7), ['id', 'title', 'status', 'partners', 'summary', 'signed', 'expires']);
  assert.deepEqual(rows[0].slice(-5), ['unit_name', 'kind', 'scope', 'flags', 'partner_categories']);
  assert.ok(rows.some((r) => r.slice(0, 3).join() === 'jawa-tengah/karanganyar/2025-pks-uns,Kerjasama Penelitian Partisipasi Pemilih,active'));
  assert.ok(rows.every((r, i) => i === 0 || r.includes('KPU Karanganyar')));
  await page.close();
});

test('the page folds text exactly as the index does (tests/folding-cases.json)', async () => {
  const cases = JSON.parse(fs.readFileSync(path.join(REPO, 'tests/folding-cases.json'), 'utf8'));
  const page = await open();
  const folded = await page.evaluate((texts) => texts.map((t) => document.getElementById('pakta-search').fold(t)),
    cases.map((c) => c[0]));
  assert.deepEqual(folded.map((f, i) => [cases[i][0], f]), cases);
  await page.close();
});

test('without JavaScript the page points to the list pages', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/search/`);
  const links = await page.$$eval('noscript a', (n) => n.map((a) => a.getAttribute('href')));
  for (const list of ['/lists/', '/units/', '/partners/', '/data/']) {
    assert.ok(links.includes(list), `${list} in ${links}`);
  }
  await context.close();
});
