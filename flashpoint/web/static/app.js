// flashpoint dashboard: shared helpers. Data is only ever inserted as text (textContent,
// createTextNode), never as HTML; the server's Content-Security-Policy forbids inline scripts too.
"use strict";

const QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
const SVGNS = "http://www.w3.org/2000/svg";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "text") node.textContent = String(v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, String(v));
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c === null || c === undefined ? "" : String(c)));
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "text") node.textContent = String(v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, String(v));
  }
  for (const c of children) node.append(c);
  return node;
}

// The address of `path` with `params` as its query (empty values left out).
function apiUrl(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (Array.isArray(v)) v.forEach((x) => query.append(k, x));
    else if (v !== null && v !== undefined && v !== "") query.append(k, v);
  }
  return path + (query.toString() ? "?" + query.toString() : "");
}

async function api(path, params) {
  const url = apiUrl(path, params);
  const resp = await fetch(url, {headers: {"Accept": "application/json"}});
  const body = await resp.json();
  if (!resp.ok) {
    const err = new Error(body.message || resp.statusText);
    err.body = body;
    throw err;
  }
  return body;
}

function showError(target, err) {
  const b = err.body || {};
  target.replaceChildren(el("div", {class: "error", role: "alert"},
    el("strong", {text: (b.code ? b.code + ": " : "") + (b.message || err.message)}),
    b.fix ? el("div", {text: "Fix: " + b.fix}) : ""));
}

function nav(active) {
  const pages = [["/", "Timeline"], ["/dyad", "Dyad"], ["/map", "Map"], ["/events", "Events"], ["/docs", "API"]];
  const bar = el("nav", {}, el("span", {class: "brand", text: "flashpoint"}));
  for (const [href, name] of pages) bar.append(el("a", {href, class: href === active ? "active" : "", text: name}));
  const status = el("span", {class: "status", id: "store-status"});
  bar.append(status);
  document.body.prepend(bar);
  api("/api/status").then((s) => {
    status.textContent = `${s.events} events, ${s.mentions} mentions` +
      (s.writer_active ? ` (a write is running: showing the store as of ${s.snapshot_taken})` : "");
  }).catch((e) => { status.textContent = "store unavailable: " + e.message; });
}

function params() { return Object.fromEntries(new URLSearchParams(location.search)); }

function formValues(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) if (String(v).trim() !== "") out[k] = String(v).trim();
  return out;
}

function fillForm(form, values) {
  for (const [k, v] of Object.entries(values)) if (form.elements[k]) form.elements[k].value = v;
}

function actor(row, side) {
  const c = row[side + "_country"], s = row[side + "_sector"];
  return (c || "") + (c && s ? " " : "") + (s || "") || "-";
}

// The evidence sentence, with source, target, trigger and place marked. A term is [text, class,
// offset in the evidence?, title?]: at its offset when the text is there, else its first match;
// a term that would overlap an earlier one is left unmarked.
function highlighted(text, terms) {
  const spans = [];
  const lower = (text || "").toLowerCase();
  for (const [term, cls, offset, title] of terms) {
    if (!term) continue;
    const word = String(term).toLowerCase();
    const at = Number.isInteger(offset) && offset >= 0 && lower.startsWith(word, offset) ? offset : lower.indexOf(word);
    if (at < 0) continue;
    const end = at + word.length;
    if (spans.some(([a, b]) => at < b && end > a)) continue;
    spans.push([at, end, cls, title || cls]);
  }
  spans.sort((x, y) => x[0] - y[0]);
  const p = el("p", {class: "evidence"});
  let pos = 0;
  for (const [a, b, cls, title] of spans) {
    p.append(document.createTextNode(text.slice(pos, a)));
    p.append(el("mark", {class: cls, title, text: text.slice(a, b)}));
    pos = b;
  }
  p.append(document.createTextNode((text || "").slice(pos)));
  return p;
}

// The marks of a mention: its trigger and the other verbs of its act (also_triggers, placed by
// their document offsets less the evidence's start) are all triggers.
function mentionTerms(m) {
  const also = (m.also_triggers || []).map((a) => [a.text, "trigger",
    Number.isInteger(a.start) && Number.isInteger(m.evidence_start) ? a.start - m.evidence_start : null,
    "trigger (another verb of the same act)"]);
  return [[m.source_text, "source"], [m.target_text, "target"], [m.trigger, "trigger"], ...also, [m.place_name, "place"]];
}

function safeLink(url) {
  try {
    const u = new URL(url);
    if (u.protocol === "http:" || u.protocol === "https:") return el("a", {href: u.href, rel: "noopener noreferrer", target: "_blank", text: u.href});
  } catch (e) { /* not a URL: shown as text */ }
  return el("span", {text: url || ""});
}

