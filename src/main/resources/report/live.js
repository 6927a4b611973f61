(function () {
  'use strict';
  // The cluster dashboard: polls /live.json every 2 s and /hosts.json for one page of the host table. Everything
  // crawled (URLs, node names, error kinds) is written with textContent only.
  var SVG = 'http://www.w3.org/2000/svg';
  var hostQuery = {sort: 'fetched', ascending: false, filter: '', offset: 0, limit: 50};
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text != null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function cell(tr, text, cls) { tr.appendChild(el('td', text == null ? '' : text, cls)); }
  function card(parent, id, label, value) {
    var div = el('div', null, 'card'); div.id = 'card-' + id;
    div.appendChild(el('b', value == null ? '' : value));
    div.appendChild(document.createTextNode(label));
    parent.appendChild(div);
  }
  function duration(s) {
    var h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    return (h ? h + ' h ' : '') + (h || m ? m + ' min ' : '') + sec + ' s';
  }
  function mix(id, counts) {
    var box = document.getElementById(id);
    box.textContent = '';
    var keys = Object.keys(counts || {}).sort(function (a, b) { return counts[b] - counts[a]; });
    if (!keys.length) { box.appendChild(el('span', 'none yet')); }
    keys.forEach(function (k) { box.appendChild(el('span', k + ': ' + counts[k])); });
  }
  function chart(series) {
    var svg = document.getElementById('series');
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var w = 600, h = 120, max = 1;
    series.forEach(function (p) { max = Math.max(max, p.pagesPerSecond, p.errorsPerSecond); });
    var base = document.createElementNS(SVG, 'line');
    base.setAttribute('x1', 0); base.setAttribute('x2', w); base.setAttribute('y1', h); base.setAttribute('y2', h);
    svg.appendChild(base);
    ['pages', 'errors'].forEach(function (kind) {
      var line = document.createElementNS(SVG, 'polyline');
      line.setAttribute('class', kind);
      line.setAttribute('points', series.map(function (p, i) {
        var x = series.length < 2 ? 0 : i * w / (series.length - 1);
        var v = kind === 'pages' ? p.pagesPerSecond : p.errorsPerSecond;
        return x.toFixed(1) + ',' + (h - v / max * (h - 10)).toFixed(1);
      }).join(' '));
      svg.appendChild(line);
    });
    var label = document.createElementNS(SVG, 'text');
    label.setAttribute('x', 2); label.setAttribute('y', 10);
    label.textContent = 'max ' + max.toFixed(1) + '/s — blue: pages/s, red: errors/s';
    svg.appendChild(label);
  }
  function render(s) {
    document.getElementById('crawl-name').textContent = 'crawl ' + s.crawl + ' — ' + s.state;
    var cards = document.getElementById('cards');
    cards.textContent = '';
    var t = s.totals || {}, p = s.progress || {};
    card(cards, 'state', 'state', s.state);
    card(cards, 'nodes', 'nodes live', t.nodesLive == null ? '' : t.nodesLive + ' / ' + t.nodes);
    card(cards, 'rate', 'pages/s', t.pagesPerSecond);
    card(cards, 'fetched', 'fetched', t.fetched);
    card(cards, 'failed', 'failed', t.failed);
    card(cards, 'skipped', 'skipped', t.skipped);
    card(cards, 'queued', 'queued', p.queued);
    card(cards, 'inflight', 'in flight', p.inFlight);
    var fraction = p.fraction || 0;
    document.getElementById('progress-bar').value = Math.round(fraction * 1000);
    document.getElementById('progress-text').textContent = p.known == null ? '' :
      p.done + ' of ' + p.known + ' URLs known (' + (fraction * 100).toFixed(1) + ' %), ' +
      (p.etaSeconds === 0 ? 'nothing left' : p.etaSeconds == null ? 'time left not known yet' :
      'about ' + duration(p.etaSeconds) + ' left at ' + p.pagesPerSecond + ' pages/s (more if more URLs are found)');
    var tbody = document.querySelector('#nodes-table tbody');
    tbody.textContent = '';
    (s.nodes || []).forEach(function (n) {
      var tr = el('tr');
      cell(tr, n.node); cell(tr, n.state, 'state-' + n.state); cell(tr, n.pagesPerSecond, 'num');
      cell(tr, n.hostsHeld, 'num'); cell(tr, (n.heartbeatAgeMs / 1000).toFixed(1) + ' s ago', 'num');
      cell(tr, n.fetched, 'num'); cell(tr, n.failed, 'num'); cell(tr, n.inFlight, 'num');
      cell(tr, n.leasesLost, 'num'); cell(tr, n.leasesTakenOver, 'num');
      tbody.appendChild(tr);
    });
    mix('status-mix', s.statusMix); mix('error-mix', s.errorMix);
    chart(s.series || []);
    document.getElementById('updated').textContent = (s.error ? 'database: ' + s.error + ' — ' : '') +
      'updated ' + new Date().toLocaleTimeString();
  }
  function renderHosts(page) {
    var tbody = document.querySelector('#hosts-table tbody');
    tbody.textContent = '';
    page.rows.forEach(function (h) {
      var tr = el('tr');
      cell(tr, h.origin, 'url'); cell(tr, h.holder || ''); cell(tr, h.fetched, 'num'); cell(tr, h.failed, 'num');
      cell(tr, h.skipped, 'num'); cell(tr, h.queued, 'num'); cell(tr, h.delayMs < 0 ? '' : h.delayMs, 'num');
      cell(tr, h.waitMs ? (h.waitMs / 1000).toFixed(1) + ' s' : '', 'num'); cell(tr, h.giveUp || '');
      tbody.appendChild(tr);
    });
    var last = Math.min(page.matched, page.offset + page.limit);
    document.getElementById('hosts-range').textContent = (page.matched ? page.offset + 1 : 0) + '–' + last + ' of ' +
      page.matched + (page.matched !== page.total ? ' matching (' + page.total + ' hosts)' : ' hosts');
    document.getElementById('hosts-prev').disabled = page.offset === 0;
    document.getElementById('hosts-next').disabled = last >= page.matched;
    document.querySelectorAll('#hosts-table th[data-sort]').forEach(function (th) {
      th.className = 'sortable' + (th.getAttribute('data-sort') === hostQuery.sort ?
        (hostQuery.ascending ? ' sorted-asc' : ' sorted-desc') : '');
    });
  }
  function loadHosts() {
    var q = 'sort=' + hostQuery.sort + '&asc=' + hostQuery.ascending + '&offset=' + hostQuery.offset + '&limit=' +
      hostQuery.limit + '&q=' + encodeURIComponent(hostQuery.filter);
    return fetch('/hosts.json?' + q, {cache: 'no-store'}).then(function (r) { return r.json(); }).then(renderHosts);
  }
  function wire() {
    document.querySelectorAll('#hosts-table th[data-sort]').forEach(function (th) {
      th.addEventListener('click', function () {
        var key = th.getAttribute('data-sort');
        hostQuery.ascending = hostQuery.sort === key ? !hostQuery.ascending : key === 'origin';
        hostQuery.sort = key; hostQuery.offset = 0; loadHosts();
      });
    });
    document.getElementById('hosts-prev').addEventListener('click', function () {
      hostQuery.offset = Math.max(0, hostQuery.offset - hostQuery.limit); loadHosts();
    });
    document.getElementById('hosts-next').addEventListener('click', function () {
      hostQuery.offset += hostQuery.limit; loadHosts();
    });
    document.getElementById('hosts-filter').addEventListener('input', function (e) {
      hostQuery.filter = e.target.value; hostQuery.offset = 0; loadHosts();
    });
  }
  var polls = 0;
  function poll() {
    var done = fetch('/live.json', {cache: 'no-store'}).then(function (r) { return r.json(); }).then(render);
    if (polls++ % 5 === 0) { done = done.then(loadHosts); } // the host table is re-read every 10 s
    done.catch(function () { document.getElementById('updated').textContent = 'report server not answering'; })
      .then(function () { setTimeout(poll, 2000); });
  }
  wire();
  poll();
})();
