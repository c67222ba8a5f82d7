"use strict";
// Dyad view: severity by direction, tit-for-tat responses with proportionality, change points,
// and the forecast with its baselines (the backtested no-conflict forecaster when the store has the
// history, else the de-escalation model; all from /api/dyads/A/B/escalation), the
// picture of `flashpoint escalation --plot` (/escalation.png) and the saved backtest (/backtest).

function fmt(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(2);
  return String(v);
}

function recordTable(rows, columns, names, empty) {
  const t = el("table", {}, el("tr", {}, ...columns.map((c) => el("th", {text: (names || {})[c] || c.replaceAll("_", " ")}))));
  for (const r of rows) {
    t.append(el("tr", {}, ...columns.map((c) => el("td", {class: c === "label" ? "label-" + r[c] : null, text: fmt(r[c])}))));
  }
  if (!rows.length) t.append(el("tr", {}, el("td", {colspan: columns.length, text: empty || "none"})));
  return t;
}

function severityChart(report) {
  const rows = report.series;
  const dirs = [...new Set(rows.map((r) => r.direction))].sort();
  const days = rows.map((r) => Date.parse(r.period)).concat(report.change_points.map((c) => Date.parse(c.date)));
  const W = 960, H = 260, pad = 40;
  const root = svg("svg", {viewBox: `0 0 ${W} ${H + 50}`, class: "timeline", id: "severity", role: "img", "aria-label": "severity by direction"});
  if (!rows.length) return el("p", {text: "no events in this period"});
  const lo = Math.min(...days), hi = Math.max(...days, lo + 86400000);
  const x = (d) => pad + (W - 2 * pad) * (Date.parse(d) - lo) / (hi - lo);
  const y = (s) => H - (H - pad) * s / 10;
  root.append(svg("line", {x1: pad, y1: H, x2: W - pad, y2: H, class: "axis"}));
  for (const s of [0, 5, 10]) root.append(svg("text", {x: 4, y: y(s) + 4, class: "tick", text: "rung " + s}));
  for (const cp of report.change_points) {
    root.append(svg("line", {x1: x(cp.date), x2: x(cp.date), y1: pad / 2, y2: H, class: "cp"}));
    root.append(svg("text", {x: x(cp.date) + 3, y: pad / 2 + 10, class: "tick", text: `change ${cp.date} (${cp.direction})`}));
  }
  dirs.forEach((d, i) => {
    const pts = rows.filter((r) => r.direction === d);
    root.append(svg("polyline", {class: "sev dir" + i, points: pts.map((r) => `${x(r.period).toFixed(1)},${y(r.severity_max).toFixed(1)}`).join(" ")}));
    for (const r of pts) {
      const c = svg("circle", {cx: x(r.period).toFixed(1), cy: y(r.severity_max).toFixed(1), r: 3, class: "dot" + i});
      c.append(svg("title", {text: `${d} ${r.period}: ${r.events} events, worst rung ${r.severity_max}`}));
      root.append(c);
    }
    root.append(svg("text", {x: pad + i * 160, y: H + 40, class: "tick dot" + i, text: "● " + d}));
  });
  root.append(svg("text", {x: pad, y: H + 16, class: "tick", text: new Date(lo).toISOString().slice(0, 10)}));
  root.append(svg("text", {x: W - pad, y: H + 16, class: "tick", "text-anchor": "end", text: new Date(hi).toISOString().slice(0, 10)}));
  return root;
}

