// Task lists: "Bearbeiten", a state button, "Speichern" and "Abbrechen" swap their table row
// (htmx attributes in _task_table.html and the row templates). This keeps the keyboard focus in
// that row (on the field or link the row marks with autofocus, else its first control) and
// announces the result. No inline script: CSP.
(() => {
  "use strict";
  const inTasks = (element) => element instanceof Element && element.closest(".ikz-tasks") !== null;

  document.addEventListener("htmx:afterSettle", (event) => {
    const row = event.target;
    if (!(row instanceof HTMLTableRowElement) || !inTasks(row)) return;
    const first = row.querySelector("[autofocus]") || row.querySelector("input:not([type=hidden]), button, a");
    if (first) first.focus();
    const status = document.getElementById("task-status");
    if (status && row.dataset.announce) {
      status.textContent = "";
      window.setTimeout(() => {
        status.textContent = row.dataset.announce;
      }, 50);
    }
  });
})();
