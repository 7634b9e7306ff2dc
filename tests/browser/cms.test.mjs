// The editing forms for real: headless Chromium opens the admin page pakta
// built, against Decap's local backend (decap-server) writing into a copy
// of the sample repository; what the CMS writes must pass `pakta check`
// and appear in the next build, and an agreement saved unchanged must
// keep every value.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch } from './lib/search-site.mjs';
import { start, pakta, frontMatter } from './lib/cms-setup.mjs';

let env, browser;
const problems = [];

before(async () => {
  env = await start();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await env?.close();
});

async function openAdmin() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (/Content Security Policy/.test(m.text())) problems.push(m.text());
  });
  await page.goto(`${env.url}/admin/`);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.getByText('Perjanjian KPU Provinsi Jawa Tengah').first().waitFor();
  return page;
}

/** The input of the last field labelled `label` (a list's newest item). */
async function field(page, label) {
  const id = await page.waitForFunction((text) => {
    const found = [...document.querySelectorAll('label')]
      .filter((l) => l.textContent.replace(/ \(optional\)$/, '') === text);
    return found.length ? found[found.length - 1].htmlFor : null;
  }, label);
  return page.locator(`[id="${await id.jsonValue()}"]`);
}

async function fill(page, label, value) {
  await (await field(page, label)).fill(value);
}

/** Picks the option shown as `option` in a select or relation field. */
async function choose(page, label, typed, option) {
  await (await field(page, label)).click();
  await page.keyboard.type(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function publish(page) {
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('menuitem', { name: 'Publish now' }).click();
  await page.getByText('Entry saved').waitFor();
}

test('an agreement created through the form passes check and appears in the build', async () => {
  const page = await openAdmin();
  await page.goto(`${env.url}/admin/#/collections/agreements--jawa-tengah/new`);
  await fill(page, 'Judul', 'Nota Kesepahaman Pendidikan Pemilih Uji Formulir');
  await choose(page, 'Jenis', 'Nota', 'Nota Kesepahaman (MoU)');
  await fill(page, 'Penandatanganan', '2026-03-02');
  await fill(page, 'Berakhir', '2031-03-01');
  for (const [typed, name, category] of [
    ['Diponegoro', 'Universitas Diponegoro', 'Perguruan tinggi'],
    ['BSSN', 'Badan Siber dan Sandi Negara', 'Lembaga negara'],
  ]) {
    await page.getByRole('button', { name: 'Add mitra' }).click();
    await choose(page, 'Nama mitra', typed, name);
    await choose(page, 'Kategori', category.slice(0, 6), category);
  }
  await page.getByRole('button', { name: /^Add kegiatan$/i }).click();
  await fill(page, 'Tanggal', '2026-04-15');
  await fill(page, 'Kegiatan', 'Sosialisasi pemilih pemula');
  await choose(page, 'Jenis kegiatan', 'Sosial', 'Sosialisasi');
  await fill(page, 'Jumlah peserta', '120');
  await publish(page);
  await page.close();

  const folder = path.join(env.repo, 'agreements/jawa-tengah');
  const written = fs.readdirSync(folder).filter((f) => f.includes('nota-kesepahaman-pendidikan'));
  assert.equal(written.length, 1, `one new file in ${folder}`);
  const text = fs.readFileSync(path.join(folder, written[0]), 'utf8');
  const id = `jawa-tengah/${written[0].replace(/\.md$/, '')}`;
  const front = frontMatter(env.repo, id);
  assert.equal(front.kind, 'mou', text);
  assert.equal(front.dates.signed, '2026-03-02', text);
  assert.deepEqual(front.partners.map((p) => [p.name, p.category]), [
    ['Universitas Diponegoro', 'university'],
    ['Badan Siber dan Sandi Negara', 'state-institution'],
  ]);
  assert.deepEqual(front.activities[0], {
    date: '2026-04-15', title: 'Sosialisasi pemilih pemula', type: 'sosialisasi', participants: 120,
  });
  pakta(['check', '--root', env.repo, '--today', '2026-11-22']);
  env.rebuild();
  assert.ok(fs.existsSync(path.join(env.site, id, 'index.html')), `${id} is built`);
  assert.deepEqual(problems, []);
});

/** Waits until `read()` gives something other than `old`. */
async function changed(read, old) {
  for (let i = 0; i < 200; i++) {
    const now = read();
    if (JSON.stringify(now) !== JSON.stringify(old)) return now;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the file was not saved');
}

function body(id) {
  const text = fs.readFileSync(path.join(env.repo, 'agreements', `${id}.md`), 'utf8');
  return text.split(/^\+\+\+\s*$/m).slice(2).join('+++').trim();
}

test('an existing agreement saved through the form keeps every value it was not asked to change', async () => {
  const id = 'jawa-tengah/2023-mou-undip';
  const original = frontMatter(env.repo, id);
  const originalBody = body(id);
  const page = await openAdmin();
  await page.goto(`${env.url}/admin/#/collections/agreements--jawa-tengah/entries/2023-mou-undip`);
  // The CMS saves only a changed entry: one change, saved, then undone.
  const title = await field(page, 'Judul');
  await title.fill(`${original.title} (ubah)`);
  await publish(page);
  const edited = await changed(() => frontMatter(env.repo, id), original);
  assert.deepEqual(edited, { ...original, title: `${original.title} (ubah)` });
  await page.reload();
  await (await field(page, 'Judul')).fill(original.title);
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('menuitem', { name: 'Publish now' }).click();
  assert.deepEqual(await changed(() => frontMatter(env.repo, id), edited), original);
  assert.equal(body(id), originalBody);
  await page.close();
  pakta(['check', '--root', env.repo, '--today', '2026-11-22']);
  assert.deepEqual(problems, []);
});
