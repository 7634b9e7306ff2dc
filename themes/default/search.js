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

  // When the last file of the index arrived: the time from it to the
  // results on screen is what the reader waits for once the data is here.
  var arrived = 0;
  var cache = {};
  function load(path) {
    if (!cache[path]) {
      // The error names only the file: the sentence around it is the
      // catalog's, in the reader's language.
      cache[path] = fetch(base + 'search/' + path).then(function (r) {
        if (!r.ok) throw new Error('search/' + path + ' (' + r.status + ')');
        return r.text();
      }, function () {
        throw new Error('search/' + path);
      }).then(function (body) {
        arrived = performance.now();
        return JSON.parse(body);
      }).catch(function (e) {
        delete cache[path]; // a later search tries again
        throw e;
      });
    }
    return cache[path];
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
  // Every parameter is checked against the index: what is not understood
  // is left out of the search and named in a notice.
  var DATE_LIMITS = ['signed_from', 'signed_to', 'ends_from', 'ends_to'];
  var WITHIN_DAYS = ['30', '90', '180'];
  function isDate(text) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    var day = new Date(text + 'T00:00:00Z');
    return !isNaN(day) && day.toISOString().slice(0, 10) === text;
  }
  function knownValue(m, facet, value) {
    if (facet === 'unit') return m.unitPaths.indexOf(value) >= 0;
    var f = facetOf(m, facet);
    return !!f && f.values.indexOf(value) >= 0;
  }
  function readState(m) {
    var p = new URLSearchParams(location.search);
    var s = { q: '', sort: 'relevance', page: 1, filters: {}, dates: {}, ignored: [] };
    p.forEach(function (value, name) {
      var ok = true;
      if (name === 'q') s.q = value;
      else if (name === 'sort') { ok = Object.prototype.hasOwnProperty.call(SORTS, value); if (ok) s.sort = value; }
      else if (name === 'page') { ok = /^[1-9][0-9]{0,5}$/.test(value); if (ok) s.page = +value; }
      else if (FACETS.indexOf(name) >= 0) {
        ok = knownValue(m, name, value);
        var list = s.filters[name] || (s.filters[name] = []);
        if (ok && list.indexOf(value) < 0) list.push(value);
        if (!list.length) delete s.filters[name];
      } else if (DATE_LIMITS.indexOf(name) >= 0) { ok = isDate(value); if (ok) s.dates[name] = value; }
      else if (name === 'ends_within') { ok = WITHIN_DAYS.indexOf(value) >= 0; if (ok) s.dates[name] = value; }
      else ok = false;
      if (!ok) s.ignored.push(name + '=' + value);
    });
    return s;
  }
  function writeState(s, push) {
    var p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    FACETS.forEach(function (f) { (s.filters[f] || []).forEach(function (v) { p.append(f, v); }); });
    DATE_LIMITS.concat(['ends_within']).forEach(function (name) { if (s.dates[name]) p.set(name, s.dates[name]); });
    if (s.sort !== 'relevance') p.set('sort', s.sort);
    if (s.page > 1) p.set('page', String(s.page));
    var url = location.pathname + (p.toString() ? '?' + p : '');
    if (url !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](null, '', url);
  }
  function filtersOn(s) {
    var n = Object.keys(s.dates).length;
    FACETS.forEach(function (f) { n += (s.filters[f] || []).length; });
    return n;
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
  // A browse without words, by nothing or by one value, needs only this
  // script and the value's file; anything else, the query script.
  function evaluate(m, s) {
    var filters = activeFilters(m, s);
    var dated = Object.keys(s.dates).length > 0;
    return (/\S/.test(s.q) ? withQuery() : Promise.resolve(null)).then(function (Q) {
      var browse = !dated && !(Q && Q.words(s.q, m).length);
      if (browse && !filters.length) return browseAll(m);
      if (browse && filters.length === 1 && (filters[0].ranges || filters[0].codes).length === 1) {
        return browseOne(m, s, filters[0]);
      }
      return withQuery().then(function (loaded) { return loaded.evaluate(m, s, filters, dated); });
    });
  }

  // The query script, loaded once when first needed (a script of the site,
  // as the Content-Security-Policy allows). Its arrival counts as data.
  var query = null, queryScript = null;
  function withQuery() {
    if (!queryScript) {
      queryScript = new Promise(function (resolve, reject) {
        var tag = document.createElement('script');
        var failed = function () {
          queryScript = null; // a later search tries again
          tag.remove();
          reject(new Error('assets/search-query.js'));
        };
        tag.src = base + 'assets/search-query.js';
        tag.onerror = failed;
        tag.onload = function () {
          arrived = performance.now();
          if (!mount.queryModule) { failed(); return; }
          query = mount.queryModule({ load: load, eachDoc: eachDoc, say: say, el: el, base: base,
            contentLang: contentLang, facetOf: facetOf, FACETS: FACETS, ui: ui, records: records, known: known,
            subtreeCounts: subtreeCounts, manifest: function () { return manifest; },
            lastOrdered: function () { return lastOrdered; }, lastTotal: function () { return lastTotal; } });
          resolve(query);
        };
        document.head.appendChild(tag);
      });
    }
    return queryScript;
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
    csv.addEventListener('click', function () {
      withQuery().then(function (Q) { Q.downloadCsv(m); }, function (e) {
        ui.status.textContent = say('search-csv-failed', { error: e.message });
      });
    });
    // The date fields are made once, before any data arrives: a date input
    // is slow to create, and kept in place it keeps the reader's focus and
    // half-typed day. The facet values are written again for each search.
    var facetValues = el('div'), dates = dateFacet(state);
    var facets = el('div', { class: 'pakta-facets', id: 'pakta-facets' }, [facetValues, dates]);
    facets.addEventListener('change', function (e) {
      var t = e.target, filters = Object.assign({}, state.filters);
      if (t.hasAttribute('data-date')) {
        var dates = Object.assign({}, state.dates);
        if (t.value) dates[t.name] = t.value; else delete dates[t.name];
        update({ dates: dates, page: 1 }, true);
        return;
      }
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
    var notice = el('p', { id: 'pakta-notice', class: 'pakta-notice', hidden: '' });
    var suggestion = el('p', { id: 'pakta-suggestion', class: 'pakta-suggestion', hidden: '' });
    var results = el('ol', { id: 'pakta-results', class: 'pakta-results', tabindex: '-1', 'aria-label': say('search-results') });
    var pager = el('nav', { 'aria-label': say('search-pages'), class: 'pakta-pager' });
    // On a narrow screen the facets fold behind this button, so that the
    // results come first (search.css shows it only there).
    var toggle = el('button', { type: 'button', id: 'pakta-filter', class: 'pakta-filter',
      'aria-expanded': 'false', 'aria-controls': 'pakta-facets' });
    var layout = el('div', { class: 'pakta-layout' });
    toggle.addEventListener('click', function () {
      var open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      layout.classList.toggle('pakta-facets-open', open);
    });
    mount.appendChild(form);
    mount.appendChild(notice);
    layout.appendChild(toggle);
    layout.appendChild(facets);
    layout.appendChild(el('div', { class: 'pakta-main' }, [status, suggestion, results, pager]));
    mount.appendChild(layout);
    ui = { input: input, sort: sort, facets: facets, facetValues: facetValues, dates: dates, status: status, results: results, pager: pager,
      notice: notice, suggestion: suggestion, toggle: toggle };
  }

  // What the address held that was not understood, and, for a query
  // whose words matched nothing, the query spelt as the index spells it.
  function renderNotices(s, corrected) {
    ui.notice.hidden = !s.ignored.length;
    ui.notice.textContent = s.ignored.length ? say('search-ignored', { names: s.ignored.join(', ') }) : '';
    ui.suggestion.textContent = '';
    ui.suggestion.hidden = !corrected;
    if (!corrected) return;
    var parts = say('search-did-you-mean', { query: '\u0000' }).split('\u0000');
    var link = el('a', { href: '?q=' + encodeURIComponent(corrected), text: corrected });
    link.addEventListener('click', function (e) {
      e.preventDefault();
      ui.input.value = corrected;
      update({ q: corrected, page: 1 }, true);
    });
    ui.suggestion.appendChild(document.createTextNode(parts[0]));
    ui.suggestion.appendChild(link);
    ui.suggestion.appendChild(document.createTextNode(parts[1] || ''));
    ui.suggestion.appendChild(el('span', { class: 'pakta-typo-note', text: ' ' + say('search-typo-note') }));
  }
  function renderToggle(s) {
    var n = filtersOn(s);
    ui.toggle.textContent = n ? say('search-filter-on', { n: n }) : say('search-filter');
  }

  // Signing and end dates between two days, or ending soon.
  function dateFacet(s) {
    var set = el('fieldset', { class: 'pakta-facet pakta-dates' }, [el('legend', { text: say('search-dates') })]);
    var range = function (title, from, to) {
      var group = el('div', { class: 'pakta-date-range', role: 'group', 'aria-label': title }, [
        el('span', { class: 'pakta-date-title', text: title })]);
      [[from, 'search-date-from'], [to, 'search-date-to']].forEach(function (pair) {
        var id = 'pakta-d-' + pair[0];
        var input = el('input', { type: 'date', id: id, name: pair[0], 'data-date': '' });
        input.value = s.dates[pair[0]] || '';
        group.appendChild(el('label', { for: id, text: say(pair[1]) }));
        group.appendChild(input);
      });
      return group;
    };
    set.appendChild(range(say('search-signed-between'), 'signed_from', 'signed_to'));
    set.appendChild(range(say('search-ends-between'), 'ends_from', 'ends_to'));
    var within = el('select', { id: 'pakta-d-ends_within', name: 'ends_within', 'data-date': '' });
    within.appendChild(el('option', { value: '', text: say('search-ends-within-any') }));
    WITHIN_DAYS.forEach(function (n) {
      var o = el('option', { value: n, text: say('search-ends-within-days', { n: n }) });
      if (s.dates.ends_within === n) o.selected = true;
      within.appendChild(o);
    });
    set.appendChild(el('div', { class: 'pakta-date-range' }, [
      el('label', { for: 'pakta-d-ends_within', text: say('search-ends-within') }), within]));
    return set;
  }

  // The facets are written as one piece of markup: with every unit of a
  // large site in the select, creating each element by itself took most
  // of the time between the data's arrival and the results on screen.
  var ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
  function escapeHtml(text) { return String(text).replace(/[&<>"]/g, function (c) { return ESCAPES[c]; }); }
  function renderFacets(m, counts) {
    var focused = document.activeElement && ui.facetValues.contains(document.activeElement)
      ? document.activeElement.id : null;
    var html = [];
    FACETS.forEach(function (name) {
      html.push('<fieldset class="pakta-facet"><legend>' + escapeHtml(L.facet[name]) + '</legend>');
      var chosen = state.filters[name] || [];
      if (name === 'unit') {
        html.push('<select id="pakta-f-unit" name="unit" aria-label="' + escapeHtml(L.facet.unit) + '">',
          '<option value="">' + escapeHtml(say('search-all-units')) + '</option>');
        if (!m.unitIndent) {
          m.unitIndent = m.unitPaths.map(function (p) { return '&nbsp;&nbsp;'.repeat(p ? p.split('/').length : 0); });
        }
        m.units.forEach(function (u, i) {
          var picked = chosen.indexOf(m.unitPaths[i]) >= 0;
          if (!counts.unit[i] && !picked) return;
          html.push('<option value="' + escapeHtml(m.unitPaths[i]) + '"' + (picked ? ' selected' : '') + '>' +
            m.unitIndent[i] + escapeHtml(u[1]) + ' (' + counts.unit[i] + ')</option>');
        });
        html.push('</select>');
      } else {
        facetOf(m, name).values.forEach(function (v, code) {
          var n = counts[name][code] || 0;
          var picked = chosen.indexOf(v) >= 0;
          if (!n && !picked) return;
          var id = 'pakta-f-' + name + '-' + code, value = escapeHtml(v);
          html.push('<div class="pakta-facet-value"><input type="checkbox" id="' + id + '" name="' + name +
            '" value="' + value + '"' + (picked ? ' checked' : '') + '><label for="' + id + '">' +
            escapeHtml(label(name, v)) + ' <span class="pakta-count" data-facet="' + name + '" data-value="' +
            value + '">' + n + '</span></label></div>');
        });
      }
      html.push('</fieldset>');
    });
    ui.facetValues.innerHTML = html.join('');
    Array.prototype.forEach.call(ui.dates.querySelectorAll('[data-date]'), function (input) {
      var value = state.dates[input.name] || '';
      if (input.value !== value) input.value = value;
    });
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  }

  function renderResults(m, recs, total, s) {
    var list = ui.results;
    list.textContent = '';
    // Words are marked only when there are words, and then the query
    // script is here.
    var terms = query ? query.words(s.q, m) : [];
    recs.forEach(function (r) {
      var unitIx = m.unitByDoc[r.doc];
      var li = el('li', { class: 'pakta-result' }, [
        el('h2', contentLang({}), [el('a', { href: base + r.id + '/', text: r.title })]),
        el('p', { class: 'pakta-meta' }, [
          el('span', { class: 'pakta-badge pakta-status-' + r.status, text: label('status', r.status) }),
          document.createTextNode(' ' + m.units[unitIx][1] + (r.partners ? ' · ' + r.partners : '') +
            (r.signed ? ' · ' + longDate(r.signed) : ''))
        ]),
        el('p', contentLang({ class: 'pakta-snippet' }), terms.length ? query.highlight(r.summary || '', terms)
          : [document.createTextNode(r.summary || '')])
      ]);
      list.appendChild(li);
      if (terms.length) query.showDocumentMatch(m, r, terms, li);
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
  // ---- the loop ----
  var state = null, manifest = null, run = 0, lastOrdered = null, lastTotal = 0;
  function debounce(fn, ms) { var t; return function () { clearTimeout(t); t = setTimeout(fn, ms); }; }
  function update(change, push) {
    state = Object.assign({}, state, change, { ignored: [] });
    writeState(state, push);
    search();
  }
  // `since`: when the data it starts from arrived, if not now (the
  // manifest, for the first search).
  function search(since) {
    var mine = ++run, m = manifest, s = state, begun = since || performance.now();
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
      // A page past the last is not understood either: the first is shown.
      if (s.page > Math.max(1, Math.ceil(result.total / size))) {
        s.ignored = s.ignored.concat(['page=' + s.page]);
        s.page = 1;
        writeState(s, false);
      }
      var first = s.page === 1 && result.first && result.first[s.sort];
      var page = first ? Promise.resolve(first)
        : all().then(function (docs) { return docs.slice((s.page - 1) * size, s.page * size); });
      return page.then(function (docs) { return records(m, docs); })
        .then(function (recs) { return [result, all, recs]; });
    }).then(function (r) {
      if (mine !== run) return;
      lastOrdered = r[1]; lastTotal = r[0].total;
      renderResults(m, r[2], r[0].total, s);
      renderFacets(m, r[0].counts);
      renderNotices(s, r[0].corrected);
      renderToggle(s);
      // From the last file this search needed (or its start, when every
      // file was already here) to the results in the page.
      var data = Math.max(arrived, begun), shown = performance.now();
      performance.measure('pakta-search', { start: data, end: shown });
      mount.setAttribute('data-render-ms', (shown - data).toFixed(1));
      mount.setAttribute('data-total', String(r[0].total));
      mount.setAttribute('data-state', 'ready');
      mount.removeAttribute('aria-busy');
    }).catch(function (e) {
      if (mine !== run) return;
      ui.status.textContent = say('search-failed', { error: e.message });
      ui.results.textContent = '';
      ui.pager.textContent = '';
      mount.setAttribute('data-state', 'error');
      mount.removeAttribute('aria-busy');
    });
  }
  // For tests and benchmarks: the ids of the whole current result set.
  mount.resultIds = function () {
    return lastOrdered().then(function (docs) { return records(manifest, docs); })
      .then(function (r) { return r.map(function (x) { return x.id; }); });
  };

  // For tests: the folding of the page, as the index folds, and the
  // candidate roots of an affixed word.
  mount.fold = function (text) {
    return withQuery().then(function (Q) { return Q.fold(text, manifest); });
  };
  mount.affixRoots = function (word) {
    return withQuery().then(function (Q) { return Q.affixRoots(word, manifest.protected); });
  };

  window.addEventListener('popstate', function () {
    if (!manifest) return;
    state = readState(manifest);
    ui.input.value = state.q;
    ui.sort.value = state.sort;
    search();
  });
  load('manifest.json').then(function (m) {
    if (m.version !== 4) throw new Error('index version ' + m.version);
    manifest = prepare(m);
    state = readState(m);
    writeState(state, false);
    build(m);
    ui.input.value = state.q;
    ui.sort.value = state.sort;
    var header = document.querySelector('header form[role=search] input[name=q]');
    if (header) header.value = state.q;
    search(arrived);
  }).catch(function (e) {
    mount.textContent = say('search-unavailable', { error: e.message });
    mount.setAttribute('data-state', 'error');
  });
})();
