(function () {
  'use strict';
  function cell(tr, text, cls) {
    var td = document.createElement('td');
    if (cls) { td.className = cls; }
    td.textContent = text == null ? '' : String(text);
    tr.appendChild(td);
  }
  function card(parent, id, label, value) {
    var div = document.createElement('div');
    div.className = 'card'; div.id = 'card-' + id;
    var b = document.createElement('b'); b.textContent = String(value);
    div.appendChild(b); div.appendChild(document.createTextNode(label));
    parent.appendChild(div);
  }
  function render(s) {
    var cards = document.getElementById('cards');
    cards.textContent = '';
    card(cards, 'state', 'state', s.finishReason || 'running');
    card(cards, 'fetched', 'fetched', s.pages.fetched);
    card(cards, 'failed', 'failed', s.pages.failed);
    card(cards, 'skipped', 'skipped', s.pages.skipped);
    card(cards, 'rate', 'pages/s', s.pagesPerSecond);
    card(cards, 'queue', 'work queue', s.queueDepth);
    card(cards, 'inflight', 'in flight', s.inFlight);
    card(cards, 'frontier', 'frontier', s.frontierQueued);
    var hosts = s.hostCounts || {};
    card(cards, 'hosts-active', 'hosts active', hosts.active == null ? '' : hosts.active);
    card(cards, 'hosts-waiting', 'hosts waiting', hosts.waiting == null ? '' : hosts.waiting);
    card(cards, 'hosts-done', 'hosts done', hosts.done == null ? '' : hosts.done);
    card(cards, 'memory-per-host', 'KiB heap per host',
      s.memoryPerHostBytes == null ? '' : (s.memoryPerHostBytes / 1024).toFixed(1));
    var tbody = document.querySelector('#hosts-table tbody');
    tbody.textContent = '';
    (s.hosts || []).forEach(function (h) {
      var tr = document.createElement('tr');
      cell(tr, h.origin); cell(tr, h.fetched, 'num'); cell(tr, h.failed, 'num'); cell(tr, h.queued, 'num');
      cell(tr, h.delayMs, 'num'); cell(tr, h.robots);
      tbody.appendChild(tr);
    });
    var recent = document.querySelector('#recent-table tbody');
    recent.textContent = '';
    (s.recent || []).forEach(function (p) {
      var tr = document.createElement('tr');
      cell(tr, p.status == null ? p.error : p.status); cell(tr, p.elapsedMs + ' ms', 'num'); cell(tr, p.title); cell(tr, p.url, 'url');
      recent.appendChild(tr);
    });
    document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
  }
  function poll() {
    fetch('/status', {cache: 'no-store'}).then(function (r) { return r.json(); }).then(render)
      .catch(function () { document.getElementById('updated').textContent = 'crawler not answering'; })
      .then(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
