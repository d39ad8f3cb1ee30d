// The project board.
// - Drag-and-drop (coordinators): dropping a card on another stage's column opens the same
//   stage change form as the card's "Phase ändern" link (reason required, recorded). The URL is
//   built from the board's one base address and the card's id.
// - "weitere" loads the next cards of a column by htmx; focus moves to the first new card so
//   that keyboard and screen reader users continue where they were.
(function () {
  "use strict";
  var boardElement = document.querySelector("[data-move-base]");
  document.addEventListener("htmx:afterSettle", function (event) {
    var first = document.querySelector("[data-first-new]");
    if (!first) { return; }
    first.removeAttribute("data-first-new");
    var link = first.querySelector("a");
    if (link) { link.focus(); }
  });
  if (!boardElement) { return; }
  var base = boardElement.dataset.moveBase;
  var columns = document.querySelectorAll("[data-stage]");
  var dragged = null;
  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest("[data-movable]");
    if (!card) { return; }
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.project);
    card.classList.add("ikz-card--dragging");
  });
  document.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("ikz-card--dragging"); }
    dragged = null;
    columns.forEach(function (column) { column.classList.remove("ikz-board__column--over"); });
  });
  columns.forEach(function (column) {
    column.addEventListener("dragover", function (event) {
      if (!dragged) { return; }
      event.preventDefault();
      column.classList.add("ikz-board__column--over");
    });
    column.addEventListener("dragleave", function () {
      column.classList.remove("ikz-board__column--over");
    });
    column.addEventListener("drop", function (event) {
      if (!dragged) { return; }
      event.preventDefault();
      var url = base + dragged.dataset.project + "/phase/?zurueck=board&phase=" +
        encodeURIComponent(column.dataset.stage);
      window.location.assign(url);
    });
  });
})();
