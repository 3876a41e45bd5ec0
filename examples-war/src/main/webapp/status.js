// The status page: polls this instance's JSON API (relative URLs: works under any context root) and
// renders every breaker as this instance sees it and as the database holds it. No libraries.
(function () {
  'use strict';

  var POLL_MILLIS = 1000;
  var METHODS = ['payment.charge', 'payment.refund', 'inventory.checkStock', 'inventory.reserve',
    'orders.place', 'orders.cancel'];
  var DOWNSTREAM_PRESETS = [
    {label: 'healthy', failureRate: 0, latencyMillis: 0},
    {label: '50 % failing', failureRate: 0.5},
    {label: 'down', failureRate: 1},
    {label: 'slow 2.5 s', latencyMillis: 2500},
    {label: 'fast', latencyMillis: 0}
  ];

  var lastBreakers = null;   // last answer of api/breakers
  var fetchedAt = 0;         // when it arrived (this browser's clock), for the countdowns

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 'text') { node.textContent = attrs[name]; }
      else if (name === 'onclick') { node.onclick = attrs[name]; }
      else { node.setAttribute(name, attrs[name]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function stateBadge(state, cls) {
    var name = state || 'NONE';
    return el('span', {'class': 'state ' + name + ' ' + cls, text: state ? state : '—'});
  }

  function seconds(millis) {
    if (millis === null || millis === undefined) { return '—'; }
    return (Math.max(0, millis) / 1000).toFixed(1) + ' s';
  }

  function time(iso) {
    if (!iso) { return '—'; }
    var d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleTimeString();
  }

  function request(method, url) {
    return fetch(url, {method: method, headers: {'Accept': 'application/json'}, cache: 'no-store'})
      .then(function (response) {
        return response.text().then(function (text) {
          var body = null;
          try { body = text ? JSON.parse(text) : null; } catch (e) { body = {error: text}; }
          return {status: response.status, body: body};
        });
      });
  }

  // "Half-open in": the time until a probe may start. The database's deadline is the fleet's truth;
  // this instance's view is shown when there is no row (in-memory store).
  function remaining(breaker, elapsed) {
    var db = breaker.database, mine = breaker.instance;
    if (db && db.state === 'OPEN') { return db.openRemainingMillis - elapsed; }
    if (!db && mine && mine.phase === 'OPEN') { return mine.remainingMillis - elapsed; }
    return null;
  }

  function renderBreakers() {
    var data = lastBreakers;
    if (!data) { return; }
    var elapsed = Date.now() - fetchedAt;
    var body = $('breaker-rows');
    body.textContent = '';
    if (data.breakers.length === 0) {
      body.appendChild(el('tr', {}, [el('td', {colspan: '10', 'class': 'empty', text: 'no breakers'})]));
    }
    data.breakers.forEach(function (b) {
      var mine = b.instance, db = b.database;
      var shown = db || mine;
      var failures = db ? db.failureCount : (mine ? mine.failureCount : null);
      var left = remaining(b, elapsed);
      var row = el('tr', {'data-key': b.key, 'class': 'breaker'}, [
        el('td', {}, [el('div', {'class': 'key', text: b.key}),
          el('div', {'class': 'used-by', text: b.usedBy.join(', ')})]),
        el('td', {'class': 'state-instance'}, [stateBadge(mine ? mine.phase : null, 'instance')]),
        el('td', {'class': 'state-db'}, [stateBadge(db ? db.state : null, 'database')]),
        el('td', {'class': 'num failures', text: failures === null ? '—' : String(failures)}),
        el('td', {'class': 'num window', text: mine ? mine.recentCalls + ' / ' + mine.recentFailures : '—'}),
        el('td', {'class': 'num half-open-in', text: left === null ? '—' : (left > 0 ? seconds(left) : 'next call probes')}),
        el('td', {'class': 'num version', text: shown ? String(shown.version) : '—'}),
        el('td', {'class': 'changed-by', text: shown && shown.changedBy ? shown.changedBy : '—'}),
        el('td', {'class': 'updated', text: db ? time(db.updatedAt) : '—'}),
        el('td', {}, mine ? [
          el('button', {text: 'reset', title: 'close it for the whole fleet',
            onclick: function () { act('POST', 'api/breakers/' + encodeURIComponent(b.key) + '/reset'); }}),
          el('button', {text: 'open 30 s', title: 'hold it open for the whole fleet',
            onclick: function () { act('POST', 'api/breakers/' + encodeURIComponent(b.key) + '/open?seconds=30'); }})
        ] : [])
      ]);
      body.appendChild(row);
    });
  }

  function renderHeader(data) {
    $('instance-name').textContent = data.instance;
    $('instance-store').textContent = data.store === 'postgres'
      ? 'PostgreSQL via ' + data.dataSource + ', namespace "' + data.namespace + '"'
      : 'in memory (this instance only)';
    $('refreshed').textContent = new Date().toLocaleTimeString();
    if (data.storeStatus) { $('instance-store').title = data.storeStatus.description; }
    var problem = data.storeStatus && data.storeStatus.degraded
      ? 'The store cannot be reached: this instance runs on its own local state (' + data.storeStatus.problem + ')'
      : '';
    if (data.databaseError) { problem += (problem ? '. ' : '') + 'Database not readable: ' + data.databaseError; }
    $('error').textContent = problem;
    $('error').hidden = !problem;
  }

  function renderEvents(events) {
    var list = $('events');
    list.textContent = '';
    events.forEach(function (e) {
      var text = time(e.at) + '  ' + e.key + ': ' + e.from + ' → ' + e.to + '  (v' + e.version + ', by '
        + e.changedBy + (e.local ? ', this instance' : '') + ')';
      list.appendChild(el('li', {'class': e.local ? 'local' : 'remote', text: text}));
    });
    if (events.length === 0) { list.appendChild(el('li', {'class': 'remote', text: 'none yet'})); }
  }

  function renderDownstreams(data) {
    var body = $('downstream-rows');
    body.textContent = '';
    data.downstreams.forEach(function (d) {
      var buttons = DOWNSTREAM_PRESETS.map(function (p) {
        var query = [];
        if (p.failureRate !== undefined) { query.push('failureRate=' + p.failureRate); }
        if (p.latencyMillis !== undefined) { query.push('latencyMillis=' + p.latencyMillis); }
        return el('button', {text: p.label, onclick: function () {
          act('PUT', 'api/downstreams/' + d.name + '?' + query.join('&'));
        }});
      });
      body.appendChild(el('tr', {'data-downstream': d.name}, [
        el('td', {text: d.name}),
        el('td', {'class': 'num', text: Math.round(d.failureRate * 100) + ' %'}),
        el('td', {'class': 'num', text: d.latencyMillis + ' ms'}),
        el('td', {'class': 'num', text: d.calls + ' / ' + d.failures}),
        el('td', {}, buttons)
      ]));
    });
  }

  function renderMethods(counters) {
    var body = $('method-rows');
    body.textContent = '';
    METHODS.forEach(function (m) {
      body.appendChild(el('tr', {}, [
        el('td', {'class': 'key', text: m}),
        el('td', {'class': 'num', text: String(counters.invocations[m] || 0)}),
        el('td', {}, [el('button', {text: 'call', onclick: function () { call(m); }}),
          el('button', {text: 'call ×5', onclick: function () { for (var i = 0; i < 5; i++) { call(m); } }})])
      ]));
    });
  }

  function call(method) {
    request('POST', 'api/calls/' + method).then(function (r) {
      var b = r.body || {};
      $('last-call').textContent = method + ': ' + (b.outcome || r.status)
        + (b.fallback ? ' (fallback ' + b.fallback + ')' : '')
        + (b.result ? ' — ' + b.result : '') + (b.error ? ' — ' + b.error : '');
      poll();
    });
  }

  function act(method, url) {
    request(method, url).then(poll);
  }

  function poll() {
    return Promise.all([request('GET', 'api/breakers'), request('GET', 'api/downstreams'), request('GET', 'api/instance/counters')])
      .then(function (answers) {
        if (answers[0].status !== 200) { throw new Error('api/breakers answered ' + answers[0].status); }
        lastBreakers = answers[0].body;
        fetchedAt = Date.now();
        renderHeader(lastBreakers);
        renderBreakers();
        renderEvents(lastBreakers.events);
        if (answers[1].status === 200) { renderDownstreams(answers[1].body); }
        if (answers[2].status === 200) { renderMethods(answers[2].body); }
        document.body.setAttribute('data-loaded', 'true');
      })
      .catch(function (e) {
        $('error').textContent = 'This instance does not answer: ' + e.message;
        $('error').hidden = false;
      });
  }

  poll();
  setInterval(poll, POLL_MILLIS);
  setInterval(renderBreakers, 200); // the countdowns between polls
})();
