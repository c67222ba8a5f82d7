"use strict";
// API reference drawn from /openapi.json (served locally: no external assets).

function schemaText(s) {
  if (!s) return "";
  if (s.enum) return s.enum.join(" | ");
  if (s.anyOf) return s.anyOf.map(schemaText).filter((x) => x && x !== "null").join(" | ");
  let t = s.type || (s.$ref ? s.$ref.split("/").pop() : "");
  if (s.type === "array") t = schemaText(s.items) + "[]";
  const limits = [];
  if (s.pattern) limits.push("pattern " + s.pattern);
  if (s.minimum !== undefined) limits.push("≥ " + s.minimum);
  if (s.maximum !== undefined) limits.push("≤ " + s.maximum);
  if (s.maxLength !== undefined) limits.push("length ≤ " + s.maxLength);
  return t + (limits.length ? " (" + limits.join(", ") + ")" : "");
}

document.addEventListener("DOMContentLoaded", async () => {
  nav("/docs");
  const box = document.getElementById("endpoints");
  try {
    const spec = await (await fetch("/openapi.json")).json();
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const section = el("section", {class: "card endpoint"}, el("h3", {text: `${method.toUpperCase()} ${path}`}),
          el("p", {text: op.summary || ""}));
        const ps = op.parameters || [];
        if (ps.length) {
          const t = el("table", {}, el("tr", {}, el("th", {text: "parameter"}), el("th", {text: "in"}),
            el("th", {text: "type"}), el("th", {text: "default"}), el("th", {text: "description"})));
          for (const p of ps) t.append(el("tr", {}, el("td", {text: p.name}), el("td", {text: p.in}),
            el("td", {text: schemaText(p.schema)}), el("td", {text: p.schema && p.schema.default !== undefined ? JSON.stringify(p.schema.default) : ""}),
            el("td", {text: p.description || (p.schema && p.schema.description) || ""})));
          section.append(t);
        }
        if (op.requestBody) section.append(el("p", {text: "body: " + schemaText(op.requestBody.content["application/json"].schema)}));
        box.append(section);
      }
    }
  } catch (err) { showError(box, err); }
});
