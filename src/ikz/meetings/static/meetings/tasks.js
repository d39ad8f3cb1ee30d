// Task lists: a state button swaps its table row (htmx attributes in _task_row.html); this keeps
// the keyboard focus in that row and announces the result. No inline script: CSP.
(() => {
  "use strict";
  const inTasks = (element) => element instanceof Element && element.closest(".ikz-tasks") !== null;

  document.addEventListener("htmx:afterSettle", (event) => {
    const row = event.target;
    if (!(row instanceof HTMLTableRowElement) || !inTasks(row)) return;
    const first = row.querySelector("button, a");
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
