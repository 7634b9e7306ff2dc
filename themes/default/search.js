// pakta search: queries the split index under <base>/search/ (see
// docs/search.md). No framework and no requests outside the site.
(function () {
  'use strict';

  var mount = document.getElementById('pakta-search');
  if (!mount) return;
  var script = document.currentScript;
  var base = mount.getAttribute('data-base') ||
    (script ? script.src.replace(/assets\/search\.js(\?.*)?$/, '') : '../');
  if (!/\/$/.test(base)) base += '/';
  var FACETS = ['status', 'kind', 'category', 'unit', 'year', 'scope', 'flags'];
  // Every text the page shows comes from the theme's message catalog,
  // which search.html hands over: labels by key, terms by field and value.
  var catalog = JSON.parse(mount.getAttribute('data-catalog') || '{}');
  var texts = catalog.labels || {};
  // Dates read as on every other page ("10 September 2025"): the month
  // names of the interface's language, also from search.html.
  var MONTHS = JSON.parse(mount.getAttribute('data-months') || '[]');
  function longDate(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    if (!parts || !MONTHS[+parts[2] - 1]) return iso;
    return +parts[3] + ' ' + MONTHS[+parts[2] - 1] + ' ' + parts[1];
  }
  // The agreements' own texts are Indonesian; marked so when the
  // interface speaks another language.
  var CONTENT_LANG = mount.getAttribute('data-content-lang');
  function contentLang(attrs) {
    if (CONTENT_LANG) attrs.lang = CONTENT_LANG;
    return attrs;
  }
  var terms = catalog.terms || {};
  function say(key, values) {
    var text = texts[key] || key;
    Object.keys(values || {}).forEach(function (name) { text = text.split('{' + name + '}').join(values[name]); });
    return text;
  }
  // Facet name: the field's label key and, for its values, its glossary.
  var FACET_LABEL = { status: 'status', kind: 'kind', category: 'search-facet-category', unit: 'unit',
    year: 'search-facet-year', scope: 'scope', flags: 'search-facet-flags' };
  var FACET_TERMS = { status: 'status', kind: 'kind', category: 'category', scope: 'scope', flags: 'flag' };
  // Sort order in the address, and its term.
  var SORTS = { relevance: 'relevance', newest: 'newest', expiry: 'expires' };
  var L = { facet: {} };
  FACETS.forEach(function (name) { L.facet[name] = say(FACET_LABEL[name]); });
  function label(facet, value) {
    var names = terms[FACET_TERMS[facet]];
    return (names && names[value]) || value;
  }

  var cache = {};
  function load(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + 'search/' + path).then(function (r) {
        if (!r.ok) throw new Error(path + ': ' + r.status);
        return r.json();
      }).catch(function (e) {
        delete cache[path]; // a later search tries again
        throw e;
      });
    }
    return cache[path];
  }

  // ---- text, exactly as the index folds it (crates/pakta-content/src/fold.rs, crates/pakta-search/src/text.rs) ----
  // Decomposed (compatibility forms too), marks removed, lower case, then
  // the letters without a decomposition from the manifest's table.
  function fold(text, m) {
    var out = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    if (!/[^\x00-\x7f]/.test(out)) return out;
    return Array.from(out, function (c) { return m.fold[c] || c; }).join('');
  }
  function words(text, m) {
    var raw = fold(text, m).split(/[^\p{L}\p{N}]+/u).filter(function (w) {
      return w && Array.from(w).length <= 64; // MAX_WORD_CHARS: longer runs are not indexed
    });
    var out = [];
    for (var i = 0; i < raw.length; i++) {
      var next = raw[i + 1];
      var joined = next !== undefined && m.compounds.some(function (c) {
        return c[0] === raw[i] && c[1] === next;
      });
      if (joined) { out.push(raw[i] + next); i++; }
      else if (m.stopwords.indexOf(raw[i]) < 0) out.push(raw[i]);
    }
    return out;
  }

  // ---- document sets: gaps array or base64 bitmap (crates/pakta-search/src/docset.rs) ----
  function eachDoc(set, fn) {
    if (typeof set === 'string') {
      var bin = atob(set);
      for (var i = 0; i < bin.length; i++) {
        var b = bin.charCodeAt(i);
        for (var bit = 0; b; bit++, b >>= 1) if (b & 1) fn(i * 8 + bit);
      }
    } else if (set && set.length) {
      var at = 0;
      for (var j = 0; j < set.length; j++) { at = j ? at + set[j] : set[0]; fn(at); }
    }
  }

  // ---- state <-> URL ----
  function readState() {
    var p = new URLSearchParams(location.search);
    var s = { q: p.get('q') || '', sort: p.get('sort') || 'relevance',
      page: Math.max(1, parseInt(p.get('page'), 10) || 1), filters: {} };
    FACETS.forEach(function (f) {
      var v = p.getAll(f).filter(Boolean);
      if (v.length) s.filters[f] = v;
    });
    return s;
  }
  function writeState(s, push) {
    var p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    FACETS.forEach(function (f) { (s.filters[f] || []).forEach(function (v) { p.append(f, v); }); });
    if (s.sort !== 'relevance') p.set('sort', s.sort);
    if (s.page > 1) p.set('page', String(s.page));
    var url = location.pathname + (p.toString() ? '?' + p : '');
    if (url !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](null, '', url);
  }

  // ---- index access ----
  function prepare(m) {
    m.unitPaths = m.units.map(function (u) { return u[2] === null ? u[0] : null; });
    m.units.forEach(function (u, i) {
      if (u[2] !== null) {
        var parent = m.unitPaths[u[2]];
        m.unitPaths[i] = parent ? parent + '/' + u[0] : u[0];
      }
    });
    // Documents are numbered in the order of the units (a parent before
    // its children), so a unit's own documents start where the previous
    // unit's end, and its subtree ends where its last descendant's does.
    var n = m.units.length, at = 0;
    m.unitFirst = new Uint32Array(n); m.unitEnd = new Uint32Array(n);
    m.unitByDoc = new Uint32Array(m.documents);
    m.units.forEach(function (u, i) {
      m.unitFirst[i] = at;
      for (var d = at; d < at + u[3]; d++) m.unitByDoc[d] = i;
      at += u[3];
      m.unitEnd[i] = at;
    });
    for (var i = n - 1; i >= 0; i--) {
      var parent = m.units[i][2];
      if (parent !== null && m.unitEnd[i] > m.unitEnd[parent]) m.unitEnd[parent] = m.unitEnd[i];
    }
    return m;
  }
  function shardOf(m, word) {
    for (var n = word.length; n > 0; n--) if (m.keys.has(word.slice(0, n))) return word.slice(0, n);
    return null;
  }
  function shardsUnder(m, prefix) {
    var out = [];
    m.keys.forEach(function (k) { if (k.length > prefix.length && k.indexOf(prefix) === 0) out.push(k); });
    return out.sort().slice(0, 12);
  }
  function shardFile(key) {
    if (/^[a-z0-9]+$/.test(key)) return 't/' + key + '.json';
    var hex = Array.from(new TextEncoder().encode(key), function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
    return 't/_' + hex + '.json';
  }
  function loadShards(m, keys) {
    return Promise.all(keys.filter(Boolean).map(function (k) { return load(shardFile(k)); }));
  }

  // Each query word's weight per document: the best field it occurs in,
  // halved when only a longer word begins with it.
  function matchWord(m, word, prefix) {
    var keys = [shardOf(m, word)];
    if (prefix && word.length >= 3) keys = keys.concat(shardsUnder(m, word));
    return loadShards(m, keys).then(function (shards) {
      var stems = {};
      shards.forEach(function (sh) {
        if (sh.t[word]) stems[word] = 1;
        if (sh.w[word]) stems[sh.w[word]] = 1;
        if (!prefix || word.length < 3) return;
        Object.keys(sh.t).forEach(function (t) { if (t.indexOf(word) === 0 && !stems[t]) stems[t] = 0.5; });
        Object.keys(sh.w).forEach(function (w) {
          if (w.indexOf(word) === 0 && !stems[sh.w[w]]) stems[sh.w[w]] = 0.5;
        });
      });
      var list = Object.keys(stems);
      return loadShards(m, list.map(function (s) { return shardOf(m, s); })).then(function (more) {
        var weight = new Float32Array(m.documents);
        list.forEach(function (stem) {
          var sets = null;
          more.forEach(function (sh) { if (sh.t[stem]) sets = sh.t[stem]; });
          if (!sets) return;
          sets.forEach(function (set, field) {
            var w = m.weights[field] * stems[stem];
            eachDoc(set, function (d) { if (weight[d] < w) weight[d] = w; });
          });
        });
        return weight;
      });
    });
  }

  function scoreQuery(m, q) {
    var list = words(q, m);
    if (!list.length) return Promise.resolve(null);
    var typing = !/\s$/.test(q);
    return load('shards.json').then(function (shards) {
      if (!m.keys) m.keys = new Set(shards.keys.split(' '));
      return Promise.all(list.map(function (w, i) {
        return matchWord(m, w, typing && i === list.length - 1);
      }));
    }).then(function (weights) {
      var score = new Float32Array(m.documents);
      for (var d = 0; d < m.documents; d++) score[d] = 1;
      weights.forEach(function (weight) {
        var df = 0;
        for (var d = 0; d < m.documents; d++) if (weight[d]) df++;
        var idf = Math.log(1 + m.documents / (df || 1));
        for (d = 0; d < m.documents; d++) score[d] = score[d] && weight[d] ? score[d] + weight[d] * idf : 0;
      });
      return score;
    });
  }

  // ---- facets ----
  function facetOf(m, name) {
    for (var i = 0; i < m.facets.length; i++) if (m.facets[i].name === name) return m.facets[i];
    return null;
  }
  function activeFilters(m, s) {
    var out = [];
    FACETS.forEach(function (name) {
      var values = s.filters[name];
      if (!values || !values.length) return;
      if (name === 'unit') {
        var ranges = values.map(function (p) { return m.unitPaths.indexOf(p); })
          .filter(function (i) { return i >= 0; })
          .map(function (i) { return [m.unitFirst[i], m.unitEnd[i]]; });
        out.push({ name: name, ranges: ranges });
      } else {
        var f = facetOf(m, name);
        if (!f) return;
        out.push({ name: name, codes: values.map(function (v) { return f.values.indexOf(v); })
          .filter(function (c) { return c >= 0; }) });
      }
    });
    return out;
  }
  function passes(filter, columns, d) {
    if (filter.ranges) return filter.ranges.some(function (r) { return d >= r[0] && d < r[1]; });
    var col = columns[filter.name];
    var set = col.sets[col.column.charCodeAt(d) - 48];
    return filter.codes.some(function (c) { return set.indexOf(c) >= 0; });
  }
  function valuesOf(columns, name, d) {
    var col = columns[name];
    return col.sets[col.column.charCodeAt(d) - 48];
  }

  function evaluate(m, s) {
    var filters = activeFilters(m, s);
    var single = !words(s.q, m).length && filters.length === 1 &&
      (filters[0].ranges ? filters[0].ranges.length : filters[0].codes.length) === 1;
    if (!words(s.q, m).length && !filters.length) return Promise.resolve(browseAll(m));
    if (single) return browseOne(m, s, filters[0]);
    return Promise.all([scoreQuery(m, s.q), load('columns.json')]).then(function (r) {
      return combine(m, s, filters, r[0], r[1]);
    });
  }

  function overallCounts(m) {
    var counts = {};
    m.facets.forEach(function (f) { counts[f.name] = f.counts.slice(); });
    counts.unit = m.units.map(function (u, i) { return m.unitEnd[i] - m.unitFirst[i]; });
    return counts;
  }
  function browseAll(m) {
    var docs = new Uint32Array(m.documents);
    for (var d = 0; d < m.documents; d++) docs[d] = d;
    return { docs: docs, total: docs.length, score: null, counts: overallCounts(m) };
  }
  // A browse by one value: its file has the counts and, for each sort
  // order, the first page with its records; the document set is a file of
  // its own (a range for a unit), loaded only when more is needed.
  function browseOne(m, s, filter) {
    var unit = filter.ranges ? m.unitPaths.indexOf(s.filters.unit[0]) : -1;
    var path = unit >= 0 ? 'f/unit/' + unit : 'f/' + filter.name + '/' + filter.codes[0];
    return load(path + '.json').then(function (file) {
      Object.keys(file.records).forEach(function (d) { known[d] = file.records[d]; });
      var overall = overallCounts(m);
      var counts = {};
      FACETS.forEach(function (name) {
        if (name === filter.name) { counts[name] = overall[name]; return; }
        var size = name === 'unit' ? m.units.length : facetOf(m, name).values.length;
        var c = new Array(size).fill(0);
        // Dense: one count per code; sparse: [code, count] pairs.
        (file.counts[name] || []).forEach(function (entry, code) {
          if (typeof entry === 'number') c[code] = entry; else c[entry[0]] = entry[1];
        });
        counts[name] = name === 'unit' ? subtreeCounts(m, c) : c;
      });
      var docs = function () {
        if (unit < 0) {
          return load(path + '.docs.json').then(function (set) {
            var list = []; eachDoc(set, function (d) { list.push(d); }); return list;
          });
        }
        var range = [];
        for (var d = m.unitFirst[unit]; d < m.unitEnd[unit]; d++) range.push(d);
        return Promise.resolve(range);
      };
      return { docs: docs, first: file.first, score: null, counts: counts,
        total: overall[filter.name][unit >= 0 ? unit : filter.codes[0]] };
    });
  }
  function subtreeCounts(m, own) {
    var total = own.slice();
    for (var i = m.units.length - 1; i >= 0; i--) {
      var parent = m.units[i][2];
      if (parent !== null) total[parent] += total[i];
    }
    return total;
  }
  // Counts for a facet ignore that facet's own filter, so that choosing
  // one value still shows how many the others hold.
  function combine(m, s, filters, score, columns) {
    var counts = {};
    FACETS.forEach(function (name) {
      counts[name] = new Array(name === 'unit' ? m.units.length : facetOf(m, name).values.length).fill(0);
    });
    var docs = [];
    for (var d = 0; d < m.documents; d++) {
      if (score && !score[d]) continue;
      var failed = -1, failures = 0;
      for (var i = 0; i < filters.length && failures < 2; i++) {
        if (!passes(filters[i], columns, d)) { failures++; failed = i; }
      }
      if (failures > 1) continue;
      if (!failures) docs.push(d);
      for (var f = 0; f < FACETS.length; f++) {
        var name = FACETS[f];
        if (failures && filters[failed].name !== name) continue;
        if (name === 'unit') counts.unit[m.unitByDoc[d]]++;
        else valuesOf(columns, name, d).forEach(function (c) { counts[name][c]++; });
      }
    }
    counts.unit = subtreeCounts(m, counts.unit);
    return { docs: docs, total: docs.length, score: score, counts: counts };
  }

  // ---- ordering ----
  function datesOf(gaps) {
    var days = new Float64Array(gaps.length), at = 0;
    for (var i = 0; i < gaps.length; i++) {
      if (gaps[i] === null) days[i] = NaN; else { at += gaps[i]; days[i] = at; }
    }
    return days;
  }
  function order(m, s, result) {
    var docs = Array.from(result.docs);
    if (s.sort === 'relevance') {
      if (result.score) docs.sort(function (a, b) { return result.score[b] - result.score[a] || a - b; });
      return Promise.resolve(docs);
    }
    return load('sort.json').then(function (keys) {
      if (s.sort === 'newest') {
        var signed = keys.signedDays || (keys.signedDays = datesOf(keys.signed));
        docs.sort(function (a, b) { return latestFirst(signed[a], signed[b]) || a - b; });
      } else {
        var expires = keys.expiresDays || (keys.expiresDays = datesOf(keys.expires));
        var today = Date.parse(m.today) / 86400000;
        var rank = function (d) { var e = expires[d]; return isNaN(e) ? Infinity : e >= today ? e - today : 1e7 - e; };
        docs.sort(function (a, b) { return rank(a) - rank(b) || a - b; });
      }
      return docs;
    });
  }
  // Unsigned documents (NaN) last.
  function latestFirst(x, y) {
    if (isNaN(x)) return isNaN(y) ? 0 : 1;
    if (isNaN(y)) return -1;
    return y - x;
  }

  // Loads the chunks holding `docs` that are not known yet, a few at a
  // time: a CSV of a large result set needs thousands.
  var known = {};
  function records(m, docs) {
    var keys = [], seen = {};
    docs.forEach(function (d) {
      var k = Math.floor(d / m.display_chunk);
      if (!known[d] && !seen[k]) { seen[k] = 1; keys.push(k); }
    });
    var next = 0;
    function worker() {
      if (next >= keys.length) return Promise.resolve();
      var k = keys[next++];
      return load('d/' + k + '.json').then(function (rows) {
        rows.forEach(function (row, i) { known[k * m.display_chunk + i] = row; });
        return worker();
      });
    }
    var workers = [];
    for (var i = 0; i < 12; i++) workers.push(worker());
    return Promise.all(workers).then(function () {
      return docs.map(function (d) {
        var row = known[d], rec = {};
        m.record_fields.forEach(function (f, i) { rec[f] = row[i]; });
        rec.doc = d;
        return rec;
      });
    });
  }

  // ---- rendering ----
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }

  var ui = {};
  function build(m) {
    mount.textContent = '';
    var input = el('input', { type: 'search', id: 'pakta-q', name: 'q', autocomplete: 'off',
      'aria-describedby': 'pakta-status', 'aria-controls': 'pakta-results' });
    var sort = el('select', { id: 'pakta-sort' });
    Object.keys(SORTS).forEach(function (k) { sort.appendChild(el('option', { value: k, text: (terms.sort || {})[SORTS[k]] || k })); });
    var csv = el('button', { type: 'button', id: 'pakta-csv', text: say('search-csv') });
    var form = el('form', { role: 'search', class: 'pakta-search-form' }, [
      el('label', { for: 'pakta-q', text: say('search-query') }), input,
      el('label', { for: 'pakta-sort', text: say('sort') }), sort, csv
    ]);
    form.addEventListener('submit', function (e) { e.preventDefault(); update({ q: input.value, page: 1 }, true); });
    input.addEventListener('input', debounce(function () { update({ q: input.value, page: 1 }, false); }, 120));
    sort.addEventListener('change', function () { update({ sort: sort.value, page: 1 }, true); });
    csv.addEventListener('click', function () { downloadCsv(m); });
    var facets = el('div', { class: 'pakta-facets', id: 'pakta-facets' });
    facets.addEventListener('change', function (e) {
      var t = e.target, filters = Object.assign({}, state.filters);
      if (t.tagName === 'SELECT') {
        if (t.value) filters.unit = [t.value]; else delete filters.unit;
      } else {
        var list = (filters[t.name] || []).filter(function (v) { return v !== t.value; });
        if (t.checked) list.push(t.value);
        if (list.length) filters[t.name] = list; else delete filters[t.name];
      }
      update({ filters: filters, page: 1 }, true);
    });
    var status = el('p', { id: 'pakta-status', role: 'status', 'aria-live': 'polite' });
    var results = el('ol', { id: 'pakta-results', class: 'pakta-results', tabindex: '-1', 'aria-label': say('search-results') });
    var pager = el('nav', { 'aria-label': say('search-pages'), class: 'pakta-pager' });
    mount.appendChild(form);
    mount.appendChild(el('div', { class: 'pakta-layout' }, [facets, el('div', {}, [status, results, pager])]));
    ui = { input: input, sort: sort, facets: facets, status: status, results: results, pager: pager };
  }

  function renderFacets(m, counts) {
    var box = ui.facets;
    var focused = document.activeElement && box.contains(document.activeElement) ? document.activeElement.id : null;
    box.textContent = '';
    FACETS.forEach(function (name) {
      var set = el('fieldset', { class: 'pakta-facet' }, [el('legend', { text: L.facet[name] })]);
      var chosen = state.filters[name] || [];
      if (name === 'unit') {
        var select = el('select', { id: 'pakta-f-unit', name: 'unit', 'aria-label': L.facet.unit });
        select.appendChild(el('option', { value: '', text: say('search-all-units') }));
        m.units.forEach(function (u, i) {
          if (!counts.unit[i] && chosen.indexOf(m.unitPaths[i]) < 0) return;
          var depth = m.unitPaths[i] ? m.unitPaths[i].split('/').length : 0;
          var o = el('option', { value: m.unitPaths[i],
            text: '\u00a0\u00a0'.repeat(depth) + u[1] + ' (' + counts.unit[i] + ')' });
          if (chosen.indexOf(m.unitPaths[i]) >= 0) o.selected = true;
          select.appendChild(o);
        });
        set.appendChild(select);
      } else {
        facetOf(m, name).values.forEach(function (v, code) {
          var n = counts[name][code] || 0;
          if (!n && chosen.indexOf(v) < 0) return;
          var id = 'pakta-f-' + name + '-' + code;
          var box2 = el('input', { type: 'checkbox', id: id, name: name, value: v });
          box2.checked = chosen.indexOf(v) >= 0;
          set.appendChild(el('div', { class: 'pakta-facet-value' }, [box2,
            el('label', { for: id }, [document.createTextNode(label(name, v) + ' '),
              el('span', { class: 'pakta-count', 'data-facet': name, 'data-value': v, text: String(n) })])]));
        });
      }
      box.appendChild(set);
    });
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  }

  function renderResults(m, recs, total, s) {
    var list = ui.results;
    list.textContent = '';
    var terms = words(s.q, m);
    recs.forEach(function (r) {
      var unitIx = m.unitByDoc[r.doc];
      var li = el('li', { class: 'pakta-result' }, [
        el('h2', contentLang({}), [el('a', { href: base + r.id + '/', text: r.title })]),
        el('p', { class: 'pakta-meta' }, [
          el('span', { class: 'pakta-badge pakta-status-' + r.status, text: label('status', r.status) }),
          document.createTextNode(' ' + m.units[unitIx][1] + (r.partners ? ' · ' + r.partners : '') +
            (r.signed ? ' · ' + longDate(r.signed) : ''))
        ]),
        el('p', contentLang({ class: 'pakta-snippet' }), highlight(r.summary || '', terms))
      ]);
      list.appendChild(li);
    });
    ui.status.textContent = total ? say('search-found', { n: total }) : say('search-found-none');
    ui.pager.textContent = '';
    var pages = Math.ceil(total / m.page_size);
    if (pages > 1) {
      if (s.page > 1) ui.pager.appendChild(pageButton(say('previous'), s.page - 1));
      ui.pager.appendChild(el('span', { text: ' ' + say('page') + ' ' + s.page + ' ' + say('of-total') + ' ' + pages + ' ' }));
      if (s.page < pages) ui.pager.appendChild(pageButton(say('next'), s.page + 1));
    }
  }
  function pageButton(text, page) {
    var b = el('button', { type: 'button', text: text });
    b.addEventListener('click', function () { update({ page: page }, true); ui.results.focus(); });
    return b;
  }
  function highlight(text, terms) {
    if (!terms.length) return [document.createTextNode(text)];
    var out = [];
    text.split(/(\s+)/).forEach(function (part) {
      var folded = fold(part, manifest).replace(/[^\p{L}\p{N}]/gu, '');
      var hit = folded && terms.some(function (t) { return folded.indexOf(t) === 0; });
      out.push(hit ? el('mark', { text: part }) : document.createTextNode(part));
    });
    return out;
  }

  // ---- CSV ----
  // Written exactly as data/agreements.csv (pakta_content::csv): every
  // cell quoted, and one a spreadsheet would run as a formula kept as text.
  function csvCell(v) {
    var t = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(t)) t = "'" + t;
    return '"' + t.replace(/"/g, '""') + '"';
  }
  function downloadCsv(m) {
    if (!lastOrdered) return;
    ui.status.textContent = say('search-csv-preparing', { n: lastTotal });
    lastOrdered().then(function (docs) {
      return Promise.all([records(m, docs), load('columns.json')]);
    }).then(function (r) {
      var columns = r[1];
      var head = m.record_fields.concat(['url', 'unit', 'unit_name', 'kind', 'scope', 'flags', 'partner_categories']);
      var lines = [head.map(csvCell).join(',')];
      r[0].forEach(function (rec) {
        var named = function (name) {
          var f = facetOf(m, name);
          return valuesOf(columns, name, rec.doc).map(function (c) { return f.values[c]; }).join('; ');
        };
        var unitIx = m.unitByDoc[rec.doc];
        var row = m.record_fields.map(function (f) { return rec[f]; }).concat([
          new URL(base + rec.id + '/', location.href).href, m.unitPaths[unitIx], m.units[unitIx][1],
          named('kind'), named('scope'), named('flags'), named('category')]);
        lines.push(row.map(csvCell).join(','));
      });
      var blob = new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
      var a = el('a', { href: URL.createObjectURL(blob), download: say('search-csv-file') });
      document.body.appendChild(a); a.click(); a.remove();
      ui.status.textContent = say('search-csv-done', { n: lines.length - 1 });
    });
  }

  // ---- the loop ----
  var state = readState(), manifest = null, run = 0, lastOrdered = null, lastTotal = 0;
  function debounce(fn, ms) { var t; return function () { clearTimeout(t); t = setTimeout(fn, ms); }; }
  function update(change, push) {
    state = Object.assign({}, state, change);
    writeState(state, push);
    search();
  }
  function search() {
    var mine = ++run, m = manifest, s = state;
    mount.setAttribute('aria-busy', 'true');
    mount.setAttribute('data-state', 'loading');
    evaluate(m, s).then(function (result) {
      // The whole result set in order, only when something needs it.
      var ordered = null;
      var all = function () {
        if (!ordered) {
          ordered = (typeof result.docs === 'function' ? result.docs() : Promise.resolve(result.docs))
            .then(function (docs) { return order(m, s, { docs: docs, score: result.score }); });
        }
        return ordered;
      };
      var size = m.page_size;
      var first = s.page === 1 && result.first && result.first[s.sort];
      var page = first ? Promise.resolve(first)
        : all().then(function (docs) { return docs.slice((s.page - 1) * size, s.page * size); });
      return page.then(function (docs) { return records(m, docs); })
        .then(function (recs) { return [result, all, recs]; });
    }).then(function (r) {
      if (mine !== run) return;
      var started = performance.now();
      lastOrdered = r[1]; lastTotal = r[0].total;
      renderResults(m, r[2], r[0].total, s);
      renderFacets(m, r[0].counts);
      mount.setAttribute('data-render-ms', (performance.now() - started).toFixed(1));
      mount.setAttribute('data-total', String(r[0].total));
      mount.setAttribute('data-state', 'ready');
      mount.removeAttribute('aria-busy');
    }).catch(function (e) {
      if (mine !== run) return;
      ui.status.textContent = say('search-failed', { error: e.message });
      mount.setAttribute('data-state', 'error');
      mount.removeAttribute('aria-busy');
    });
  }
  // For tests and benchmarks: the ids of the whole current result set.
  mount.resultIds = function () {
    return lastOrdered().then(function (docs) { return records(manifest, docs); })
      .then(function (r) { return r.map(function (x) { return x.id; }); });
  };

  // For tests: the folding of the page, as the index folds.
  mount.fold = function (text) { return fold(text, manifest); };

  window.addEventListener('popstate', function () {
    state = readState();
    if (ui.input) { ui.input.value = state.q; ui.sort.value = state.sort; }
    if (manifest) search();
  });
  load('manifest.json').then(function (m) {
    if (m.version !== 2) throw new Error('index version ' + m.version);
    manifest = prepare(m);
    build(m);
    ui.input.value = state.q;
    ui.sort.value = state.sort;
    var header = document.querySelector('header form[role=search] input[name=q]');
    if (header) header.value = state.q;
    search();
  }).catch(function (e) {
    mount.textContent = say('search-unavailable', { error: e.message });
    mount.setAttribute('data-state', 'error');
  });
})();
