// The log tail webview's static markup, kept free of the editor API so benches can render the page in a browser.
/** Static markup (no data): the script fills it in, inserting log text as text. */
export const LOG_TAIL_BODY = `<header class="toolbar">
  <button id="follow" type="button" class="primary" disabled>Start</button>
  <button id="target" type="button" title="Choose the function or stack to tail">Tail…</button>
  <span id="title" class="title"></span>
  <label>From <input id="start" size="11" placeholder="10mins ago" aria-label="Start time"></label>
  <label>To <input id="end" size="9" placeholder="now" aria-label="End time"></label>
  <input id="pattern" placeholder="Filter pattern, applied by CloudWatch (Enter)" aria-label="Filter pattern">
  <input id="highlight" placeholder="Highlight" aria-label="Highlight text">
  <label><input type="checkbox" id="only"> Only matching</label>
  <select id="levels" aria-label="Levels">
    <option value="all">All levels</option>
    <option value="warn">Warnings and errors</option>
    <option value="error">Errors</option>
  </select>
  <button id="export-text" type="button" title="Save the shown lines as text">Export text</button>
  <button id="export-json" type="button" title="Save the shown lines as JSON">Export JSON</button>
  <button id="clear" type="button">Clear</button>
</header>
<section id="summary" class="summary" aria-label="Summary of the shown invocations"></section>
<div class="status-line"><span id="status" class="status" role="status"></span><span id="dropped" class="dropped" hidden></span></div>
<main>
  <div id="empty" class="empty">No log lines yet. Tail a function from the Serverless explorer, a code lens or "Serverless: Tail Logs…"; local invokes show here too.</div>
  <div id="list" class="list" tabindex="0" role="list" aria-label="Log lines"></div>
  <button id="new-lines" type="button" class="new-lines primary" hidden></button>
</main>`;
