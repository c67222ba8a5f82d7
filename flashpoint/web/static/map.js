"use strict";
// Map: the packaged world outlines (/api/basemap) drawn as SVG, event places (/api/places) on top.

const MW = 1000, MH = 500;
const project = ([lon, lat]) => [(lon + 180) / 360 * MW, (90 - lat) / 180 * MH];

function ringPath(ring) {
  return ring.map((pt, i) => (i ? "L" : "M") + project(pt).map((v) => v.toFixed(1)).join(",")).join("") + "Z";
}

function countryPath(geometry) {
  const polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polys.map((poly) => poly.map(ringPath).join("")).join("");
}

async function draw(values) {
  const box = document.getElementById("map");
  try {
    const filters = apiFilters(values);
    const [world, data] = await Promise.all([api("/api/basemap"), api("/api/places", {...filters, limit: 2000})]);
    const root = svg("svg", {viewBox: `0 0 ${MW} ${MH}`, class: "map", role: "img", "aria-label": "map of event places"});
    for (const f of world.features) {
      const p = svg("path", {d: countryPath(f.geometry), class: "country", "data-country": f.id});
      p.append(svg("title", {text: f.properties.name}));
      root.append(p);
    }
    const max = Math.max(1, ...data.places.map((p) => p.events));
    for (const p of [...data.places].reverse()) {
      const [x, y] = project([p.lon, p.lat]);
      const dot = svg("circle", {cx: x.toFixed(1), cy: y.toFixed(1), r: (2 + 10 * Math.sqrt(p.events / max)).toFixed(1),
        class: "dot q" + (p.quad_class || 0), "data-place": p.place, tabindex: 0,
        onclick: () => listPlace(p, filters)});
      dot.append(svg("title", {text: `${p.place || "?"} (${p.place_country || "?"}): ${p.events} events, ${p.first} to ${p.last}`}));
      root.append(dot);
    }
    box.replaceChildren(root, el("p", {class: "hint", id: "map-count", text: `${data.places.length} places`}));
  } catch (err) { showError(box, err); }
}

function listPlace(p, filters) {
  document.getElementById("list-title").textContent = `Events at ${p.place || "?"} (${p.place_country || "?"})`;
  eventList({...filters, place: p.place}, document.getElementById("list"), document.getElementById("detail"));
}

document.addEventListener("DOMContentLoaded", () => {
  nav("/map");
  quadLegend(document.getElementById("legend"));
  bindForm(document.getElementById("filters"), draw);
});
