// Search benchmark: bytes a cold browser transfers for five fixed queries
// and two facet-only browses, pakta against Pagefind over the same
// agreements, the agreements each returns, and render time.
//
//   node bench/search.mjs PAKTA_SITE PAGEFIND_SITE
//   node bench/search.mjs PAKTA_SITE -        (pakta alone)
//
// PAKTA_SITE holds search/ (written by pakta build);
// PAGEFIND_SITE holds the same agreement pages with a pagefind/
// folder (bench/search.sh makes both). Both are served over 127.0.0.1
// with gzip as a static host does; every response body is counted.
import { serve } from '../tests/browser/lib/search-server.mjs';
import { launch, settled } from '../tests/browser/lib/search-site.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const QUERIES = ['rumah pintar pemilu', 'keamanan siber', 'universitas udayana', 'pemilih pemula', 'sosialisasi'];
const BROWSES = ['status=active', 'unit=jawa-tengah'];
// Forms the index does not hold as written: affixed forms led to their
// root, misspelt words to their nearest spelling, and a date filter.
const DERIVED = ['mendidik', 'pengawasan', 'pendidkan', 'sosialisai', 'pemilh'];
const DATED = ['ends_within=90', 'q=pendidikan&signed_from=2025-01-01&signed_to=2025-12-31'];
const [paktaSite, pagefindSite] = process.argv.slice(2);
if (!paktaSite || !pagefindSite) {
  console.error('usage: node bench/search.mjs PAKTA_SITE PAGEFIND_SITE');
  process.exit(2);
}

const pakta = await serve(paktaSite);
const withPagefind = pagefindSite !== '-';
const pagefind = withPagefind ? await serve(pagefindSite) : null;
const browser = await launch();

async function paktaRun(params) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const mark = pakta.log.length;
  await page.goto(`${pakta.url}/search/?${params}`);
  await settled(page);
  const transfer = pakta.since(mark);
  const renderMs = Number(await page.$eval('#pakta-search', (m) => m.dataset.renderMs));
  const total = Number(await page.$eval('#pakta-search', (m) => m.dataset.total));
  const ids = await page.evaluate(() => document.getElementById('pakta-search').resultIds());
  await context.close();
  return { transfer, renderMs, total, ids };
}

