// Small progressive enhancements; every page works without JavaScript.

// Confirmation in the KERN dialog (ui/components/dialog.html, once in base.html) instead of
// the browser's confirm(): the native modal <dialog> traps the focus and gives it back on
// closing, Escape cancels. window.ikzConfirm(question) resolves to true for "confirm".
(() => {
  "use strict";
  let answer = null; // the resolve function of the open question

  function dialog() {
    return document.getElementById("ikz-confirm");
  }

  window.ikzConfirm = (question) => {
    const box = dialog();
    if (!box || typeof box.showModal !== "function") return Promise.resolve(true);
    if (answer) answer(false);
    box.querySelector("[data-confirm-text]").textContent = question;
    box.returnValue = "";
    box.showModal();
    return new Promise((resolve) => {
      answer = resolve;
    });
  };

  document.addEventListener(
    "close",
    (event) => {
      if (event.target !== dialog() || !answer) return;
      const resolve = answer;
      answer = null;
      resolve(event.target.returnValue === "confirm");
    },
    true,
  );

  // A button with data-confirm asks first; "confirm" sends its form again with the same
  // button as submitter, so htmx (or the minutes editor) handles it as before.
  let approved = null;
  document.addEventListener("click", (event) => {
    const trigger = event.target.closest("[data-confirm]");
    if (!trigger) return;
    if (trigger === approved) {
      approved = null;
      return;
    }
    event.preventDefault();
    window.ikzConfirm(trigger.dataset.confirm).then((ok) => {
      if (!ok || !document.body.contains(trigger)) return;
      if (trigger.form) {
        trigger.form.requestSubmit(trigger);
      } else {
        approved = trigger;
        trigger.click();
      }
    });
  });
})();
