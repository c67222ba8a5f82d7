"use strict";
// Event table: /api/events with the form's filters, one page at a time.

function eventFilters(values) {
  const f = {...values};
  delete f.source; delete f.target;
  if (values.source && values.target) f.dyad = values.source + "," + values.target;
  return f;
}

document.addEventListener("DOMContentLoaded", () => {
  nav("/events");
  const form = document.getElementById("filters");
  const list = document.getElementById("list"), detail = document.getElementById("detail");
  const start = params();
  fillForm(form, start);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const values = formValues(form);
    history.replaceState(null, "", "?" + new URLSearchParams(values));
    eventList(eventFilters(values), list, detail);
  });
  eventList(eventFilters(formValues(form)), list, detail).then(() => {
    if (start.event) showEvent(start.event, detail);
  });
});
