(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var app = document.getElementById('app');

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return node;
  }
  // Only http(s) URLs become links; everything else is shown as text.
  function link(url) {
    if (typeof url === 'string' && /^https?:\/\//i.test(url)) {
      return el('a', {href: url, rel: 'noopener noreferrer nofollow', target: '_blank'}, [url]);
    }
    return el('span', {}, [url == null ? '' : String(url)]);
  }
  function section(id, title, children) {
    var s = el('section', {id: id}, [el('h2', {}, [title])].concat(children));
    app.appendChild(s);
    return s;
  }
  function fmtBytes(n) {
    if (n < 1024) { return n + ' B'; }
    if (n < 1048576) { return (n / 1024).toFixed(1) + ' KiB'; }
    return (n / 1048576).toFixed(1) + ' MiB';
  }

  // A sortable, filterable, paged table: only one page of rows is ever in the DOM.
  function table(id, columns, rows, options) {
    options = options || {};
    var pageSize = options.pageSize || 100;
    var state = {sort: null, dir: 1, filter: '', page: 0};
    var wrap = el('div', {id: id});
    var input = el('input', {type: 'search', placeholder: 'filter…', id: id + '-filter'});
    var count = el('span', {id: id + '-count', class: 'muted'});
    var prev = el('button', {id: id + '-prev'}, ['◀']);
    var next = el('button', {id: id + '-next'}, ['▶']);
    var pageLabel = el('span', {class: 'muted'});
    wrap.appendChild(el('div', {class: 'controls'}, [input, count, prev, pageLabel, next]));
    var thead = el('tr', {});
    columns.forEach(function (c, i) {
      var th = el('th', {class: 'sortable' + (c.num ? ' num' : ''), 'data-col': c.key}, [c.title]);
      th.addEventListener('click', function () {
        state.dir = state.sort === i ? -state.dir : (c.num ? -1 : 1);
        state.sort = i;
        state.page = 0;
        render();
      });
      thead.appendChild(th);
    });
    var tbody = el('tbody', {});
    wrap.appendChild(el('table', {}, [el('thead', {}, [thead]), tbody]));
    input.addEventListener('input', function () { state.filter = input.value.toLowerCase(); state.page = 0; render(); });
    prev.addEventListener('click', function () { if (state.page > 0) { state.page--; render(); } });
    next.addEventListener('click', function () { state.page++; render(); });
    function value(row, i) { return columns[i].get(row); }
    function render() {
      var shown = rows;
      if (state.filter) {
        shown = rows.filter(function (r) {
          return columns.some(function (c, i) { var v = value(r, i); return v != null && String(v).toLowerCase().indexOf(state.filter) >= 0; });
        });
      }
      if (state.sort !== null) {
        var i = state.sort;
        shown = shown.slice().sort(function (a, b) {
          var x = value(a, i), y = value(b, i);
          if (x == null) { return 1; } if (y == null) { return -1; }
          return (x < y ? -1 : x > y ? 1 : 0) * state.dir;
        });
      }
      var pages = Math.max(1, Math.ceil(shown.length / pageSize));
      if (state.page >= pages) { state.page = pages - 1; }
      count.textContent = shown.length + ' of ' + rows.length + ' rows';
      pageLabel.textContent = 'page ' + (state.page + 1) + ' / ' + pages;
      Array.prototype.forEach.call(thead.children, function (th, j) {
        th.classList.toggle('sorted-asc', state.sort === j && state.dir === 1);
        th.classList.toggle('sorted-desc', state.sort === j && state.dir === -1);
      });
      tbody.textContent = '';
      shown.slice(state.page * pageSize, (state.page + 1) * pageSize).forEach(function (r) {
        var tr = el('tr', options.onClick ? {class: 'clickable'} : {});
        columns.forEach(function (c, j) {
          var v = value(r, j);
          var td = el('td', {class: (c.num ? 'num ' : '') + (c.cls ? c.cls(r) : '')});
          td.appendChild(c.render ? c.render(v, r) : document.createTextNode(v == null ? '' : String(v)));
          tr.appendChild(td);
        });
        if (options.onClick) { tr.addEventListener('click', function () { options.onClick(r); }); }
        tbody.appendChild(tr);
      });
    }
    render();
    return wrap;
  }
  function countsTable(id, rows, keyTitle) {
    return table(id, [
      {key: 'key', title: keyTitle, get: function (r) { return r.key; }},
      {key: 'count', title: 'count', num: true, get: function (r) { return r.count; }}
    ], rows, {pageSize: 50});
  }

  // Header cards
  var t = data.totals;
  document.getElementById('title').textContent = 'Crawl report — ' + data.dir;
  section('totals', 'Totals (' + data.finishReason + ')', [el('div', {class: 'cards'}, [
    ['pages', t.pages], ['fetched', t.fetched], ['failed', t.failed], ['skipped', t.skipped],
    ['bytes', fmtBytes(t.bytes)], ['seconds', t.elapsedSeconds], ['pages/s', t.pagesPerSecond],
    ['broken targets', data.broken.length]
  ].map(function (c) { return el('div', {class: 'card', id: 'card-' + c[0].replace(/[^a-z]/g, '')}, [el('b', {}, [c[1]]), c[0]]); }))]);

  // Chart of pages over time and the status mix (inline SVG).
  (function chart() {
    var ns = 'http://www.w3.org/2000/svg';
    var points = data.timeline, w = 900, h = 120;
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', 'chart'); svg.setAttribute('viewBox', '0 0 ' + w + ' ' + (h + 16)); svg.setAttribute('width', '100%');
    var max = points.reduce(function (m, p) { return Math.max(m, p.count); }, 1);
    var bw = w / Math.max(points.length, 1);
    points.forEach(function (p, i) {
      var r = document.createElementNS(ns, 'rect');
      var bh = Math.max(1, p.count / max * h);
      r.setAttribute('x', i * bw); r.setAttribute('y', h - bh); r.setAttribute('width', Math.max(1, bw - 1)); r.setAttribute('height', bh);
      var tip = document.createElementNS(ns, 'title'); tip.textContent = p.key + ': ' + p.count + ' pages'; r.appendChild(tip);
      svg.appendChild(r);
    });
    var label = document.createElementNS(ns, 'text');
    label.setAttribute('x', 0); label.setAttribute('y', h + 12); label.textContent = 'pages per second, peak ' + max;
    svg.appendChild(label);
    var mix = el('div', {class: 'cards'}, data.statuses.map(function (s) {
      return el('div', {class: 'card status-' + String(s.key).charAt(0)}, [el('b', {}, [s.count]), 'status ' + s.key]);
    }));
    section('chart', 'Pages over time and status mix', [svg, mix]);
  })();

  if (data.changes) { // a crawl made since an earlier one
    var ch = data.changes;
    var urlRows = function (list) {
      return (list ? list.urls : []).map(function (u) { return typeof u === 'string' ? {url: u, now: ''} : u; });
    };
    var changeTable = function (id, list, withNow) {
      var columns = [{key: 'url', title: 'url', get: function (r) { return r.url; }, render: link,
        cls: function () { return 'url'; }}];
      if (withNow) { columns.push({key: 'now', title: 'now', get: function (r) { return r.now; }}); }
      var more = list && list.count > list.urls.length ? [el('p', {}, ['first ' + list.urls.length + ' of ' + list.count])] : [];
      return [el('h3', {}, [id.replace('changes-', '') + ' (' + (list ? list.count : '?') + ')']),
        table(id, columns, urlRows(list))].concat(more);
    };
    section('changes', 'Changes since ' + ch.since, [el('div', {class: 'cards'}, [
      ['changed', ch.changed ? ch.changed.count : '?'], ['unchanged', ch.unchanged != null ? ch.unchanged : '?'],
      ['new', ch['new'] ? ch['new'].count : '?'],
      ['gone', ch.gone ? ch.gone.count : '?']
    ].map(function (c) { return el('div', {class: 'card', id: 'card-changes-' + c[0]}, [el('b', {}, [c[1]]), c[0]]); }))]
      .concat(ch.error ? [el('p', {}, [ch.error])] : [])
      .concat(changeTable('changes-changed', ch.changed, false))
      .concat(changeTable('changes-new', ch['new'], false))
      .concat(changeTable('changes-gone', ch.gone, true)));
  }

  section('broken', 'Broken links (targets that answered 4xx/5xx or failed, with the pages linking to them)', [
    table('broken-table', [
      {key: 'status', title: 'status', get: function (r) { return r.status == null ? r.error : r.status; },
        cls: function () { return 'failed'; }},
      {key: 'url', title: 'target', get: function (r) { return r.url; }, render: link, cls: function () { return 'url'; }},
      {key: 'referrers', title: 'linked from', get: function (r) { return r.referrers.join(' '); },
        render: function (v, r) { return el('div', {}, r.referrers.map(function (u) { return el('div', {}, [link(u)]); })); }}
    ], data.broken)]);

  section('statuses', 'Status histogram', [countsTable('status-table', data.statuses, 'status')]);
  section('errors', 'Errors by kind', [countsTable('errors-table', data.errors, 'error')]);
  section('skipped', 'Skipped by reason', [countsTable('skipped-table', data.skipped, 'reason')]);
  section('filtered', 'Filtered links by reason', [countsTable('filtered-table',
    Object.keys(data.filtered).map(function (k) { return {key: k, count: data.filtered[k]}; }), 'reason')]);
  section('robots', 'robots.txt', [el('pre', {}, [JSON.stringify(data.robots, null, 2)])]);
  section('hosts', 'Hosts', [table('hosts-table', [
    {key: 'origin', title: 'origin', get: function (r) { return r.origin; }, render: link},
    {key: 'fetched', title: 'fetched', num: true, get: function (r) { return r.fetched; }},
    {key: 'failed', title: 'failed', num: true, get: function (r) { return r.failed; }},
    {key: 'skipped', title: 'skipped', num: true, get: function (r) { return r.skipped; }},
    {key: 'meanMs', title: 'mean ms', num: true, get: function (r) { return r.meanMs; }},
    {key: 'p95Ms', title: 'p95 ms', num: true, get: function (r) { return r.p95Ms; }},
    {key: 'delayMs', title: 'delay ms', num: true, get: function (r) { return r.delayMs; }}
  ], data.hosts)]);
  section('slowest', 'Slowest pages', [table('slowest-table', [
    {key: 'elapsedMs', title: 'ms', num: true, get: function (r) { return r.elapsedMs; }},
    {key: 'url', title: 'url', get: function (r) { return r.url; }, render: link, cls: function () { return 'url'; }}
  ], data.slowest)]);
  section('largest', 'Largest pages', [table('largest-table', [
    {key: 'bytes', title: 'bytes', num: true, get: function (r) { return r.bytes; }},
    {key: 'url', title: 'url', get: function (r) { return r.url; }, render: link, cls: function () { return 'url'; }}
  ], data.largest)]);
  section('duplicates', 'Duplicate content (same SHA-256, different URLs)', [table('duplicates-table', [
    {key: 'sha256', title: 'sha256', get: function (r) { return r.sha256.substring(0, 16) + '…'; }},
    {key: 'urls', title: 'urls', get: function (r) { return r.urls.join(' '); },
      render: function (v, r) { return el('div', {}, r.urls.map(function (u) { return el('div', {}, [link(u)]); })); }}
  ], data.duplicates)]);
  section('redirects', 'Redirect chains', [table('redirects-table', [
    {key: 'status', title: 'status', num: true, get: function (r) { return r.status; }},
    {key: 'chain', title: 'chain', get: function (r) { return r.chain.join(' → '); }}
  ], data.redirects)]);
  section('depths', 'Depth histogram', [countsTable('depth-table', data.depths, 'depth')]);

  // Pages, with per-page detail: the record, inlinks and outlinks.
  var cols = data.pageColumns || [];
  var pages = data.pages || [];
  function col(name) { return cols.indexOf(name); }
  var inlinks = null, outlinks = null;
  function graph() {
    if (inlinks) { return; }
    inlinks = {}; outlinks = {};
    for (var i = 0; i + 1 < data.links.length; i += 2) {
      var f = data.links[i], to = data.links[i + 1];
      (outlinks[f] = outlinks[f] || []).push(to);
      (inlinks[to] = inlinks[to] || []).push(f);
    }
  }
  var detail = el('aside', {id: 'detail', hidden: 'hidden'});
  document.body.appendChild(detail);
  function showDetail(row) {
    graph();
    var index = pages.indexOf(row);
    detail.textContent = '';
    var close = el('button', {id: 'detail-close'}, ['close']);
    close.addEventListener('click', function () { detail.setAttribute('hidden', 'hidden'); });
    detail.appendChild(close);
    detail.appendChild(el('h2', {}, [row[col('title')] || row[col('url')]]));
    var dl = el('table', {id: 'detail-record'});
    cols.forEach(function (c, i) {
      dl.appendChild(el('tr', {}, [el('th', {}, [c]), el('td', {class: 'url'}, [c === 'url' || c === 'referrer' ? link(row[i]) : String(row[i] == null ? '' : row[i])])]));
    });
    detail.appendChild(dl);
    [['Linked from', inlinks[index]], ['Links to', outlinks[index]]].forEach(function (pair) {
      detail.appendChild(el('h3', {}, [pair[0] + ' (' + (pair[1] ? pair[1].length : 0) + ')']));
      detail.appendChild(el('div', {}, (pair[1] || []).slice(0, 500).map(function (j) { return el('div', {}, [link(pages[j][col('url')])]); })));
    });
    if (data.linksTotal > data.links.length / 2) {
      detail.appendChild(el('p', {id: 'links-partial'}, ['Link lists are partial: this report keeps the first '
        + data.links.length / 2 + ' of ' + data.linksTotal + ' links between its pages.']));
    }
    detail.removeAttribute('hidden');
  }
  var note = data.pagesTotal > pages.length ? ' (first ' + pages.length + ' of ' + data.pagesTotal + ')' : '';
  section('pages', 'Pages' + note, [table('pages-table', [
    {key: 'status', title: 'status', num: true, get: function (r) { return r[col('status')]; },
      cls: function (r) { return 'status-' + String(r[col('status')]).charAt(0); }},
    {key: 'outcome', title: 'outcome', get: function (r) { return r[col('outcome')]; }},
    {key: 'error', title: 'error', get: function (r) { return r[col('error')]; }},
    {key: 'url', title: 'url', get: function (r) { return r[col('url')]; }, cls: function () { return 'url'; }},
    {key: 'title', title: 'title', get: function (r) { return r[col('title')]; }},
    {key: 'bytes', title: 'bytes', num: true, get: function (r) { return r[col('bytes')]; }},
    {key: 'elapsedMs', title: 'ms', num: true, get: function (r) { return r[col('elapsedMs')]; }},
    {key: 'depth', title: 'depth', num: true, get: function (r) { return r[col('depth')]; }}
  ], pages, {onClick: showDetail})]);
})();
