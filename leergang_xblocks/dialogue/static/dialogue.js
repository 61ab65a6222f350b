/* Dialogue and dilemma exercise: the participant's steps and the facilitator's live view.
   The server renders every state (escaped); this script sends the forms, swaps in the
   HTML it gets back (the whole exercise, or the regions a write changed), checks for the
   reveal while waiting, and polls the live view. */
var LeergangDialogue = window.LeergangCore.initializer(function (runtime, root, init) {
  "use strict";
  var core = window.LeergangCore;
  var exercise = root.querySelector(".dialogue-exercise");
  var announcer = root.querySelector(".dialogue-announce");
  var live = root.querySelector(".dialogue-facilitator");
  var waitTimer = null;
  var liveTimer = null;
  var WAIT_MS = 5000;
  var LIVE_MS = 5000;

  core.wireDownloads(runtime, root);  // the own-data link; the CSV link is set in the live view below

  // Every word the participant wrote is sent (none is dropped without a word); the
  // same word twice counts once, as the server counts it.
  function ownValues(form) {
    var field = form.querySelector("[name=own_values]");
    if (!field) { return []; }
    var seen = {};
    return field.value.split(",").map(function (word) { return word.replace(/\s+/g, " ").trim(); })
      .filter(function (word) {
        var key = word.toLowerCase();
        if (!word || seen[key]) { return false; }
        seen[key] = true;
        return true;
      });
  }

  // An error in its place: next to the field it is about, else under the form's button.
  function showAt(region, error) {
    if (!region) { return; }
    region.hidden = !error;
    core.showError(region, error);
  }
  function formError(form) { return form.querySelector(":scope > .leergang-error"); }
  function showFieldError(form, error) {
    var field = form.querySelector("[name=own_values]");
    var atField = error && error.data && error.data.field === "own_values" && field;
    if (field) {
      showAt(form.querySelector(".dialogue-own-error"), atField ? error : null);
      if (atField) { field.setAttribute("aria-invalid", "true"); } else { field.removeAttribute("aria-invalid"); }
    }
    showAt(formError(form), atField ? null : error);
    if (atField) { field.focus(); }
  }
  // Checked before sending, with the code the server would answer.
  function ownValuesProblem(form) {
    var field = form.querySelector("[name=own_values]");
    var max = field ? parseInt(field.getAttribute("data-max"), 10) : 0;
    if (!field || !max || ownValues(form).length <= max) { return null; }
    return {code: "too_many_values", data: {field: "own_values", max: max},
            message: core.interpolate(core.gettext("Name at most %(max)s values in your own words."), {max: max})};
  }

  function checkedValue(form, name) {
    var checked = form.querySelector("input[name=" + name + "]:checked");
    return checked ? checked.value : null;
  }

  function text(form, name) {
    var field = form.querySelector("[name=" + name + "]");
    return field ? field.value : "";
  }

  function bodyOf(form) {
    var action = form.getAttribute("data-action");
    var values = {keys: Array.prototype.map.call(form.querySelectorAll("input[name=value]:checked"),
                                                 function (box) { return box.value; }),
                  own: ownValues(form)};
    if (action === "take_position") {
      return {option: checkedValue(form, "option") || "", reason: text(form, "reason"), values: values};
    }
    if (action === "revote") { return {option: checkedValue(form, "option") || "", reason: text(form, "reason")}; }
    if (action === "respond") {
      return {to: form.getAttribute("data-to"), understand: text(form, "understand"), question: text(form, "question")};
    }
    if (action === "share_need") { return {text: text(form, "text")}; }
    if (action === "flag_reason") { return {rid: form.getAttribute("data-rid"), reason: text(form, "reason")}; }
    if (action === "unflag_reason") { return {rid: form.getAttribute("data-rid")}; }
    if (action === "deliberate") {
      var steps = {};
      form.querySelectorAll("textarea[data-step]").forEach(function (box) { steps[box.getAttribute("data-step")] = box.value; });
      return steps;
    }
    return {values: values, changed: text(form, "changed"), listening: checkedValue(form, "listening"),
            note: text(form, "note")};
  }

  // Where to put the focus after the page part is replaced: the next thing to do.
  var NEXT = {take_position: ".dialogue-mine h3", respond: ".dialogue-my-response h3",
              revote: ".dialogue-mine h3", share_need: ".dialogue-minority h3", reflect: ".dialogue-reflection-form h3",
              deliberate: ".dialogue-deliberation h3"};
  var DONE = {take_position: core.gettext("Your position is saved."), respond: core.gettext("Your response is sent."),
              revote: core.gettext("Your re-vote is saved."), share_need: core.gettext("Your answer is shared."),
              reflect: core.gettext("Your reflection is saved."),
              deliberate: core.gettext("Your deliberation is saved."),
              flag_reason: core.gettext("The facilitator has been asked to look at it. You can undo this."),
              unflag_reason: core.gettext("Your request to the facilitator is withdrawn.")};
  // After a report (or its undo) the focus goes to the button that undoes it (or reports again).
  function nextFocus(action, form) {
    var rid = (form.getAttribute("data-rid") || "").replace(/[^0-9a-f]/g, "");
    if (action === "flag_reason") { return ".dialogue-unflag[data-rid=\"" + rid + "\"] button"; }
    if (action === "unflag_reason") { return ".dialogue-flag-open[data-rid=\"" + rid + "\"]"; }
    return NEXT[action];
  }

  // The reflection form may hold unsaved text while another step (or the reveal)
  // replaces the page part: its fields are carried over, and so is the focus.
  var KEEP = ".dialogue-reflection-form";
  function keptFields() {
    var form = exercise && exercise.querySelector(KEEP);
    if (!form) { return null; }
    var fields = Array.prototype.map.call(form.querySelectorAll("textarea, input"), function (field) {
      return {name: field.name, value: field.value, type: field.type, checked: field.checked};
    });
    var active = document.activeElement;
    return {fields: fields, focus: active && form.contains(active) ? [active.name, active.value] : null};
  }
  function restoreFields(kept) {
    var form = kept && exercise.querySelector(KEEP);
    if (!form) { return false; }
    kept.fields.forEach(function (saved) {
      var selector = "[name=" + saved.name + "]";
      if (saved.type === "checkbox" || saved.type === "radio") {
        var box = form.querySelector(selector + "[value=\"" + saved.value.replace(/"/g, "") + "\"]");
        if (box) { box.checked = saved.checked; }
      } else {
        var field = form.querySelector(selector);
        if (field) { field.value = saved.value; }
      }
    });
    if (kept.focus) {
      var target = form.querySelector("[name=" + kept.focus[0] + "]");
      if (target) { target.focus(); return true; }
    }
    return false;
  }

  // An answer holds the whole exercise (`html`) or only the regions the write changed
  // (`regions`: {name: html}, each swapped in where its data-region is); the rest of the
  // page, its unsaved text and the check for the reveal stay as they are.
  function render(data, focusSelector, keepReflection) {
    if (!exercise || !data) { return; }
    var whole = typeof data.html === "string";
    if (!whole && !data.regions) { return; }
    var kept = keepReflection && (whole || data.regions.reflection) ? keptFields() : null;
    if (whole) {
      exercise.innerHTML = data.html;  // rendered and escaped by the server
      wire(exercise);
    } else {
      var fresh = core.replaceRegions(exercise, data.regions);  // rendered and escaped by the server
      Object.keys(fresh).forEach(function (name) { wire(fresh[name]); });
    }
    if (restoreFields(kept)) { focusSelector = null; }
    var target = focusSelector && exercise.querySelector(focusSelector);
    if (target) { target.setAttribute("tabindex", "-1"); target.focus(); }
    if (whole) { watchReveal(data.waiting); }
  }

  // Reporting a reason is a deliberate step: the button opens a confirmation in the
  // page (with an optional note), which Cancel or Escape closes again.
  function wireReport(opener) {
    var confirm = opener.parentNode.querySelector(".dialogue-flag-confirm");
    if (!confirm) { return; }
    function close() {
      confirm.hidden = true;
      opener.setAttribute("aria-expanded", "false");
      opener.focus();
    }
    opener.addEventListener("click", function () {
      var open = confirm.hidden;
      confirm.hidden = !open;
      opener.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) { confirm.querySelector("textarea, button").focus(); }
    });
    confirm.querySelector(".dialogue-flag-cancel").addEventListener("click", close);
    confirm.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); close(); }
    });
  }

  // Wires the controls inside `part` (the exercise, or a region just swapped in).
  function wire(part) {
    if (!part) { return; }
    part.querySelectorAll(".dialogue-flag-open").forEach(wireReport);
    part.querySelectorAll("form.dialogue-form").forEach(function (form) {
      core.preventImplicitSubmit(form);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var action = form.getAttribute("data-action");
        var problem = ownValuesProblem(form);
        if (problem) { showFieldError(form, problem); return; }
        var button = form.querySelector("button[type=submit]");
        if (button) { button.disabled = true; }
        core.postJSON(runtime, root, action, bodyOf(form)).then(function (data) {
          showFieldError(form, null);
          render(data, nextFocus(action, form), action !== "reflect");
          core.announce(announcer, DONE[action]);
        }, function (error) {
          showFieldError(form, error);
          if (button) { button.disabled = false; }
        });
      });
    });
  }

  // While waiting for the reveal, ask every few seconds; stop once it is open.
  function watchReveal(waiting) {
    if (waitTimer) { window.clearTimeout(waitTimer); waitTimer = null; }
    if (!waiting) { return; }
    waitTimer = window.setTimeout(function () {
      core.getJSON(runtime, root, "room").then(function (data) {
        if (data.revealed) {
          render(data, ".dialogue-spread h3", true);
          core.announce(announcer, core.gettext("The spread and the reasons are open now."));
        } else {
          var note = exercise.querySelector(".dialogue-waiting");
          var fresh = document.createElement("div");
          fresh.innerHTML = data.html;
          var freshNote = fresh.querySelector(".dialogue-waiting");
          if (note && freshNote) { note.textContent = freshNote.textContent; }
          watchReveal(true);
        }
      }, function () { watchReveal(true); });
    }, WAIT_MS);
  }

  wire(exercise);
  watchReveal(init.waiting);

  // --- The facilitator's live view ------------------------------------------------
  if (init.staff && live) {
    var liveError = function () { return live.querySelector(".dialogue-live-error"); };
    var liveVersion = "";  // the version of the view shown: a poll that finds it current gets "unchanged"
    var liveQuery = function (polling) {
      var round = live.querySelector(".dialogue-live-round");
      var group = live.querySelector(".dialogue-live-group");
      var parts = [];
      if (round) { parts.push("round=" + encodeURIComponent(round.value)); }
      if (group && group.value) { parts.push("group=" + encodeURIComponent(group.value)); }
      if (polling && liveVersion) { parts.push("seen=" + encodeURIComponent(liveVersion)); }
      return parts.join("&");
    };
    // A poll from a recent version answers what changed since: the parts around the
    // reasons again, and each changed reason put in its place in its option's list
    // (sorted by id, as the server sorts them; no HTML: taken out); everything is rendered
    // and escaped by the server. `box` holds the view, whose parts are named `prefix`-top,
    // -reasons, -bottom (the moderation view's and the presenter view's alike).
    var applyChanges = function (box, prefix, changes) {
      box.querySelector("." + prefix + "-top").innerHTML = changes.top;
      box.querySelector("." + prefix + "-bottom").innerHTML = changes.bottom;
      var reasons = box.querySelector("." + prefix + "-reasons");
      var lists = reasons.querySelectorAll(".dialogue-reason-list");
      changes.reasons.forEach(function (change) {
        Array.prototype.forEach.call(reasons.querySelectorAll(".dialogue-reason"), function (item) {
          if (item.getAttribute("data-rid") === change.rid) { item.parentNode.removeChild(item); }
        });
        var list = Array.prototype.filter.call(lists, function (l) {
          return l.getAttribute("data-option") === change.option; })[0];
        if (!list || !change.html) { return; }
        var holder = document.createElement("ul");
        holder.innerHTML = change.html;
        var next = Array.prototype.filter.call(list.children, function (item) {
          return item.getAttribute("data-rid") > change.rid; })[0] || null;
        list.insertBefore(holder.firstElementChild, next);
      });
      Array.prototype.forEach.call(lists, function (list) {
        var empty = list.children.length === 0;
        list.hidden = empty;
        var none = list.nextElementSibling;
        if (none && none.classList.contains("dialogue-no-reasons")) { none.hidden = !empty; }
      });
    };
    var showLive = function (data) {
      if (data.unchanged) { return; }
      liveVersion = data.version || "";
      // Keep the facilitator's place: which control had focus and what was open.
      var active = document.activeElement;
      var activeClass = active && live.contains(active) ? active.className : null;
      var activeRid = activeClass && active.getAttribute("data-rid");
      var openDetails = live.querySelector(".dialogue-not-taken-part[open]") !== null;
      var names = live.querySelector(".dialogue-csv-names");
      var withNames = names ? names.checked : false;
      if (data.changes && live.querySelector(".dialogue-live-reasons")) {
        var view = live.querySelector(".dialogue-live");
        view.setAttribute("data-round", data.changes.round);
        view.setAttribute("data-current-round", data.changes.current_round);
        applyChanges(live, "dialogue-live", data.changes);
      } else {
        live.innerHTML = data.html;  // rendered and escaped by the server
      }
      if (openDetails) { live.querySelector(".dialogue-not-taken-part").open = true; }
      if (withNames) { live.querySelector(".dialogue-csv-names").checked = true; }
      if (activeRid) {
        var button = live.querySelector(".dialogue-hide[data-rid=\"" + activeRid.replace(/[^0-9a-f]/g, "") + "\"]");
        if (button) { button.focus(); }
      } else if (activeClass) {
        var again = live.querySelector("." + activeClass.split(" ").filter(function (c) {
          return c.indexOf("dialogue-") === 0; })[0]);
        if (again && again.tagName === "SELECT") { again.focus(); }
      }
    };
    // The presenter view (a whole-window dialog for the projector) is filled by the same
    // poll: while it is open the poll asks for it instead of the moderation view, with the
    // version it shows (`seen`), so an unchanged view costs the server next to nothing.
    var presenter = root.querySelector(".dialogue-presenter");
    var presenterBody = presenter && presenter.querySelector(".dialogue-presenter-body");
    var presenting = function () { return Boolean(presenter && presenter.open); };
    var presenterVersion = "";
    var refresh = function (polling) {
      if (presenting()) {
        var seen = polling === true && presenterVersion ? "seen=" + encodeURIComponent(presenterVersion) : "";
        return core.getJSON(runtime, root, "live", [liveQuery(false), "view=present", seen].filter(Boolean).join("&")).then(function (data) {
          showAt(presenter.querySelector(".dialogue-presenter-error"), null);
          if (data.unchanged) { return; }
          presenterVersion = data.version || "";
          var content = presenterBody.querySelector(".dialogue-presenter-content");
          if (data.changes && content) {
            content.setAttribute("data-round", data.changes.round);
            content.setAttribute("data-current-round", data.changes.current_round);
            applyChanges(presenterBody, "dialogue-presenter", data.changes);
          } else {
            presenterBody.innerHTML = data.html;  // rendered and escaped by the server
          }
        }, function (error) { showAt(presenter.querySelector(".dialogue-presenter-error"), error); });
      }
      return core.getJSON(runtime, root, "live", liveQuery(polling === true)).then(showLive, function (error) {
        core.showError(liveError(), error);
      });
    };
    var opener = root.querySelector(".dialogue-presenter-open");
    if (presenter && opener && typeof presenter.showModal === "function") {
      opener.addEventListener("click", function () {
        presenter.showModal();
        presenterBody.focus();
        refresh();
      });
      presenter.querySelector(".dialogue-presenter-close").addEventListener("click", function () { presenter.close(); });
      presenter.addEventListener("close", function () {
        opener.focus();
        refresh();
      });
    } else if (opener) {
      opener.hidden = true;  // a browser without <dialog>: the moderation view only
    }
    var schedule = function () {
      if (liveTimer) { window.clearTimeout(liveTimer); }
      liveTimer = window.setTimeout(function () {
        if (document.visibilityState === "hidden") { schedule(); return; }
        refresh(true).then(schedule, schedule);
      }, LIVE_MS);
    };
    live.addEventListener("change", function (event) {
      if (event.target.matches(".dialogue-live-round, .dialogue-live-group")) { refresh(); }
    });
    live.addEventListener("click", function (event) {
      var target = event.target;
      if (target.matches(".dialogue-csv")) {
        // The live view is replaced as it updates: the link is set when it is used.
        var names = live.querySelector(".dialogue-csv-names");
        target.href = core.withQuery(runtime.handlerUrl(root, "export_csv"),
                                     "names=" + (names && names.checked ? "1" : "0"));
      } else if (target.matches(".dialogue-new-round")) {
        if (!window.confirm(core.gettext("Start a new round? Everyone starts again; this round stays in the record."))) {
          return;
        }
        target.disabled = true;
        core.postJSON(runtime, root, "new_round", {round: parseInt(target.getAttribute("data-round"), 10)})
          .then(function (data) {
            showLive(data);
            core.announce(announcer, core.gettext("A new round has started."));
          }, function (error) { core.showError(liveError(), error); refresh(); });
      } else if (target.matches(".dialogue-hide")) {
        var hide = target.getAttribute("data-hidden") === "true";
        target.disabled = true;
        core.postJSON(runtime, root, "hide_reason", {rid: target.getAttribute("data-rid"), hidden: hide})
          .then(function (data) {
            showLive(data);
            core.announce(announcer, hide ? core.gettext("Hidden for participants.") : core.gettext("Shown to participants again."));
          }, function (error) { core.showError(liveError(), error); target.disabled = false; });
      }
    });
    schedule();
  }
  if (init.staff && window.LeergangGroupsStaff && root.querySelector(".leergang-groups-panel")) {
    window.LeergangGroupsStaff(runtime, root);
  }
});