// What a Pagefind search UI loads for a query: its script, WASM, index
// chunks and the fragments of the first ten results.
async function pagefindRun(query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${pagefind.url}/pagefind/pagefind-entry.json`);
  const mark = pagefind.log.length;
  const total = await page.evaluate(async (q) => {
    const pf = await import('/pagefind/pagefind.js');
    await pf.init();
    const search = await pf.search(q);
    await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
    window.__all = search.results;
    return search.results.length;
  }, query);
  const transfer = pagefind.since(mark);
  const urls = await page.evaluate(async () => Promise.all(window.__all.map(async (r) => (await r.data()).url)));
  await context.close();
  return { transfer, total, ids: urls.map((u) => u.replace(/^\/(kerjasama\/)?/, '').replace(/\/(index\.html)?$/, '')) };
}

// Why Pagefind returned an agreement pakta did not: does the page's
// indexed text (the data-pagefind-body article) hold every query word as
// written? A page without them was matched through a stem only.
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
function holdsEveryWord(site, id, query) {
  const html = readFileSync(join(site, id, 'index.html'), 'utf8');
  const start = html.indexOf('data-pagefind-body');
  const text = fold(html.slice(start, html.lastIndexOf('</article>')).replace(/<[^>]*>/g, ' '));
  const words = new Set(text.split(/[^a-z0-9]+/));
  return fold(query).split(/\s+/).every((w) => words.has(w));
}

const kb = (n) => (n / 1024).toFixed(1);
const rows = [];
for (const q of QUERIES) {
  const p = await paktaRun(`q=${encodeURIComponent(q)}`);
  if (!withPagefind) {
    rows.push({ query: q, pakta_kb: kb(p.transfer.bytes), pakta_req: p.transfer.requests,
      pakta_hits: p.total, render_ms: p.renderMs });
    continue;
  }
  const f = await pagefindRun(q);
  const found = new Set(p.ids);
  const shared = f.ids.filter((id) => found.has(id)).length;
  const missed = f.ids.filter((id) => !found.has(id));
  const missedWithWords = missed.filter((id) => holdsEveryWord(pagefindSite, id, q)).length;
  rows.push({
    query: q,
    pakta_kb: kb(p.transfer.bytes),
    pakta_req: p.transfer.requests,
    pagefind_kb: kb(f.transfer.bytes),
    pagefind_req: f.transfer.requests,
    pakta_hits: p.total,
    pagefind_hits: f.total,
    'of_pagefind_%': f.total ? ((100 * shared) / f.total).toFixed(1) : '100.0',
    pagefind_only: missed.length,
    'pagefind_only_with_words': missedWithWords,
    'of_pagefind_with_words_%': shared + missedWithWords
      ? ((100 * shared) / (shared + missedWithWords)).toFixed(1) : '100.0',
    render_ms: p.renderMs,
  });
}
for (const b of BROWSES) {
  const p = await paktaRun(b);
  rows.push({ query: `(browse ${b})`, pakta_kb: kb(p.transfer.bytes), pakta_req: p.transfer.requests,
    pakta_hits: p.total, render_ms: p.renderMs });
}
for (const q of DERIVED) {
  const p = await paktaRun(`q=${encodeURIComponent(q)}`);
  rows.push({ query: `(derived) ${q}`, pakta_kb: kb(p.transfer.bytes), pakta_req: p.transfer.requests,
    pakta_hits: p.total, render_ms: p.renderMs });
}
for (const d of DATED) {
  const p = await paktaRun(d);
  rows.push({ query: `(dated ${d})`, pakta_kb: kb(p.transfer.bytes), pakta_req: p.transfer.requests,
    pakta_hits: p.total, render_ms: p.renderMs });
}
await browser.close();
await pakta.close();
await pagefind?.close();

console.log('Bytes: gzip-compressed response bodies (level 9), every request of a cold browser counted;');
console.log('pakta includes search/index.html, search.js and search.css; Pagefind includes pagefind.js, its WASM,');
console.log('index chunks and the fragments of its first 10 results. of_pagefind_%: share of the agreements');
console.log('Pagefind returns that pakta returns too. pagefind_only: agreements only Pagefind returns;');
console.log('pagefind_only_with_words: those of them whose indexed text holds every query word as written;');
console.log('of_pagefind_with_words_%: share pakta returns of Pagefind\'s agreements, counting among those');
console.log('Pagefind returns alone only the ones that hold every query word.');
console.log('render_ms: from the arrival of the last index file the search needed to the results in the page.');
console.table(rows);
const queries = rows.slice(0, QUERIES.length);
const browses = rows.slice(QUERIES.length, QUERIES.length + BROWSES.length);
const derived = rows.slice(QUERIES.length + BROWSES.length, QUERIES.length + BROWSES.length + DERIVED.length);
const verdict = (name, failing) =>
  console.log(`${failing.length ? 'NOT MET' : 'met    '}  ${name}${failing.length ? ': ' + failing.join(', ') : ''}`);
verdict('first query <= 150 KB', queries.filter((r) => Number(r.pakta_kb) > 150).map((r) => r.query));
verdict('affixed or misspelt first query <= 150 KB', derived.filter((r) => Number(r.pakta_kb) > 150).map((r) => r.query));
verdict('affixed or misspelt query finds something', derived.filter((r) => !r.pakta_hits).map((r) => r.query));
if (withPagefind) {
  verdict('less than Pagefind', queries.filter((r) => Number(r.pakta_kb) >= Number(r.pagefind_kb)).map((r) => r.query));
  verdict('>= 95% of the agreements Pagefind returns',
    queries.filter((r) => Number(r['of_pagefind_%']) < 95).map((r) => `${r.query} (${r['of_pagefind_%']}%)`));
  verdict('>= 95% of the agreements Pagefind returns whose text holds every query word',
    queries.filter((r) => Number(r['of_pagefind_with_words_%']) < 95)
      .map((r) => `${r.query} (${r['of_pagefind_with_words_%']}%)`));
}
verdict('facet-only browse <= 30 KB', browses.filter((r) => Number(r.pakta_kb) > 30).map((r) => r.query));
verdict('render <= 50 ms after the data', rows.filter((r) => r.render_ms > 50).map((r) => r.query));
