// Accessibility of a built site: axe-core in headless Chromium must find
// no serious or critical violation on the home, an agreement, a unit, a
// list and the monev page. PAKTA_SITE_DIR names a site built with base URL "/";
// PAKTA_SCREENSHOTS, when set, receives desktop and phone screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const siteDir = process.env.PAKTA_SITE_DIR;
const shots = process.env.PAKTA_SCREENSHOTS;
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.json': 'application/json', '.xml': 'application/xml' };

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
    executablePath: '/usr/bin/chromium',
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
  unit: '/units/jawa-tengah/',
  list: '/lists/status/active/',
  monev: '/monev/',
};

for (const [name, path] of Object.entries(pages)) {
  test(`${name} page has no serious or critical axe violation`, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const response = await page.goto(origin + path);
    assert.equal(response.status(), 200, path);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`),
      [],
    );
    if (shots) {
      await page.screenshot({ path: join(shots, `${name}-desktop.png`), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: join(shots, `${name}-phone.png`), fullPage: true });
    }
    await page.close();
  });
}
