// The minutes editor's keyboard commands (docs/meetings.md). Every change goes to a small
// server endpoint through htmx; the server answers with the re-rendered editor, one row, or
// (Enter) the saved row and the next draft as out-of-band swaps plus #minutes-signal.
// No inline script anywhere: the Content-Security-Policy forbids it.
//
// Commands run one after the other, in the order typed, and each acts on the point that has
// the focus when it runs: "Enter, Tab" quickly typed indents the new point, as it should.
// Characters typed while the editor is being redrawn wait in the same queue, then go into the
// field that has the focus.
(() => {
  "use strict";

  const EDITOR = "minutes-editor";
  const TEXT = "ikz-point__text";
  // Settle at once, so that focus and kept text are in place before the next command runs.
  const SWAP = "outerHTML settle:0ms";
  let queue = Promise.resolve();
  let redraws = 0; // whole-editor requests queued or running
  let waiting = 0; // all commands queued or running
  let leaveOnTab = null; // after Escape, the next Tab leaves the field (no keyboard trap)
  let pendingFocus = ""; // id to focus after the next swap, if the server names none
  let sentRow = ""; // the row whose values went with the running request
  let dirty = {}; // text typed in other rows, kept across a redraw of the whole editor

  const editor = () => document.getElementById(EDITOR);
  const inEditor = (element) =>
    element instanceof Element && element.closest("#" + EDITOR) !== null;
  const rowOf = (element) => element.closest(".ikz-point__row");
  const formOf = (element) => element.closest(".ikz-point__form");
  const isDraft = (form) => form.hasAttribute("data-draft");
  const textInputs = () => Array.from(document.querySelectorAll("#" + EDITOR + " ." + TEXT));

  function focusedText() {
    const active = document.activeElement;
    return active && inEditor(active) && active.classList.contains(TEXT) ? active : null;
  }

  function valuesOf(form, extra) {
    const values = {};
    new FormData(form).forEach((value, key) => {
      values[key] = value;
    });
    return Object.assign(values, extra || {});
  }

  // aria-busy tells assistive technology (and the browser tests) that changes are on the way.
  function markBusy() {
    const element = editor();
    if (!element) return;
    if (waiting > 0) element.setAttribute("aria-busy", "true");
    else element.removeAttribute("aria-busy");
  }

  function enqueue(task, redraw) {
    if (redraw) redraws += 1;
    waiting += 1;
    markBusy();
    const run = () => Promise.resolve(task()).catch(() => {});
    queue = queue.then(run, run).finally(() => {
      if (redraw) redraws -= 1;
      waiting -= 1;
      markBusy();
    });
  }

  function request(verb, url, values, target) {
    return htmx.ajax(verb, url, { target: target, swap: SWAP, values: values });
  }

  // Send the form's values with ``op``; a plain save redraws only its row.
  function post(form, op) {
    const draft = isDraft(form);
    const text = form.querySelector("." + TEXT);
    form.dataset.sent = text ? text.value : "";
    sentRow = rowOf(form).id;
    const target = !draft && op === "save" ? rowOf(form) : editor();
    return request("POST", form.action, valuesOf(form, draft ? {} : { op: op }), target);
  }

  // Tab / Shift+Tab on a point not saved yet, or dropping it: nothing is stored.
  function redrawDraft(form, op, focus) {
    const values = valuesOf(form, { draft: op === "remove" ? "" : "1", op: op });
    delete values.csrfmiddlewaretoken;
    if (focus) values.focus = focus;
    sentRow = rowOf(form).id;
    return request("GET", editor().dataset.url, values, editor());
  }

  function neighbour(input, step) {
    const inputs = textInputs();
    return inputs[inputs.indexOf(input) + step] || null;
  }

  function focusField(element) {
    if (!element) return;
    element.focus();
    if (element.classList.contains(TEXT)) {
      const end = element.value.length;
      element.setSelectionRange(end, end);
    }
  }

  function hasChildren(form) {
    const item = form.closest("li.ikz-point");
    return item !== null && item.querySelector(":scope > .ikz-points") !== null;
  }

  // What a key does, decided when its turn comes (the focused point may have changed).
  const COMMANDS = {
    save(input, form) {
      return post(form, "new");
    },
    indent(input, form) {
      return isDraft(form) ? redrawDraft(form, "indent") : post(form, "indent");
    },
    outdent(input, form) {
      return isDraft(form) ? redrawDraft(form, "outdent") : post(form, "outdent");
    },
    up(input, form) {
      return isDraft(form) ? null : post(form, "up");
    },
    down(input, form) {
      return isDraft(form) ? null : post(form, "down");
    },
    previous(input) {
      focusField(neighbour(input, -1));
    },
    next(input) {
      focusField(neighbour(input, 1));
    },
    erase(input, form) {
      if (input.value !== "") return null;
      const previous = neighbour(input, -1);
      if (isDraft(form)) {
        return form.dataset.draft === "draft"
          ? redrawDraft(form, "remove", previous ? previous.id : "")
          : null;
      }
      if (!hasChildren(form)) return post(form, "delete");
      // The KERN dialog of ui/ikz.js; the queue waits for the answer.
      const question = pageText("confirmDelete", "Diesen Punkt mit allen Unterpunkten löschen?");
      return window
        .ikzConfirm(question)
        .then((ok) => (ok && document.body.contains(form) ? post(form, "delete") : null));
    },
    drop(input, form) {
      if (form.dataset.draft !== "draft") return null;
      const previous = neighbour(input, -1);
      return redrawDraft(form, "remove", previous ? previous.id : "");
    },
  };
  const REDRAWS = new Set(["save", "indent", "outdent", "up", "down", "erase", "drop"]);

  function command(name, origin) {
    enqueue(() => {
      const input = focusedText() || (document.body.contains(origin) ? origin : null);
      if (!input) return null;
      return COMMANDS[name](input, formOf(input));
    }, REDRAWS.has(name));
  }

  function commandFor(event) {
    const key = event.key;
    const plain = !event.ctrlKey && !event.altKey && !event.metaKey;
    if (key === "Tab" && !event.ctrlKey && !event.altKey) return event.shiftKey ? "outdent" : "indent";
    if (key === "Enter" && plain && !event.shiftKey) return "save";
    if (key === "ArrowUp" && !event.ctrlKey && !event.shiftKey) return event.altKey ? "up" : "previous";
    if (key === "ArrowDown" && !event.ctrlKey && !event.shiftKey) return event.altKey ? "down" : "next";
    return "";
  }

  function onTextKey(event, input) {
    if (event.key === "Escape") {
      event.preventDefault();
      input.value = input.dataset.original || "";
      leaveOnTab = input;
      command("drop", input);
      return;
    }
    if (event.key === "Tab" && leaveOnTab === input) {
      leaveOnTab = null;
      return;
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      formOf(input).querySelector(".ikz-point__kind").focus();
      return;
    }
    const name = commandFor(event);
    if (name) {
      event.preventDefault();
      leaveOnTab = null;
      command(name, input);
      return;
    }
    if (redraws > 0) {
      // The editor is being redrawn: what is typed now belongs to the field that has the
      // focus once the commands before it have run.
      if (event.key.length === 1 && !event.ctrlKey && !event.altKey && !event.metaKey) {
        event.preventDefault();
        const character = event.key;
        enqueue(() => {
          const field = focusedText();
          if (field) field.value += character;
        }, false);
        return;
      }
      if (event.key === "Backspace") {
        event.preventDefault();
        enqueue(() => {
          const field = focusedText();
          if (field && field.value) field.value = field.value.slice(0, -1);
          else if (field) return COMMANDS.erase(field, formOf(field));
          return null;
        }, false);
        return;
      }
    }
    if ((event.key === "Backspace" || event.key === "Delete") && input.value === "") {
      event.preventDefault();
      command("erase", input);
    }
  }

  // Enter in the kind, owner or due field saves; Escape returns to the text.
  function onFieldKey(event, field) {
    const form = formOf(field);
    const text = form.querySelector("." + TEXT);
    if (event.key === "Escape") {
      event.preventDefault();
      focusField(text);
    } else if (event.key === "Enter" && field.tagName !== "BUTTON") {
      event.preventDefault();
      const draft = isDraft(form);
      if (!draft) pendingFocus = text.id;
      enqueue(() => (document.body.contains(form) ? post(form, draft ? "new" : "save") : null), draft);
    }
  }

  document.addEventListener("keydown", (event) => {
    const element = event.target;
    if (!inEditor(element) || !formOf(element)) return;
    if (element.classList.contains(TEXT)) onTextKey(event, element);
    else if (element.matches("select, input")) onFieldKey(event, element);
  });

  // An owner select carries only "niemand" and its chosen owner; the whole list is sent once
  // (<template id="minutes-owner-options">) and copied in when the select is first used.
  function fillOwners(select) {
    const source = document.getElementById(select.dataset.ownerList || "");
    delete select.dataset.ownerList;
    if (!source) return;
    const chosen = select.value;
    select.replaceChildren(source.content.cloneNode(true));
    select.value = chosen;
  }
  ["focusin", "pointerdown"].forEach((type) => {
    document.addEventListener(type, (event) => {
      const element = event.target;
      if (element instanceof HTMLSelectElement && element.dataset.ownerList) fillOwners(element);
    }, true);
  });

  document.addEventListener("input", (event) => {
    if (event.target === leaveOnTab) leaveOnTab = null;
  });

  // A changed field of a saved point is saved at once (kind, owner, due, "intern", and the
  // text when the focus leaves it). Drafts are saved with Enter only.
  document.addEventListener("change", (event) => {
    const element = event.target;
    if (!inEditor(element)) return;
    const form = formOf(element);
    if (!form || isDraft(form)) return;
    if (element.classList.contains(TEXT) && form.dataset.sent === element.value) return;
    const save = () => {
      delete form.dataset.timer;
      enqueue(() => (document.body.contains(form) ? post(form, "save") : null), false);
    };
    window.clearTimeout(Number(form.dataset.timer || 0));
    // Typing "Besch" in the kind list passes "Bewertung" first: wait until the choice is made.
    // "Aufgabe" is saved at once, since its owner and due fields come with the answer.
    if (element.tagName === "SELECT" && element.value !== "task") {
      form.dataset.timer = String(window.setTimeout(save, 700));
    } else {
      save();
    }
  });

  // Leaving a list with a choice still waiting saves it now, before anything else happens.
  document.addEventListener("focusout", (event) => {
    const element = event.target;
    if (!(element instanceof HTMLSelectElement) || !inEditor(element)) return;
    const form = formOf(element);
    if (!form || !form.dataset.timer) return;
    window.clearTimeout(Number(form.dataset.timer));
    delete form.dataset.timer;
    enqueue(() => (document.body.contains(form) ? post(form, "save") : null), false);
  });

  // Buttons and plain submits go through htmx as well.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!inEditor(form) || !form.classList.contains("ikz-point__form")) return;
    event.preventDefault();
    const op = event.submitter && event.submitter.value ? event.submitter.value : "save";
    const redraw = isDraft(form) || op !== "save";
    enqueue(() => (document.body.contains(form) ? post(form, isDraft(form) ? "new" : op) : null), redraw);
  });

  function remember(target) {
    dirty = {};
    const focused = document.activeElement;
    if (!pendingFocus && focused && focused.id && target.contains(focused)) pendingFocus = focused.id;
    textInputs().forEach((input) => {
      if (rowOf(input).id === sentRow) return;
      if (input.value !== (input.dataset.original || "")) {
        dirty[input.id] = { value: input.value, original: input.dataset.original || "" };
      }
    });
  }

  function restore() {
    Object.entries(dirty).forEach(([id, kept]) => {
      const input = document.getElementById(id);
      // Only where the server's text is still the one the typing started from.
      if (input && (input.dataset.original || "") === kept.original) input.value = kept.value;
    });
    dirty = {};
  }

  function announce(text) {
    const status = document.getElementById("minutes-status");
    if (!status || !text) return;
    status.textContent = "";
    window.setTimeout(() => {
      status.textContent = text;
    }, 50);
  }

  // Translated texts come from the page (data-text-* on #minutes-problem); German is the fallback.
  function pageText(key, fallback) {
    const problem = document.getElementById("minutes-problem");
    const name = "text" + key.charAt(0).toUpperCase() + key.slice(1);
    return (problem && problem.dataset[name]) || fallback;
  }

  function showProblem(text) {
    const problem = document.getElementById("minutes-problem");
    if (problem) {
      problem.hidden = false;
      problem.querySelector("[data-message]").textContent = text;
    }
    announce(text);
  }

  document.addEventListener("htmx:beforeSwap", (event) => {
    const target = event.detail.target;
    // A validation error (422) swaps too, through the htmx config in base.html: the answer
    // holds the typed text and the message.
    if (inEditor(target) && event.detail.shouldSwap) remember(target);
  });

  document.addEventListener("htmx:afterSettle", (event) => {
    const settled = event.target;
    if (!(settled instanceof Element) || !inEditor(settled)) return;
    restore();
    markBusy();
    // A save with Enter answers with out-of-band rows only; #minutes-signal names the focus.
    const signal = document.getElementById("minutes-signal");
    const signalled = signal ? signal.dataset.focus || "" : "";
    const said = signal ? signal.dataset.announce || "" : "";
    if (signal) {
      delete signal.dataset.focus;
      delete signal.dataset.announce;
    }
    const focus = settled.dataset.focus || signalled || pendingFocus;
    pendingFocus = "";
    sentRow = "";
    if (settled.dataset.focus) delete settled.dataset.focus;
    focusField(focus ? document.getElementById(focus) : null);
    announce(settled.dataset.announce || said);
  });

  document.addEventListener("htmx:responseError", (event) => {
    if (inEditor(event.detail.target)) {
      showProblem(pageText("unsaved", "Die Änderung wurde nicht gespeichert. Bitte laden Sie die Seite neu."));
    }
  });
  document.addEventListener("htmx:sendError", () => {
    if (editor()) showProblem(pageText("offline", "Keine Verbindung zum Server. Die Änderung wurde nicht gespeichert."));
  });
})();
