// Accessibility of a built site: axe-core in headless Chromium must find
// no violation of any impact on every kind of page (the monev page too), on a desktop (1280 px)
// and on a phone (390 px). PAKTA_SITE_DIR names a site built with base URL
// "/"; PAKTA_SCREENSHOTS, when set, receives a screenshot of each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './lib/search-site.mjs';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const siteDir = process.env.PAKTA_SITE_DIR;
const shots = process.env.PAKTA_SCREENSHOTS;
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.json': 'application/json', '.xml': 'application/xml' };

let server, browser, origin;

async function serve(req, res) {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = join(siteDir, path);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': types['.html'] });
    res.end(await readFile(join(siteDir, '404.html')).catch(() => 'not found'));
  }
}

before(async () => {
  assert.ok(siteDir, 'set PAKTA_SITE_DIR to a built site');
  server = createServer(serve);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  if (shots) await mkdir(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
});

const pages = {
  home: '/',
  agreement: '/2021-mou-perludem/',
  'agreement-with-text': '/jawa-timur/2024-mou-pmii-jatim/',
  units: '/units/',
  unit: '/units/jawa-tengah/',
  partners: '/partners/',
  partner: '/partners/uns/',
  lists: '/lists/',
  list: '/lists/status/active/',
  monev: '/monev/',
  report: '/reports/2026-10/jawa-tengah/',
  'list-in-force': '/lists/in-force/',
  findings: '/findings/',
  search: '/search/?q=pemilih',
  downloads: '/data/',
  about: '/about/',
  'not-found': '/no-such-page/',
};

const widths = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

for (const [name, path] of Object.entries(pages)) {
  for (const [device, viewport] of Object.entries(widths)) {
    test(`${name} page has no axe violation on a ${device}`, async () => {
      // The pages forbid inline script; axe is injected by the test only.
      const page = await browser.newPage({ viewport, bypassCSP: true });
      const response = await page.goto(origin + path);
      assert.equal(response.status(), name === 'not-found' ? 404 : 200, path);
      if (name === 'search') await page.waitForSelector('#pakta-search[data-state="ready"]');
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      assert.deepEqual(
        result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`),
        [],
      );
      if (shots) await page.screenshot({ path: join(shots, `${name}-${device}.png`), fullPage: true });
      await page.close();
    });
  }
}

// The monev charts on a phone: each has a visible heading above it, and
// every text in a picture is drawn at 12 CSS px or more once the picture
// is scaled to the screen.
test('monev charts are readable on a 390 px phone', async () => {
  const page = await browser.newPage({ viewport: widths.phone });
  await page.goto(origin + '/monev/');
  const charts = await page.evaluate(() =>
    [...document.querySelectorAll('figure.chart-figure')].map((figure) => {
      const heading = figure.querySelector('h3');
      const svg = figure.querySelector('svg');
      const headingBox = heading?.getBoundingClientRect();
      const result = {
        id: figure.getAttribute('aria-labelledby'),
        heading: heading ? heading.textContent.trim() : '',
        headingVisible: Boolean(headingBox && headingBox.height > 0),
        headingAbove: Boolean(svg && headingBox && headingBox.bottom <= svg.getBoundingClientRect().top),
        empty: Boolean(figure.querySelector('.chart-empty')),
        smallest: Infinity,
        overflow: svg ? svg.getBoundingClientRect().right > document.documentElement.clientWidth : false,
      };
      if (svg) {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        for (const text of svg.querySelectorAll('text')) {
          result.smallest = Math.min(result.smallest, parseFloat(getComputedStyle(text).fontSize) * scale);
        }
      }
      return result;
    }),
  );
  assert.ok(charts.length >= 6, `charts on the monev page: ${charts.length}`);
  for (const chart of charts) {
    assert.ok(chart.heading && chart.headingVisible, `${chart.id}: a visible heading`);
    if (chart.empty) continue;
    assert.ok(chart.headingAbove, `${chart.id}: the heading sits above the picture`);
    assert.ok(chart.smallest >= 12, `${chart.id}: smallest text ${chart.smallest.toFixed(1)} CSS px`);
    assert.ok(!chart.overflow, `${chart.id}: the picture fits the screen`);
  }
  await page.close();
});