// Fill `target` with one event: its evidence (highlighted) and every report (mention) of it.
async function showEvent(eventId, target) {
  target.replaceChildren(el("p", {text: "loading…"}));
  try {
    const ev = await api("/api/events/" + encodeURIComponent(eventId));
    const first = ev.mentions[0] || {evidence_text: ev.evidence_text};
    const legend = el("p", {class: "legend"}, "marked: ", el("mark", {class: "source", text: "source"}), " ",
      el("mark", {class: "target", text: "target"}), " ", el("mark", {class: "trigger", text: "trigger"}), " ",
      el("mark", {class: "place", text: "place"}));
    const head = el("h3", {text: `${ev.date || "undated"}: ${actor(ev, "source")} → ${actor(ev, "target")}, ` +
      `${ev.plover_type || "?"} (CAMEO ${ev.cameo || "?"}), ${ev.modality || ""}` + (ev.place ? ` at ${ev.place}` : "")});
    const list = el("ol", {class: "mentions"});
    for (const m of ev.mentions) {
      const doc = ev.documents.find((d) => d.doc_id === m.doc_id) || {};
      list.append(el("li", {class: "mention"}, highlighted(m.evidence_text || "", mentionTerms(m)),
        el("div", {class: "meta", text: `document ${m.doc_id}, sentence ${m.sentence_index ?? "?"}, characters ` +
          `${m.evidence_start ?? "?"}–${m.evidence_end ?? "?"}; ${m.source_name || doc.source_name || "unknown outlet"}` +
          `${m.published ? ", published " + m.published : ""}; origin ${m.origin}`}),
        m.url ? safeLink(m.url) : ""));
    }
    target.replaceChildren(head, el("div", {class: "evidence-main", id: "evidence"},
      highlighted(first.evidence_text || "", mentionTerms(first))), legend,
      el("h4", {text: `${ev.mentions.length} report(s) of this event`}), list);
  } catch (err) { showError(target, err); }
}

// A table of events; clicking a row shows it in `detail`.
function eventTable(rows, detail) {
  const table = el("table", {class: "events"});
  table.append(el("thead", {}, el("tr", {}, ...["date", "source", "event", "target", "place", "reports", "evidence"]
    .map((h) => el("th", {text: h})))));
  const body = el("tbody");
  for (const r of rows) {
    const tr = el("tr", {"data-event-id": r.event_id, tabindex: 0, class: "quad" + (r.quad_class || 0)},
      el("td", {text: r.date || ""}), el("td", {text: actor(r, "source")}),
      el("td", {text: `${r.plover_type || "?"} (${r.cameo || "?"})` + (r.happened ? "" : ` [${r.modality}]`)}),
      el("td", {text: actor(r, "target")}), el("td", {text: r.place || ""}), el("td", {text: r.mention_count}),
      el("td", {class: "ev", text: (r.evidence_text || "").slice(0, 160)}));
    const open = () => { showEvent(r.event_id, detail); detail.scrollIntoView({block: "nearest"}); };
    tr.addEventListener("click", open);
    tr.addEventListener("keydown", (e) => { if (e.key === "Enter") open(); });
    body.append(tr);
  }
  table.append(body);
  return table;
}

// Pages of events for `filters`, with a "more" button following the cursor.
async function eventList(filters, target, detail) {
  target.replaceChildren();
  let cursor = null;
  const more = el("button", {type: "button", id: "more", text: "more"});
  async function next() {
    try {
      const page = await api("/api/events", {...filters, cursor, limit: 50});
      target.insertBefore(eventTable(page.events, detail), more);
      cursor = page.next_cursor;
      more.hidden = !cursor;
      if (!page.events.length && !target.querySelector("tr[data-event-id]")) target.insertBefore(el("p", {text: "no events"}), more);
    } catch (err) { showError(target, err); }
  }
  more.addEventListener("click", next);
  target.append(more);
  await next();
}

// The filters of a form as API parameters: SOURCE and TARGET become dyad=SOURCE,TARGET.
function apiFilters(values) {
  const f = {...values};
  delete f.source; delete f.target;
  if (values.source && values.target) f.dyad = values.source + "," + values.target;
  return f;
}

// Fill `form` from the address, reload on submit (keeping the values in the address), load once now.
function bindForm(form, load) {
  fillForm(form, params());
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const values = formValues(form);
    history.replaceState(null, "", "?" + new URLSearchParams(values));
    load(values);
  });
  return load(formValues(form));
}

function quadLegend(target) {
  for (const q of [1, 2, 3, 4]) target.append(el("span", {class: "key q" + q, text: QUADS[q]}));
}
