// The page's script: plain browser JavaScript, no framework. Data from a webhook is only ever put into the page
// as text (textContent), never as HTML. Written without backticks so that it can live in this string.
export const PAGE_SCRIPT = `'use strict';
var state = { deliveries: [], selected: null, info: null };
var $ = function (id) { return document.getElementById(id); };
function el(tag, attrs, children) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) { if (k === 'text') node.textContent = attrs[k]; else if (k === 'cls') node.className = attrs[k]; else node.setAttribute(k, attrs[k]); });
  (children || []).forEach(function (c) { if (c) node.appendChild(c); });
  return node;
}
function api(path, options) { return fetch('./api/' + path, options); }
function act(path) { return api(path, { method: 'POST', headers: { 'X-Inspector': '1', 'Content-Type': 'application/json' }, body: arguments[1] || '{}' }).then(function (r) { return r.json().then(function (b) { if (!r.ok) throw new Error(b.error || r.status); return b; }); }); }
function toast(text) { var t = $('toast'); t.textContent = text; t.style.display = 'block'; clearTimeout(toast.timer); toast.timer = setTimeout(function () { t.style.display = 'none'; }, 2500); }
function verdict(d) { return d.status === 200 ? '200' + (d.outcome === 'duplicate' ? ' duplicate' : '') : d.status + ' ' + (d.code || d.outcome); }
function matches(d) {
  var p = $('filter-provider').value, e = $('filter-event').value, o = $('filter-outcome').value;
  if (p && d.provider !== p) return false;
  if (e && d.event !== e) return false;
  if (o === 'ok') return d.status === 200;
  if (o === 'refused') return d.status !== 200;
  return !o || d.outcome === o;
}
function row(d) {
  var tr = el('tr', { 'data-id': String(d.id), 'data-testid': 'row' }, [
    el('td', { text: String(d.id) }), el('td', { text: new Date(d.receivedAt).toLocaleTimeString() }), el('td', { text: d.provider }),
    el('td', { text: d.event || '' }, [d.replayOf ? el('span', { cls: 'tag', text: 'replay of #' + d.replayOf }) : null, d.sample ? el('span', { cls: 'tag', text: 'sample' }) : null]),
    el('td', { text: d.version === undefined ? '' : String(d.version) }),
    el('td', { cls: d.status === 200 ? 'verdict-ok' : 'verdict-bad', text: verdict(d), 'data-testid': 'verdict' }),
    el('td', { text: d.durationMs.toFixed(1) }), el('td', { text: d.key || '' }),
  ]);
  if (state.selected === d.id) tr.className = 'selected';
  tr.onclick = function () { state.selected = d.id; render(); };
  return tr;
}
function render() {
  var rows = $('rows'); rows.textContent = '';
  var shown = state.deliveries.filter(matches);
  shown.forEach(function (d) { rows.appendChild(row(d)); });
  $('empty').style.display = shown.length ? 'none' : 'block';
  var events = {}; state.deliveries.forEach(function (d) { if (d.event) events[d.event] = true; });
  var select = $('filter-event'), current = select.value; select.textContent = ''; select.appendChild(el('option', { value: '', text: 'all' }));
  Object.keys(events).sort().forEach(function (e) { select.appendChild(el('option', { value: e, text: e })); }); select.value = current;
  var d = state.deliveries.find(function (x) { return x.id === state.selected; });
  if (d) detail(d);
}
function pre(text, id) { return el('pre', id ? { 'data-testid': id, text: text } : { text: text }); }
function json(value) { return value === undefined ? '(none)' : JSON.stringify(value, null, 2); }
function section(title, node) { return [el('h3', { text: title }), node]; }
function answerText(a) { return a.error ? 'no answer: ' + a.error : a.status + ' in ' + a.ms + ' ms\\n' + (a.body || ''); }
function detail(d) {
  var box = $('detail'); box.textContent = '';
  var ours = d.status === 200 ? (d.outcome === 'duplicate' ? '{"ok":true,"duplicate":true}' : '{"ok":true}') : JSON.stringify({ error: { code: d.code, message: d.message } });
  box.appendChild(el('h2', { 'data-testid': 'detail-verdict', text: '#' + d.id + ' ' + d.provider + ' ' + (d.event || '(not classified)') + ' : ' + verdict(d) }));
  if (d.replayOf) box.appendChild(el('p', { text: 'Replay of delivery #' + d.replayOf + ' (same bytes, same headers).' }));
  if (d.diagnosis) box.appendChild(el('div', { cls: 'why', 'data-testid': 'diagnosis' }, [el('strong', { text: 'Why: ' }), document.createTextNode(d.diagnosis)]));
  var buttons = [button('Replay', 'replay', function () { return act('deliveries/' + d.id + '/replay').then(function (r) { state.selected = r.id; toast('Replayed as #' + r.id); }); })];
  if (state.info && state.info.forward[d.provider]) buttons.push(button('Replay to your app', 'replay-forward', function () { return act('deliveries/' + d.id + '/replay?to=forward').then(function (a) { toast('Your app answered ' + (a.status || a.error)); }); }));
  buttons.push(button('Copy as curl', 'copy-curl', function () { return api('deliveries/' + d.id + '/curl').then(function (r) { return r.text(); }).then(copy).then(function () { toast('curl command copied (with the real signature)'); }); }));
  buttons.push(el('a', { href: './api/deliveries/' + d.id + '/fixture', download: '', 'data-testid': 'save-fixture' }, [el('button', { text: 'Save as test fixture' })]));
  box.appendChild(el('div', { cls: 'actions' }, buttons));
  var answers = [el('div', {}, section('Our answer', pre(d.status + '\\n' + ours, 'our-answer')))];
  if (d.forward) answers.push(el('div', {}, section('Your app answered', pre(d.forward.pending ? 'waiting…' : answerText(d.forward), 'forward-answer'))));
  box.appendChild(el('div', { cls: 'side' }, answers));
  (d.forwardReplays || []).forEach(function (a, i) { section('Replay ' + (i + 1) + ' to your app', pre(answerText(a))).forEach(function (n) { box.appendChild(n); }); });
  var handler = { outcome: d.outcome, durationMs: d.durationMs, redelivery: d.redelivery, statusChange: d.statusChange, failure: d.failure, key: d.key };
  [['Handler outcome', pre(json(handler))],
   ['Request headers (signatures and tokens masked)', pre(Object.keys(d.headers).map(function (k) { return k + ': ' + d.headers[k]; }).join('\\n'), 'headers')],
   ['Raw body (' + d.bodyBytes + ' bytes)', pre(d.body === undefined ? '(not read)' : d.body, 'raw-body')],
   ['Validated payload', pre(json(d.payload))], ['Normalized view', pre(json(d.normalized))],
   ['Log lines', pre(d.logs.length ? d.logs.map(function (l) { return JSON.stringify(l); }).join('\\n') : '(none captured)', 'logs')],
  ].forEach(function (s) { section(s[0], s[1]).forEach(function (n) { box.appendChild(n); }); });
}
function button(text, id, run) { var b = el('button', { text: text, 'data-testid': id }); b.onclick = function () { run().catch(function (e) { toast(e.message); }); }; return b; }
function copy(text) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  var area = el('textarea', {}); area.value = text; document.body.appendChild(area); area.select(); document.execCommand('copy'); area.remove(); return Promise.resolve();
}
function setupSamples(samples) {
  var select = $('sample-event');
  samples.forEach(function (s) { s.events.forEach(function (e) { select.appendChild(el('option', { value: s.provider + ' ' + e, text: s.provider + ' · ' + e })); }); });
  function versions() { var mta = select.value.indexOf('mta ') === 0, v = $('sample-version'); v.textContent = ''; v.style.display = mta ? '' : 'none'; [3, 2, 1].forEach(function (n) { v.appendChild(el('option', { value: String(n), text: 'V' + n })); }); }
  select.onchange = versions; versions();
  $('send-sample').onclick = function () {
    var parts = select.value.split(' '), version = parts[0] === 'mta' ? Number($('sample-version').value) : undefined;
    act('samples', JSON.stringify({ provider: parts[0], event: parts[1], version: version })).catch(function (e) { toast(e.message); });
  };
}
['filter-provider', 'filter-event', 'filter-outcome'].forEach(function (id) { $(id).onchange = render; });
// The list is loaded at once, and again each time the live stream (re)connects: a delivery that arrived between a
// load and the stream's start, or while the stream was down, is merged in rather than missed until a reload.
function load() {
  return api('deliveries').then(function (r) { if (!r.ok) throw new Error('the list answered ' + r.status); return r.json(); }).then(function (info) {
    if (!state.info) {
      state.info = info;
      $('keep').textContent = 'Keeps the last ' + info.keep + ' deliveries in memory.';
      info.providers.forEach(function (p) { $('filter-provider').appendChild(el('option', { value: p, text: p })); });
      setupSamples(info.samples.filter(function (s) { return info.providers.indexOf(s.provider) >= 0; }));
    }
    merge(info.deliveries);
    return true;
  }).catch(function (e) {
    // Said on the page, not only in the console: the rows shown may be stale.
    $('live').textContent = 'list not loaded (' + e.message + '), retrying on reconnect';
    document.body.removeAttribute('data-live');
    return false;
  });
}
// Rows from a load and from the stream go through one merge: an update for a row the page has not listed yet (it
// arrived between a list made earlier and the stream's start) adds that row instead of being dropped.
function merge(listed) {
  var byId = {};
  state.deliveries.forEach(function (d) { byId[d.id] = d; });
  listed.forEach(function (d) {
    var shown = byId[d.id];
    // A row the stream already settled (the app answered) is not set back to pending by an older list.
    if (!(shown && shown.forward && !shown.forward.pending && d.forward && d.forward.pending)) byId[d.id] = d;
  });
  state.deliveries = Object.keys(byId).map(function (id) { return byId[id]; }).sort(function (a, b) { return b.id - a.id; }).slice(0, state.info ? state.info.keep : undefined);
  render();
}
load();
var source = new EventSource('./api/stream');
source.onopen = function () { load().then(function (loaded) { if (loaded) { $('live').textContent = 'live'; document.body.setAttribute('data-live', '1'); } }); };
source.onerror = function () { $('live').textContent = 'reconnecting…'; };
source.addEventListener('delivery', function (e) { merge([JSON.parse(e.data)]); });
source.addEventListener('update', function (e) { merge([JSON.parse(e.data)]); });
`;
