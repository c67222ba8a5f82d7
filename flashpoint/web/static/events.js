"use strict";
// Event table: /api/events with the form's filters, one page at a time.

document.addEventListener("DOMContentLoaded", () => {
  nav("/events");
  const list = document.getElementById("list"), detail = document.getElementById("detail");
  const start = params();
  bindForm(document.getElementById("filters"), (values) => eventList(apiFilters(values), list, detail)).then(() => {
    if (start.event) showEvent(start.event, detail);
  });
});