function forecastCards(f) {
  if (!f) return el("p", {text: "no forecast asked for"});
  const cards = el("div", {class: "cards", id: "forecast"});
  cards.append(el("div", {class: "card"}, el("div", {text: `P(de-escalation within ${f.horizon_days} days of ${f.as_of})`}),
    el("div", {class: "big", text: f.probability === null ? "none" : f.probability.toFixed(2)}),
    f.reason ? el("div", {class: "meta", text: f.reason}) : ""));
  cards.append(el("div", {class: "card"}, el("div", {text: "baselines"}),
    el("div", {text: `base rate ${fmt(f.baselines.base_rate)}`}), el("div", {text: `persistence ${fmt(f.baselines.persistence)}`})));
  const scores = Object.entries(f.evaluation.scores).map(([k, v]) => ({forecaster: k, ...v}));
  cards.append(el("div", {class: "card"}, el("div", {text: `held-out scores (${f.evaluation.n_test} test days; lower is better)`}),
    recordTable(scores, ["forecaster", "brier", "log_loss", "ece"])));
  return el("div", {}, cards, el("p", {class: "meta", text: "trained on: " + f.trained_on}));
}

// The backtested forecaster's answer (r.no_conflict), with its baselines at the same day; else the
// de-escalation model's (r.forecast). Which model answered, and why, is r.forecast_model.
function forecasts(r) {
  const f = r.no_conflict;
  if (!f) return forecastCards(r.forecast);
  const cards = el("div", {class: "cards", id: "forecast"});
  cards.append(el("div", {class: "card"}, el("div", {text: f.question}),
    el("div", {class: "big", text: f.probability.toFixed(2)})));
  cards.append(el("div", {class: "card"}, el("div", {text: "baselines at the same day"}),
    ...Object.entries(f.baselines).map(([k, v]) => el("div", {text: `${k} ${fmt(v)}`}))));
  const t = f.timings_seconds;
  cards.append(el("div", {class: "card"}, el("div", {text: "no-conflict forecaster"}),
    el("div", {text: `fitted on ${f.forecaster.train_start} to ${f.forecaster.train_end}`}),
    el("div", {text: `${f.forecaster.origins} origins of ${f.forecaster.pairs} pairs`}),
    el("div", {class: "meta", text: `model ${fmt(t.model)} s, predict ${fmt(t.predict)} s`})));
  return el("div", {}, cards, el("p", {class: "meta", text: "Its scorecard: the backtest below (flashpoint backtest)."}));
}

function dyadPath(a, b) { return `/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}`; }

// The picture of the same report, drawn by the server; an error is shown with its fix.
function picture(r, path, options) {
  const holder = el("div", {id: "picture"});
  const img = el("img", {id: "escalation-plot", class: "plot", src: apiUrl(path + "/escalation.png", options),
    alt: `Escalation of ${r.dyad[0]} and ${r.dyad[1]} to ${r.as_of}: worst severity rung per period by direction, ` +
      "conflict and cooperation counts, change points, the main response links and the forecast window"});
  img.addEventListener("error", () => api(path + "/escalation.png", options).catch((err) => showError(holder, err)));
  holder.append(img);
  return holder;
}

function score(v) { return v === null || v === undefined ? "" : v.toFixed(3); }

