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
  assert.equal(await page.$eval('#pakta-status', (e) => e.textContent), '2 perjanjian ditemukan');
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
    const scripts = server.log.slice(mark).map((e) => e.path).filter((p) => p.endsWith('.js'));
    assert.deepEqual(scripts, ['/assets/search.js'], `${sort}: a browse needs only the core script`);
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
  const folded = await page.evaluate((texts) => Promise.all(texts.map((t) => document.getElementById('pakta-search').fold(t))),
    cases.map((c) => c[0]));
  assert.deepEqual(folded.map((f, i) => [cases[i][0], f]), cases);
  await page.close();
});

test('affixed forms the corpus never uses find their root', async () => {
  const page = await open();
  // The text says only "mendampingi".
  for (const form of ['pendampingan', 'didampingi', 'pendamping', 'mendampinginya']) {
    await type(page, form);
    assert.deepEqual(await resultIds(page), ['bali/2026-mou-unud'], form);
  }
  // The undip text says only "mengawasi".
  for (const form of ['diawasi', 'pengawas', 'pengawasan']) {
    await type(page, form);
    assert.ok((await resultIds(page)).includes('jawa-tengah/2025-mou-undip'), form);
  }
  await type(page, 'didik ');
  const root = await resultIds(page);
  assert.ok(root.length > 0);
  await type(page, 'mendidik');
  assert.deepEqual(await resultIds(page), root);
  assert.equal(await page.$eval('#pakta-suggestion', (e) => e.hidden), true);
  await page.close();
});

test('the page derives the stem the index gives each affixed form (tests/affix-cases.json)', async () => {
  const cases = JSON.parse(fs.readFileSync(path.join(REPO, 'tests/affix-cases.json'), 'utf8'));
  const page = await open();
  const missed = await page.evaluate(async (list) => {
    const mount = document.getElementById('pakta-search');
    const roots = await Promise.all(list.map(([word]) => mount.affixRoots(word)));
    return list.filter(([word, stem], i) => word !== stem && !roots[i].includes(stem));
  }, cases);
  assert.deepEqual(missed, []);
  // A protected word is not taken apart: "pemula" (beginner) is not "pula" (also).
  const protectedWord = await page.evaluate(async () => {
    const m = await (await fetch('/search/manifest.json')).json();
    return m.protected.includes('pemula');
  });
  assert.ok(protectedWord);
  // Nor with a possessive after it: "pemilihnya" is "pemilih" (voter), not "pilih".
  const roots = await page.evaluate(() => document.getElementById('pakta-search').affixRoots('pemilihnya'));
  assert.equal(roots[0], 'pemilih');
  await page.close();
});

test('a misspelt word finds the nearest words and offers the corrected query', async () => {
  const page = await open();
  await type(page, 'pendidkan');
  assert.deepEqual(await resultIds(page), ['jawa-tengah/2025-mou-undip']);
  assert.equal(await page.$eval('#pakta-suggestion', (e) => e.textContent.split('?')[0]), 'Maksud Anda: pendidikan');
  await type(page, 'siber pemilh');
  assert.deepEqual(await resultIds(page), ['2024-mou-bssn']);
  await page.click('#pakta-suggestion a');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'siber pemilih');
  await settled(page);
  assert.equal(await page.$eval('#pakta-q', (e) => e.value), 'siber pemilih');
  assert.equal(await page.$eval('#pakta-suggestion', (e) => e.hidden), true);
  // Too short for a guess: four letters.
  await type(page, 'sibr');
  assert.deepEqual(await resultIds(page), []);
  await page.close();
});

test('a partner is found by the acronym and aliases of the partner register', async () => {
  const page = await open();
  for (const q of ['unud', 'Bukit Jimbaran']) {
    await type(page, q);
    assert.deepEqual(await resultIds(page), ['bali/2026-mou-unud'], q);
  }
  await page.close();
});

