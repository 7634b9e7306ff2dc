// Decap CMS keeps a date picked in the form as text ("2024-06-10"), which
// its TOML writer puts in quotes; pakta reads only bare TOML dates. Before
// each save, every date key the page lists in data-date-fields (from the
// content format) is turned into a date the writer puts down bare, the
// same kind of value the CMS reads from an existing file.
(function () {
  'use strict';
  var script = document.currentScript;
  var paths = (script.getAttribute('data-date-fields') || '')
    .split(' ')
    .filter(Boolean)
    .map(function (path) { return path.split('.'); });

  function BareDate(text) {
    var date = new Date(text + 'T00:00:00Z');
    Object.setPrototypeOf(date, BareDate.prototype);
    date.text = text;
    return date;
  }
  BareDate.prototype = Object.create(Date.prototype);
  BareDate.prototype.constructor = BareDate;
  BareDate.prototype.toISOString = function () { return this.text; };

  function bare(value) {
    return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? BareDate(value)
      : value;
  }

  // `data` is an Immutable collection; `*` stands for every item of a list.
  function update(data, path) {
    if (!data || typeof data.get !== 'function') {
      return data;
    }
    var key = path[0];
    var rest = path.slice(1);
    if (key === '*') {
      return data.map(function (item) { return update(item, rest); });
    }
    if (!data.has(key)) {
      return data;
    }
    var value = data.get(key);
    return data.set(key, rest.length ? update(value, rest) : bare(value));
  }

  window.CMS.registerEventListener({
    name: 'preSave',
    handler: function (event) {
      var data = event.entry.get('data');
      paths.forEach(function (path) { data = update(data, path); });
      return data;
    },
  });
})();