// The backtest saved by `flashpoint backtest` for this dyad: the model and the three baselines.
async function backtest(a, b) {
  const box = document.getElementById("backtest");
  const head = el("h3", {text: "Backtest of the no-conflict forecast"});
  box.replaceChildren(head, el("p", {text: "loading…"}));
  try {
    const r = await api(dyadPath(a, b) + "/backtest");
    const first = r.from || (r.forecasts[0] || {}).origin, last = r.to || (r.forecasts.at(-1) || {}).origin;
    const fitted = r.forecaster && r.forecaster.train_start ?
      ` The forecaster was fitted on origins ${r.forecaster.train_start} to ${r.forecaster.train_end}.` : "";
    const table = el("table", {id: "backtest-table"}, el("tr", {}, ...["forecast", "Brier", "log loss",
      "Brier, model minus this (se)"].map((h) => el("th", {text: h}))));
    table.append(el("tr", {"data-name": "model"}, el("td", {text: "model"}), el("td", {text: score(r.model.brier)}),
      el("td", {text: score(r.model.log_loss)}), el("td", {text: ""})));
    for (const [name, s] of Object.entries(r.baselines)) {
      table.append(el("tr", {"data-name": name}, el("td", {text: name + " (baseline)"}), el("td", {text: score(s.brier)}),
        el("td", {text: score(s.log_loss)}),
        el("td", {text: s.brier_diff === null ? "" : `${s.brier_diff >= 0 ? "+" : ""}${score(s.brier_diff)} (${score(s.brier_diff_se)})`})));
    }
    box.replaceChildren(head, el("p", {id: "backtest-period", text: `P(no quad-class-${r.target_quad_class} event between ` +
      `${r.dyad[0]} and ${r.dyad[1]}, either direction, in the next ${r.horizon} days), forecast at ${r.origins} ` +
      `origins from ${first} to ${last}; ${r.scored} scored, outcome rate ${r.outcome_rate === null ? "none" : fmt(r.outcome_rate)}.` + fitted}),
      table, el("p", {class: "hint", text: "Lower is better. The last backtest saved beside the store by flashpoint backtest."}));
  } catch (err) {
    const fix = (err.body || {}).fix || "";
    if ((err.body || {}).code !== "E804") { showError(box, err); box.prepend(head); return; }
    const command = (fix.match(/'([^']+)'/) || [null, fix])[1];
    box.replaceChildren(head, el("p", {id: "no-backtest", text: `No backtest of ${a} and ${b} has been saved for this store. To make one, run:`}),
      el("pre", {}, el("code", {text: command})));
  }
}

async function analyse(values) {
  const box = document.getElementById("report");
  box.replaceChildren(el("p", {text: "analysing…"}));
  const {a, b, ...rest} = values;
  backtest(a, b);
  try {
    const r = await api(dyadPath(a, b) + "/escalation", rest);
    box.replaceChildren(
      el("h2", {text: `${r.dyad[0]} and ${r.dyad[1]}, ${r.start || "first event"} to ${r.as_of}`}),
      ...r.notes.map((n) => el("p", {class: "error", text: "Note: " + n})),
      el("h3", {text: "Is it escalating?"}),
      recordTable(r.trend, ["direction", "verdict", "max_now", "max_before", "sum_now", "sum_before"]),
      el("h3", {text: "Severity by direction (worst rung per period) and change points"}), severityChart(r),
      el("h3", {text: "Totals per direction"}),
      recordTable(r.summary, ["direction", "events", "verbal_conflict", "material_conflict", "severity_max", "peak_period", "goldstein_mean"]),
      el("h3", {text: `Tit-for-tat: responses within ${r.window_days} days, with proportionality`}),
      el("div", {id: "responses"}, recordTable(r.responses, ["chain", "provocation_date", "provocation_direction", "provocation_cameo",
        "provocation_rung", "response_date", "response_cameo", "response_rung", "lag_days", "proportionality", "label"],
        {provocation_date: "provoked", provocation_direction: "by", provocation_cameo: "cameo", provocation_rung: "rung",
         response_date: "answered", response_cameo: "cameo", response_rung: "rung", lag_days: "days", proportionality: "+rungs"}, "no responses")),
      el("h3", {text: "Chains"}), recordTable(r.chains, Object.keys(r.chains[0] || {chain: 0}), null, "no chains"),
      el("h3", {text: "Change points in daily severity"}),
      recordTable(r.change_points, ["direction", "date", "before_mean", "after_mean", "shift"], null, "none found"),
      el("h3", {text: r.no_conflict ? "Forecast: how likely is a week without material conflict?" : "De-escalation forecast"}),
      forecasts(r), el("p", {id: "forecast-model", class: "meta", text: `model: ${r.forecast_model.name || "none"} (${r.forecast_model.why})`}),
      el("h3", {text: "The picture (flashpoint escalation --plot)"}), picture(r, dyadPath(a, b), rest));
  } catch (err) { showError(box, err); }
}

document.addEventListener("DOMContentLoaded", () => {
  nav("/dyad");
  bindForm(document.getElementById("filters"), analyse);
});