test('date filters: signed between, ends between, ends within the next days', async () => {
  const signed = await open('?signed_from=2025-01-01&signed_to=2025-12-31');
  assert.deepEqual((await resultIds(signed)).sort(), [
    '2025-mou-bawaslu', 'jawa-tengah/2025-mou-undip', 'jawa-tengah/karanganyar/2025-pks-uns']);
  assert.equal(await signed.$eval('#pakta-d-signed_from', (e) => e.value), '2025-01-01');
  assert.equal(await count(signed, 'status', 'active'), 3);
  await signed.close();
  const mark = server.log.length;
  const ends = await open('?ends_from=2026-01-01&ends_to=2027-12-31&q=kerjasama');
  assert.deepEqual((await resultIds(ends)).sort(), ['2024-mou-bssn', 'jawa-tengah/karanganyar/2024-mou-pemkab',
    'jawa-tengah/karanganyar/2025-pks-uns']);
  // Only the years the limits span are downloaded, not every date.
  const dated = server.log.slice(mark).map((e) => e.path).filter((p) => /^\/search\/(dates\/|sort)/.test(p));
  assert.ok(dated.length > 0 && dated.every((p) => /^\/search\/dates\/expires\/202[67]\.json$/.test(p)), dated.join());
  await ends.close();
  // From the build's today, 2026-11-22: the BSSN MoU ends on 2026-12-31.
  const page = await open();
  await page.selectOption('#pakta-d-ends_within', '30');
  await page.waitForFunction(() => location.search.includes('ends_within=30'));
  await settled(page);
  assert.deepEqual(await resultIds(page), []);
  await page.selectOption('#pakta-d-ends_within', '90');
  await page.waitForFunction(() => location.search.includes('ends_within=90'));
  await settled(page);
  assert.deepEqual(await resultIds(page), ['2024-mou-bssn']);
  await page.goBack();
  await page.waitForFunction(() => location.search.includes('ends_within=30'));
  await settled(page);
  assert.equal(await page.$eval('#pakta-d-ends_within', (e) => e.value), '30');
  await page.close();
});

test('parameters the page does not understand are ignored with a notice', async () => {
  const page = await open('?q=pemilu&sort=sideways&page=abc&status=bogus&status=active&unit=nowhere' +
    '&signed_from=2025-02-30&ends_within=7&colour=red');
  const notice = await page.$eval('#pakta-notice', (e) => e.textContent);
  assert.match(notice, /^Bagian alamat ini tidak dikenali dan diabaikan: /);
  for (const part of ['sort=sideways', 'page=abc', 'status=bogus', 'unit=nowhere', 'signed_from=2025-02-30',
    'ends_within=7', 'colour=red']) assert.ok(notice.includes(part), part);
  assert.equal(new URL(page.url()).search, '?q=pemilu&status=active');
  assert.ok((await resultIds(page)).length > 0);
  await page.close();
  const far = await open('?page=99');
  assert.match(await far.$eval('#pakta-notice', (e) => e.textContent), /page=99/);
  assert.equal((await resultIds(far)).length, 7);
  await far.close();
});

test('a failed download is told to the reader, never left preparing', async () => {
  const page = await open();
  await page.route('**/search/t/**', (route) => route.fulfill({ status: 500, body: '' }));
  await page.fill('#pakta-q', 'siber');
  await page.waitForFunction(() => document.getElementById('pakta-search').dataset.state === 'error');
  assert.match(await page.$eval('#pakta-status', (e) => e.textContent), /^Pencarian gagal dimuat \(search\/t\/.*500\)\)\.$/);
  await page.close();
  const csv = await open('?status=active');
  await csv.route('**/search/columns.json', (route) => route.abort());
  await csv.click('#pakta-csv');
  await csv.waitForFunction(() => /CSV tidak dapat/.test(document.getElementById('pakta-status').textContent));
  assert.match(await csv.$eval('#pakta-status', (e) => e.textContent),
    /^CSV tidak dapat disiapkan \(search\/columns\.json\)\. Silakan coba lagi\.$/);
  await csv.close();
  // The query script comes only with the first query: its failure is told too.
  const script = await browser.newPage();
  await script.route('**/assets/search-query.js', (route) => route.fulfill({ status: 500, body: '' }));
  await script.goto(`${server.url}/search/?q=siber`);
  await script.waitForFunction(() => document.getElementById('pakta-search').dataset.state === 'error');
  assert.match(await script.$eval('#pakta-status', (e) => e.textContent),
    /^Pencarian gagal dimuat \(assets\/search-query\.js\)\.$/);
  await script.close();
});

test('on a 390 px phone the results come first and the facets fold behind "Saring"', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/search/?q=pemilu`);
  await settled(page);
  const first = await page.$eval('#pakta-results li h2 a', (a) => a.getBoundingClientRect().bottom);
  assert.ok(first < 844, `first result ends at ${first} px`);
  assert.equal(await page.isVisible('#pakta-facets'), false);
  assert.equal(await page.$eval('#pakta-filter', (b) => b.textContent), 'Saring');
  await page.click('#pakta-filter');
  assert.equal(await page.isVisible('#pakta-f-unit'), true);
  assert.equal(await page.$eval('#pakta-filter', (b) => b.getAttribute('aria-expanded')), 'true');
  await page.check('#pakta-f-status-5');
  await page.waitForFunction(() => location.search.includes('status=active'));
  await settled(page);
  assert.equal(await page.$eval('#pakta-filter', (b) => b.textContent), 'Saring (1 aktif)');
  await context.close();
  // On a wide screen the facets stand beside the results, without the button.
  const wide = await open('?q=pemilu');
  assert.equal(await wide.isVisible('#pakta-filter'), false);
  assert.equal(await wide.isVisible('#pakta-facets'), true);
  await wide.close();
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
