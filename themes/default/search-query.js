// pakta search, the part a query needs: folding and splitting the words,
// the term shards, affixed forms and typos, several filters and date
// limits at once, excerpts from documents and the CSV download.
// search.js loads it only then, so that a browse by one value downloads
// the core alone; it hands this script what both share (`core`).
(function () {
  'use strict';

  var mount = document.getElementById('pakta-search');
  if (!mount) return;
  mount.queryModule = function (core) {
    var load = core.load, eachDoc = core.eachDoc, say = core.say, el = core.el, base = core.base;
    var contentLang = core.contentLang, facetOf = core.facetOf, FACETS = core.FACETS, ui = core.ui;
    var records = core.records, subtreeCounts = core.subtreeCounts;

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

    // The stem each word leads to in the index (a stem itself or a written
    // form), or null: one lookup in each word's shard.
    function indexedStems(m, list) {
      return Promise.all(list.map(function (w) {
        var key = shardOf(m, w);
        return key ? load(shardFile(key)) : null;
      })).then(function (shards) {
        return list.map(function (w, i) {
          var sh = shards[i];
          return !sh ? null : sh.t[w] ? w : sh.w[w] || null;
        });
      });
    }

    // The stems a word leads to, with the share of its weight: the word as
    // written; typing, the longer words it begins (half); unknown, the root
    // its affixes lead to; still unknown, words spelt nearly alike.
    function stemsOfWord(m, word, prefix) {
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
        if (Object.keys(stems).length) return { stems: stems };
        return rootOf(m, word).then(function (root) {
          if (root) { stems[root] = 1; return { stems: stems }; }
          return similarWords(m, word).then(function (similar) {
            return indexedStems(m, similar).then(function (found) {
              found.forEach(function (stem) { if (stem && !stems[stem]) stems[stem] = TYPO_SHARE; });
              return { stems: stems, correction: similar[0] || null };
            });
          });
        });
      });
    }

    // Each query word's weight per document: the best field it occurs in,
    // times the share of the stem that led there.
    function matchWord(m, word, prefix) {
      return stemsOfWord(m, word, prefix).then(function (found) {
        var stems = found.stems, list = Object.keys(stems);
        return loadShards(m, list.map(function (s) { return shardOf(m, s); })).then(function (more) {
          var weight = new Float32Array(m.documents);
          list.forEach(function (stem) {
            var sets = null;
            more.forEach(function (sh) { if (sh.t[stem]) sets = sh.t[stem]; });
            if (!sets) return;
            sets.slice(0, m.weights.length).forEach(function (set, field) {
              var w = m.weights[field] * stems[stem];
              eachDoc(set, function (d) { if (weight[d] < w) weight[d] = w; });
            });
            notePages(m, word, stem, sets);
          });
          return { weight: weight, correction: found.correction || null };
        });
      });
    }

    // ---- affixed forms: candidate roots by Indonesian affix rules ----
    // The index stems with Sastrawi's rules (crates/pakta-search/src/stem.rs);
    // a written form the corpus never uses is brought to the roots these
    // rules allow, and the first one the index knows is taken. Protected
    // words and the index's corrections come with the manifest.
    var PARTICLES = ['lah', 'kah', 'pun', 'tah'], POSSESSIVES = ['ku', 'mu', 'nya'];
    var SUFFIXES = ['kan', 'an', 'i'];
    // Prefix and suffix pairs that do not occur together (Nazief and Adriani).
    var NOT_TOGETHER = { be: ['i'], di: ['an'], ke: ['i', 'kan'], me: ['an'], se: ['i', 'kan'], te: ['an'] };
    var VOWEL = /^[aiueo]/;
    function endingsOff(word, endings) {
      var out = [];
      endings.forEach(function (e) {
        if (word.length > e.length + 2 && word.slice(-e.length) === e) out.push(word.slice(0, -e.length));
      });
      return out.concat([word]);
    }
    // [prefix, what is left] for each way the word can begin with a prefix,
    // the sound changes of me- and pe- undone (meng-/meny-/mem-/men-).
    function prefixesOff(w) {
      var out = [], start = w.slice(0, 2);
      var add = function (name, rest) { if (rest.length >= 3) out.push([name, rest]); };
      if (start === 'di' || start === 'ke' || start === 'se') add(start, w.slice(2));
      if (start === 'be' || start === 'te' || start === 'pe') {
        if (w[2] === 'r') add(start, w.slice(3));
        if (w.slice(2, 4) === 'la' && start !== 'te') add(start, w.slice(3)); // belajar, pelajar
      }
      if (start === 'be' && !VOWEL.test(w.slice(2)) && w[2] !== 'r') add('be', w.slice(2)); // bekerja
      if (start === 'me' || start === 'pe') {
        var rest = w.slice(3);
        if (w.slice(2, 4) === 'ng') {
          add(start, w.slice(4));
          if (VOWEL.test(w.slice(4))) add(start, 'k' + w.slice(4));
        } else if (w.slice(2, 4) === 'ny') {
          if (VOWEL.test(w.slice(4))) add(start, 's' + w.slice(4));
          add(start, w.slice(2));
        } else if (w[2] === 'm') {
          if (/^[bfvp]/.test(rest)) add(start, rest);
          if (VOWEL.test(rest)) add(start, 'p' + rest);
          add(start, w.slice(2));
        } else if (w[2] === 'n') {
          if (/^[cdjszt]/.test(rest)) add(start, rest);
          if (VOWEL.test(rest)) add(start, 't' + rest);
          add(start, w.slice(2));
        } else if (/^[lrwy]/.test(w.slice(2))) {
          add(start, w.slice(2));
        } else if (start === 'pe' && !VOWEL.test(w.slice(2))) {
          add(start, w.slice(2)); // pekerja
        }
      }
      return out;
    }
    function affixRoots(word, protectedWords) {
      if (!/^[a-z]{5,}$/.test(word)) return [];
      var kept = protectedWords || [];
      var out = [], seen = {};
      seen[word] = 1;
      var keep = function (c) { if (c.length >= 3 && !seen[c]) { seen[c] = 1; out.push(c); } };
      var strip = function (w, suffix, depth) {
        if (depth === 3) return;
        prefixesOff(w).forEach(function (option) {
          if (!depth && suffix && (NOT_TOGETHER[option[0]] || []).indexOf(suffix) >= 0) return;
          keep(option[1]);
          strip(option[1], suffix, depth + 1);
        });
      };
      endingsOff(word, PARTICLES).forEach(function (a) {
        endingsOff(a, POSSESSIVES).forEach(function (b) {
          // A protected word with a particle or possessive is that word.
          if (kept.indexOf(b) >= 0) { keep(b); return; }
          SUFFIXES.forEach(function (x) {
            if (b.length > x.length + 2 && b.slice(-x.length) === x) strip(b.slice(0, -x.length), x, 0);
          });
          strip(b, '', 0);
          SUFFIXES.forEach(function (x) {
            if (b.length > x.length + 2 && b.slice(-x.length) === x) keep(b.slice(0, -x.length));
          });
          keep(b);
        });
      });
      return out;
    }
    function rootOf(m, word) {
      if (m.protected.indexOf(word) >= 0) return Promise.resolve(null);
      if (m.corrections[word]) return Promise.resolve(m.corrections[word]);
      var candidates = affixRoots(word, m.protected);
      return indexedStems(m, candidates).then(function (stems) {
        for (var i = 0; i < stems.length; i++) if (stems[i]) return stems[i];
        return null;
      });
    }

    // ---- typos: words of the index within a small edit distance ----
    // The vocabulary is split by length (v/<length>.json, most frequent
    // first) and fetched only for a word that matched nothing.
    var TYPO_SHARE = 0.4, TYPO_MIN = 5, TYPO_TWO = 8, TYPO_MAX = 5;
    function similarWords(m, word) {
      var n = Array.from(word).length;
      if (n < TYPO_MIN || !m.vocabulary) return Promise.resolve([]);
      var most = n >= TYPO_TWO ? 2 : 1, lengths = [];
      for (var len = n - most; len <= n + most; len++) if (m.vocabulary.indexOf(len) >= 0) lengths.push(len);
      return Promise.all(lengths.map(function (len) { return load('v/' + len + '.json'); })).then(function (files) {
        var found = [];
        files.forEach(function (file) {
          file.split(' ').forEach(function (candidate, rank) {
            var d = editDistance(word, candidate, most);
            if (d <= most) found.push([d, typoKind(n, candidate), rank, candidate]);
          });
        });
        found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
        return found.slice(0, TYPO_MAX).map(function (f) { return f[3]; });
      });
    }
    // Among words as near, a letter left out is the likeliest slip, then
    // one mistyped, then one too many.
    function typoKind(length, candidate) {
      var other = Array.from(candidate).length;
      return other > length ? 0 : other === length ? 1 : 2;
    }
    // Optimal string alignment distance (a swap of neighbours is one edit),
    // given up as soon as it exceeds `most`.
    function editDistance(a, b, most) {
      if (Math.abs(a.length - b.length) > most) return most + 1;
      var prev2 = null, prev = [], row;
      for (var j = 0; j <= b.length; j++) prev.push(j);
      for (var i = 1; i <= a.length; i++) {
        row = [i];
        var best = i;
        for (j = 1; j <= b.length; j++) {
          var cost = a[i - 1] === b[j - 1] ? 0 : 1;
          var v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
          if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
          row.push(v);
          if (v < best) best = v;
        }
        if (best > most) return most + 1;
        prev2 = prev; prev = row;
      }
      return prev[b.length];
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
      }).then(function (matches) {
        var score = new Float32Array(m.documents);
        for (var d = 0; d < m.documents; d++) score[d] = 1;
        matches.forEach(function (match) {
          var weight = match.weight, df = 0;
          for (var d = 0; d < m.documents; d++) if (weight[d]) df++;
          var idf = Math.log(1 + m.documents / (df || 1));
          for (d = 0; d < m.documents; d++) score[d] = score[d] && weight[d] ? score[d] + weight[d] * idf : 0;
        });
        // The query with each unknown word replaced by its nearest spelling.
        var corrected = matches.some(function (x) { return x.correction; }) ?
          list.map(function (w, i) { return matches[i].correction || w; }).join(' ') : null;
        return { score: score, corrected: corrected };
      });
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

    // ---- date limits: signing and end dates, as days since 1970, from the
    // files of the years the limits span (dates/<field>/<year>.json) ----
    function dayOf(iso) { return Date.parse(iso + 'T00:00:00Z') / 86400000; }
    function yearOf(day) { return isFinite(day) ? new Date(day * 86400000).getUTCFullYear() : day; }
    // Each field's limits taken together (an end date between two days and
    // within the next N days): a document must be within all of them.
    function dateLimits(m, limits) {
      var out = {};
      var narrow = function (field, from, to) {
        var range = out[field] || (out[field] = [-Infinity, Infinity]);
        range[0] = Math.max(range[0], from);
        range[1] = Math.min(range[1], to);
      };
      var between = function (field, from, to) {
        if (from || to) narrow(field, from ? dayOf(from) : -Infinity, to ? dayOf(to) : Infinity);
      };
      between('signed', limits.signed_from, limits.signed_to);
      between('expires', limits.ends_from, limits.ends_to);
      // "Within the next N days" counts from the day the site was built.
      if (limits.ends_within) narrow('expires', dayOf(m.today), dayOf(m.today) + +limits.ends_within);
      return out;
    }
    // The field's days for the documents dated in the years of [from, to];
    // NaN for the others, which are outside the limits anyway.
    function daysWithin(m, field, range) {
      var years = (m.date_years[field] || []).filter(function (y) {
        return y >= yearOf(range[0]) && y <= yearOf(range[1]);
      });
      return Promise.all(years.map(function (y) { return load('dates/' + field + '/' + y + '.json'); })).then(function (files) {
        var days = new Float64Array(m.documents).fill(NaN);
        files.forEach(function (file) {
          var i = 0;
          eachDoc(file.docs, function (d) { days[d] = file.from + file.days[i++]; });
        });
        return days;
      });
    }
    function dateTest(m, limits) {
      var ranges = dateLimits(m, limits), fields = Object.keys(ranges);
      return Promise.all(fields.map(function (f) { return daysWithin(m, f, ranges[f]); })).then(function (columns) {
        // A missing date (NaN) is outside every limit.
        return function (d) {
          for (var i = 0; i < fields.length; i++) {
            var day = columns[i][d], range = ranges[fields[i]];
            if (!(day >= range[0] && day <= range[1])) return false;
          }
          return true;
        };
      });
    }

    // Counts for a facet ignore that facet's own filter, so that choosing
    // one value still shows how many the others hold.
    function combine(m, s, filters, score, columns, dated) {
      var counts = {};
      FACETS.forEach(function (name) {
        counts[name] = new Array(name === 'unit' ? m.units.length : facetOf(m, name).values.length).fill(0);
      });
      var docs = [];
      for (var d = 0; d < m.documents; d++) {
        if (score && !score[d]) continue;
        if (dated && !dated(d)) continue;
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

    function highlight(text, terms) {
      if (!terms.length) return [document.createTextNode(text)];
      var out = [];
      text.split(/(\s+)/).forEach(function (part) {
        var folded = fold(part, core.manifest()).replace(/[^\p{L}\p{N}]/gu, '');
        var hit = folded && terms.some(function (t) { return folded.indexOf(t) === 0; });
        out.push(hit ? el('mark', { text: part }) : document.createTextNode(part));
      });
      return out;
    }

    // ---- found in an attached document ----
    // A stem that an agreement holds only in its PDF documents carries,
    // after its field sets, the page of each such agreement: a page number
    // for its first document with text, else [document, page]. Kept per
    // query word for the result's "found in the document, p. N" line.
    var documentPages = {};
    function notePages(m, word, stem, sets) {
      var found = sets[m.weights.length];
      if (!found) return;
      var pages = documentPages[word] || (documentPages[word] = {});
      var i = 0;
      eachDoc(sets[m.weights.length - 1], function (d) {
        var at = found[i++];
        if (!pages[d]) pages[d] = { document: Array.isArray(at) ? at[0] : 0, page: Array.isArray(at) ? at[1] : at, stem: stem };
      });
    }
    // The line under a result found in a document: a link to that page of
    // the file, then an excerpt around the word from the page's text.
    function showDocumentMatch(m, r, terms, li) {
      var where = null;
      terms.some(function (t) { where = documentPages[t] && documentPages[t][r.doc]; return !!where; });
      // The record lists its documents with text after its named fields.
      var files = where && core.known[r.doc] && core.known[r.doc][m.record_fields.length];
      var file = files && files[where.document];
      if (!file) return;
      var href = base + file.split('/').map(encodeURIComponent).join('/') + '#page=' + where.page;
      var line = el('p', { class: 'pakta-in-document' }, [
        el('a', { href: href, text: say('search-found-in-document', { page: where.page }) })
      ]);
      li.appendChild(line);
      // One file holds the page texts of all the agreement's documents.
      load('x/' + r.doc + '.json')
        .then(function (documents) { return (documents[where.document] || [])[where.page - 1] || ''; })
        .then(function (text) {
          var parts = text.split(/\s+/);
          var hit = parts.findIndex(function (part) {
            var folded = part.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
            return folded && (terms.some(function (t) { return folded.indexOf(t) === 0; }) || folded.indexOf(where.stem) >= 0);
          });
          var from = Math.max(0, hit - 12), to = Math.max(hit, 0) + 18;
          var excerpt = (from > 0 ? '… ' : '') + parts.slice(from, to).join(' ') + (to < parts.length ? ' …' : '');
          if (excerpt.trim()) line.appendChild(el('span', contentLang({ class: 'pakta-snippet' }), highlight(excerpt, terms.concat([where.stem]))));
        })
        .catch(function () { /* the link stands without its excerpt */ });
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
      var ordered = core.lastOrdered();
      if (!ordered) return;
      ui.status.textContent = say('search-csv-preparing', { n: core.lastTotal() });
      ordered().then(function (docs) {
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
      }).catch(function (e) {
        ui.status.textContent = say('search-csv-failed', { error: e.message });
      });
    }

    // Several filters, date limits or words: every document is tested.
    function evaluate(m, s, filters, dated) {
      return Promise.all([scoreQuery(m, s.q), load('columns.json'), dated ? dateTest(m, s.dates) : null]).then(function (r) {
        var query = r[0] || { score: null, corrected: null };
        var result = combine(m, s, filters, query.score, r[1], r[2]);
        result.corrected = query.corrected;
        return result;
      });
    }

    return { evaluate: evaluate, words: words, fold: fold, affixRoots: affixRoots, highlight: highlight,
      showDocumentMatch: showDocumentMatch, downloadCsv: downloadCsv };
  };
})();
