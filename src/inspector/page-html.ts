// The page is served by the package itself: no CDN, no build step, works offline. Its script is ./app.js.
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sms-webhooks inspector</title>
<style>
:root { --bg:#f7f7f8; --fg:#1c1d21; --muted:#6b6f7b; --line:#dfe1e6; --ok:#157347; --bad:#b42318; --warn:#9a6700; --sel:#e8effd; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.4 system-ui, sans-serif; color:var(--fg); background:var(--bg); }
header { display:flex; flex-wrap:wrap; gap:12px; align-items:center; padding:10px 16px; background:#fff; border-bottom:1px solid var(--line); }
header h1 { font-size:16px; margin:0 8px 0 0; }
header .note { color:var(--muted); font-size:12px; }
select, button { font:inherit; padding:3px 8px; border:1px solid var(--line); border-radius:6px; background:#fff; }
button { cursor:pointer; } button:hover { background:var(--sel); }
fieldset { border:0; display:flex; gap:6px; align-items:center; padding:0; margin:0; }
main { display:grid; grid-template-columns:minmax(420px, 46%) 1fr; height:calc(100vh - 54px); }
#list { overflow:auto; border-right:1px solid var(--line); background:#fff; }
table { border-collapse:collapse; width:100%; }
th, td { text-align:left; padding:5px 8px; border-bottom:1px solid var(--line); white-space:nowrap; font-size:13px; }
th { position:sticky; top:0; background:#fff; color:var(--muted); font-weight:600; }
tbody tr { cursor:pointer; } tbody tr:hover { background:#f2f4f7; } tbody tr.selected { background:var(--sel); }
.verdict-ok { color:var(--ok); font-weight:600; } .verdict-bad { color:var(--bad); font-weight:600; }
.tag { font-size:11px; padding:1px 6px; border-radius:10px; background:#eef; color:#334; margin-left:4px; }
#detail { overflow:auto; padding:12px 16px; }
#detail h2 { font-size:16px; margin:4px 0 8px; }
#detail h3 { font-size:13px; margin:16px 0 6px; color:var(--muted); text-transform:uppercase; letter-spacing:.04em; }
.why { background:#fff7e6; border:1px solid #f5d9a8; padding:8px 10px; border-radius:6px; margin:8px 0; }
.actions { display:flex; gap:6px; flex-wrap:wrap; margin:8px 0; }
pre { background:#fff; border:1px solid var(--line); border-radius:6px; padding:8px; overflow:auto; max-height:320px; margin:0; font-size:12px; white-space:pre-wrap; overflow-wrap:anywhere; }
.side > div { min-width:0; }
.side { display:grid; grid-template-columns:1fr 1fr; gap:10px; }
.empty { color:var(--muted); padding:24px; }
#toast { position:fixed; bottom:16px; right:16px; background:#1c1d21; color:#fff; padding:8px 12px; border-radius:6px; display:none; }
</style>
</head>
<body>
<header>
  <h1>sms-webhooks inspector</h1>
  <span class="note" id="keep"></span>
  <span class="note" id="live">connecting…</span>
  <fieldset><label>Provider <select id="filter-provider"><option value="">all</option></select></label>
  <label>Event <select id="filter-event"><option value="">all</option></select></label>
  <label>Outcome <select id="filter-outcome"><option value="">all</option><option value="ok">accepted (200)</option><option value="refused">refused or failed</option><option>handled</option><option>duplicate</option><option>no_handler</option><option>rejected</option><option>failed</option></select></label></fieldset>
  <fieldset><label>Send a sample <select id="sample-event"></select></label><select id="sample-version"></select><button id="send-sample" data-testid="send-sample">Send</button></fieldset>
</header>
<main>
  <section id="list"><table><thead><tr><th>#</th><th>Time</th><th>Provider</th><th>Event</th><th>v</th><th>Verdict</th><th>ms</th><th>Key</th></tr></thead><tbody id="rows"></tbody></table>
  <p class="empty" id="empty">No deliveries yet. Send one to a webhook route, or a sample from the menu above.</p></section>
  <section id="detail"><p class="empty">Select a delivery to see its headers, body, payload, answer and log lines.</p></section>
</main>
<div id="toast"></div>
<script src="./app.js"></script>
</body>
</html>
`;
