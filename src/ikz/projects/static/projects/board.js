// Drag-and-drop on the project board: dropping a card on another stage's column opens the
// same stage change form as the card's "Phase ändern" control (reason required, recorded).
(function () {
  "use strict";
  var board = document.querySelectorAll("[data-stage]");
  var dragged = null;
  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest("[data-move-url]");
    if (!card) { return; }
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.project);
    card.classList.add("ikz-card--dragging");
  });
  document.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("ikz-card--dragging"); }
    dragged = null;
    board.forEach(function (column) { column.classList.remove("ikz-board__column--over"); });
  });
  board.forEach(function (column) {
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
      var url = dragged.dataset.moveUrl + "?zurueck=board&phase=" + encodeURIComponent(column.dataset.stage);
      window.location.assign(url);
    });
  });
})();
