"use strict";
// Timeline: stacked bars of event counts per period and quad class (from /api/timeline).

function periodEnd(start, period) {
  const d = new Date(start + "T00:00:00Z");
  if (period === "day") return start;
  if (period === "week") d.setUTCDate(d.getUTCDate() + 6);
  else if (period === "month") { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  else { d.setUTCFullYear(d.getUTCFullYear() + 1); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}

function drawTimeline(counts, period, filters) {
  const byPeriod = new Map();
  for (const c of counts) {
    if (!byPeriod.has(c.period)) byPeriod.set(c.period, {});
    byPeriod.get(c.period)[c.quad_class || 0] = c.events;
  }
  const periods = [...byPeriod.keys()];
  const chart = document.getElementById("chart");
  if (!periods.length) { chart.replaceChildren(el("p", {text: "no dated events for these filters"})); return; }
  const W = 960, H = 300, pad = 40, max = Math.max(...periods.map((p) => Object.values(byPeriod.get(p)).reduce((a, b) => a + b, 0)));
  const bw = Math.max(2, (W - 2 * pad) / periods.length - 2);
  const root = svg("svg", {viewBox: `0 0 ${W} ${H + 40}`, class: "timeline", role: "img", "aria-label": "events per period"});
  root.append(svg("line", {x1: pad, y1: H, x2: W - pad, y2: H, class: "axis"}));
  root.append(svg("text", {x: 4, y: 14, class: "tick", text: String(max)}));
  periods.forEach((p, i) => {
    const x = pad + i * (bw + 2);
    let y = H;
    for (const q of [1, 2, 3, 4, 0]) {
      const n = byPeriod.get(p)[q];
      if (!n) continue;
      const h = Math.max(1, (H - pad) * n / max);
      y -= h;
      const rect = svg("rect", {x, y, width: bw, height: h, class: "bar q" + q, "data-period": p, "data-quad": q,
        tabindex: 0, onclick: () => listPeriod(p, q, period, filters)});
      rect.append(svg("title", {text: `${p}: ${n} ${QUADS[q] || "unknown class"}`}));
      root.append(rect);
    }
    if (periods.length < 40 || i % Math.ceil(periods.length / 20) === 0)
      root.append(svg("text", {x: x + bw / 2, y: H + 14, class: "tick", "text-anchor": "middle", text: p.slice(0, period === "year" ? 4 : 7)}));
  });
  chart.replaceChildren(root);
}

async function listPeriod(start, quad, period, filters) {
  const end = periodEnd(start, period);
  document.getElementById("list-title").textContent = `${QUADS[quad] || "unclassified"}, ${start} to ${end}`;
  const f = {...filters, from: start, to: end};
  if (quad) f.quad = quad;
  await eventList(f, document.getElementById("list"), document.getElementById("detail"));
}

async function load(values) {
  const chart = document.getElementById("chart");
  try {
    const {period, ...filters} = apiFilters(values);
    const data = await api("/api/timeline", {...filters, period: period || "month"});
    drawTimeline(data.counts, data.period, filters);
  } catch (err) { showError(chart, err); }
}

document.addEventListener("DOMContentLoaded", () => {
  nav("/");
  quadLegend(document.getElementById("legend"));
  bindForm(document.getElementById("filters"), load);
});
