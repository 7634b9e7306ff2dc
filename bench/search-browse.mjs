// Bytes a cold browser transfers to browse by one facet value or one unit
// with an empty query, for every value of every facet and every unit:
// the search page, both style sheets, the script, the manifest and the
// value's file, each gzip-compressed (level 9) as a static host serves
// them. Nothing else is requested for the first page, whatever the sort
// order (tests/browser/search.test.mjs checks which files are requested).
//
//   node bench/search-browse.mjs SITE [--all]
//
// Prints each facet's largest and smallest value, the largest units and
// the overall maximum; `--all` prints every value.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [site, flag] = process.argv.slice(2);
if (!site) {
  console.error('usage: node bench/search-browse.mjs SITE [--all]');
  process.exit(2);
}
const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(site, file)), { level: 9 }).length;
const shared = ['search/index.html', 'assets/style.css', 'assets/search.css', 'assets/search.js',
  'search/manifest.json'];
const base = shared.reduce((sum, file) => sum + gz(file), 0);
const manifest = JSON.parse(fs.readFileSync(path.join(site, 'search/manifest.json'), 'utf8'));

const rows = [];
for (const facet of manifest.facets) {
  facet.values.forEach((value, code) => {
    rows.push({ facet: facet.name, value, bytes: base + gz(`search/f/${facet.name}/${code}.json`) });
  });
}
const paths = [];
manifest.units.forEach((unit, i) => {
  const parent = unit[2];
  paths[i] = parent === null ? unit[0] : (paths[parent] ? `${paths[parent]}/${unit[0]}` : unit[0]);
  rows.push({ facet: 'unit', value: paths[i] || '(national)', bytes: base + gz(`search/f/unit/${i}.json`) });
});

const kb = (n) => (n / 1000).toFixed(1) + ' KB';
console.log(`gzip level 9; shared by every browse (${shared.join(', ')}): ${kb(base)}`);
if (flag === '--all') {
  for (const r of rows) console.log(`${r.facet}=${r.value}\t${kb(r.bytes)}`);
}
for (const name of [...manifest.facets.map((f) => f.name), 'unit']) {
  const of = rows.filter((r) => r.facet === name).sort((a, b) => b.bytes - a.bytes);
  const top = of.slice(0, name === 'unit' ? 3 : 1).map((r) => `${r.value} ${kb(r.bytes)}`).join(', ');
  console.log(`${name}: ${of.length} values, largest ${top}; smallest ${of.at(-1).value} ${kb(of.at(-1).bytes)}`);
}
const worst = rows.reduce((a, b) => (b.bytes > a.bytes ? b : a));
console.log(`largest browse: ${worst.facet}=${worst.value} ${kb(worst.bytes)} (target 30 KB)`);
