/* The case tracker: forms post to their handler and the server answers with the
   parts of the body the write changed (`regions`, rendered and escaped there, swapped by
   LeergangCore.replaceRegions); drafts are autosaved with a version check;
   staff get the overview (sortable, filterable), attendance, comments and assessment. */
var LeergangCase = window.LeergangCore.initializer(function (runtime, root, init) {
  "use strict";
  var core = window.LeergangCore;
  var element = root;
  var body = root.querySelector(".case-body");
  var announcer = root.querySelector(".case-announce");
  var version = init.version || 0;
  var pending = {};   // draft key -> true while a change waits to be saved
  var timers = {};

  function wireLinks(scope) {
    scope.querySelectorAll("a[data-handler]").forEach(function (link) {
      if (link.getAttribute("data-wired")) { return; }
      link.setAttribute("data-wired", "1");
      link.addEventListener("click", function () {
        link.href = core.withQuery(runtime.handlerUrl(element, link.getAttribute("data-handler")),
                                   link.getAttribute("data-query") || "");
      });
    });
  }

  function fieldsOf(form) {
    var data = {};
    form.querySelectorAll("input[name], textarea[name], select[name]").forEach(function (input) {
      if (input.type === "file") { return; }   // read when the form is sent (paperBody)
      if (input.type === "checkbox") { data[input.name] = input.checked; return; }
      if (input.type === "radio") { if (input.checked) { data[input.name] = input.value; } return; }
      if (input.name === "action-text" || input.name === "action-due") { return; }
      data[input.name] = input.value;
    });
    return data;
  }

  function bodyFor(form) {
    var handler = form.getAttribute("data-handler");
    var raw = fieldsOf(form);
    if (handler === "save_case") {
      var fields = {};
      Object.keys(raw).forEach(function (name) {
        if (name.indexOf("field:") === 0) { fields[name.slice(6)] = raw[name]; }
      });
      return {fields: fields};
    }
    if (handler === "log_entry") {
      var entry = {session: parseInt(raw.session, 10), parts: {}, reflection: {}, actions: [], carried: {}};
      Object.keys(raw).forEach(function (name) {
        if (name.indexOf("parts.") === 0) { entry.parts[name.slice(6)] = raw[name]; }
        if (name.indexOf("reflection.") === 0) { entry.reflection[name.slice(11)] = raw[name]; }
        if (name.indexOf("carried:") === 0) { entry.carried[name.slice(8)] = raw[name]; }
      });
      form.querySelectorAll(".case-action-row").forEach(function (row) {
        var text = row.querySelector("[name=action-text]").value.trim();
        var due = row.querySelector("[name=action-due]");
        // The server names a problem by the action's place in the list sent ("actions[0].due").
        row.querySelector("[name=action-text]").setAttribute("data-field", text ? "actions[" + entry.actions.length + "].text" : "");
        due.setAttribute("data-field", text ? "actions[" + entry.actions.length + "].due" : "");
        if (text) { entry.actions.push({text: text, due: due.value}); }
      });
      var chosen = form.querySelector("select[name=session]");
      chosen = chosen && chosen.options[chosen.selectedIndex];
      entry.seen = parseInt((chosen && chosen.getAttribute("data-seen")) || "0", 10);
      return entry;
    }
    if (handler === "save_group_page") {
      return {heading: raw.heading || "", text: raw.text || "", seen: parseInt(form.getAttribute("data-seen") || "0", 10)};
    }
    if (handler === "set_action_status") {
      return {action: form.getAttribute("data-action"), status: raw.status};
    }
    if (handler === "submit_paper") { return {text: raw.text || "", reflection: raw.reflection || ""}; }
    if (handler === "share") { return {shared: !!raw.shared}; }
    if (handler === "follow_up_wish") { return {owner: form.getAttribute("data-owner"), text: raw.text}; }
    return raw;
  }

  function draftOf(form) {
    var raw = fieldsOf(form);
    var draft = {};
    Object.keys(raw).forEach(function (name) {
      if (typeof raw[name] !== "string" || name === "session") { return; }
      draft[name.indexOf("field:") === 0 ? name.slice(6) : name] = raw[name];
    });
    return draft;
  }

  function saveDraft(form, options) {
    var key = form.getAttribute("data-draft");
    if (!pending[key]) { return; }
    pending[key] = false;
    var status = form.querySelector(".case-draft-status");
    return core.postJSON(runtime, element, "save_draft", {key: key, data: draftOf(form), version: version},
                         options).then(function (data) {
      version = data.version;
      if (status) { status.textContent = core.gettext("Draft saved."); }
    }, function (error) {
      core.showError(form, error);
    });
  }

  function scheduleDraft(form) {
    var key = form.getAttribute("data-draft");
    pending[key] = true;
    window.clearTimeout(timers[key]);
    timers[key] = window.setTimeout(function () { saveDraft(form); }, init.autosave_ms || 1500);
  }

  function countWords(form) {
    var out = form.querySelector(".case-word-count");
    if (!out) { return; }
    var words = 0;
    form.querySelectorAll(".case-counted").forEach(function (area) {
      var found = area.value.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu);
      words += found ? found.length : 0;
    });
    out.textContent = String(words);
  }

  // Wires the controls in `scope` (the body, or a part the server sent anew): each once.
  function wire(scope) {
    wireLinks(scope);
    wireEntryLinks(scope);
    scope.querySelectorAll("form.case-form").forEach(function (form) {
      core.preventImplicitSubmit(form);
      if (form.getAttribute("data-draft")) {
        form.addEventListener("input", function () { scheduleDraft(form); countWords(form); });
      }
      countWords(form);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        send(form);
      });
    });
    var add = scope.querySelector(".case-add-action");
    if (add) {
      add.addEventListener("click", function () {
        var list = body.querySelector(".case-action-rows");
        var rows = list.querySelectorAll(".case-action-row");
        if (rows.length >= 20) { return; }
        var copy = rows[rows.length - 1].cloneNode(true);
        var n = rows.length + 1;
        copy.querySelectorAll("input, label").forEach(function (node) {
          ["id", "for"].forEach(function (attr) {
            var value = node.getAttribute(attr);
            if (value) { node.setAttribute(attr, value.replace(/-a\d+/, "-a" + n)); }
          });
          if (node.tagName === "INPUT") { node.value = ""; }
          if (node.tagName === "LABEL" && node.getAttribute("for").slice(-4) !== "-due") {
            node.textContent = core.interpolate(core.gettext("Action %(n)s"), {n: n});
          }
        });
        list.appendChild(copy);
        copy.querySelector("input").focus();
      });
    }
  }

  // An entry with nothing written and every carried action left as it was is refused
  // at the field, as the server refuses it (400 empty_entry): nothing is sent.
  function emptyEntry(form) {
    var written = false;
    form.querySelectorAll("textarea[name^='parts.'], textarea[name^='reflection.'], [name=action-text]")
      .forEach(function (field) { if (field.value.trim()) { written = true; } });
    form.querySelectorAll("select[name^='carried:']").forEach(function (select) {
      if (select.value !== "open") { written = true; }
    });
    return !written;
  }

  // Said at the first field, which gets the focus (the message is already in its
  // aria-describedby); it goes when something is typed there.
  function refuseEmptyEntry(form, error) {
    // The entry's first field: its first part, or its first reflection step where the
    // template asks for no parts (one structure per entry).
    var first = form.querySelector("textarea[name^='parts.'], textarea[name^='reflection.']");
    var region = form.querySelector(".case-field-error");
    error = error || {code: "empty_entry", message: core.gettext(
      "Your entry is empty. Write at least one part of it, a next action, or mark an earlier action done or dropped.")};
    if (!first || !region) { core.showError(form, error); return; }
    // Not a live region: the focus moves to the field, which reads it as its description.
    region.textContent = error.message;
    region.setAttribute("data-code", error.code);
    region.hidden = false;
    first.setAttribute("aria-invalid", "true");
    first.addEventListener("input", function clear() {
      first.removeAttribute("aria-invalid");
      region.hidden = true;
      region.textContent = "";
      region.removeAttribute("data-code");
      first.removeEventListener("input", clear);
    });
    first.focus();
  }

  // After an entry is saved: the confirmation beside the button (rendered by the server
  // with a link to the entry, `saved_note`: a page loaded afresh has none) is announced,
  // and focus stays at the button.
  function confirmEntry(note) {
    var status = body.querySelector("form.case-entry .case-draft-status");
    if (status && note) {
      var holder = document.createElement("div");
      holder.innerHTML = note;
      if (holder.firstElementChild) {
        status.parentNode.replaceChild(holder.firstElementChild, status);
        wireEntryLinks(body.querySelector("form.case-entry"));
      }
    }
    var saved = body.querySelector(".case-entry-saved");
    var button = body.querySelector("form.case-entry button[type=submit]");
    if (button) { button.focus(); }
    if (!saved) { return; }
    var content = Array.prototype.slice.call(saved.childNodes);
    saved.textContent = "";
    window.setTimeout(function () { content.forEach(function (node) { saved.appendChild(node); }); }, 50);
  }

  function wireEntryLinks(scope) {
    // The confirmation's link and the timeline's "entry written": open that entry, focus it.
    scope.querySelectorAll(".case-entry-link").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (!target) { return; }
        event.preventDefault();
        target.open = true;
        var summary = target.querySelector("summary");
        if (summary) { summary.focus(); summary.scrollIntoView({block: "start"}); }
      });
    });
  }

  // The paper's file goes with its texts as a form (multipart): the texts as one JSON
  // part, the file as a file part, which the platform does not count as request data.
  function ready(form, payload) {
    var input = form.querySelector("input[type=file]");
    var file = input && input.files && input.files[0];
    if (!file) {
      if (input && input.getAttribute("data-keep")) { payload.keep_file = true; }
      return Promise.resolve(payload);
    }
    var sent = new FormData();
    sent.append("json", JSON.stringify(payload));
    sent.append("file", file, file.name);
    return Promise.resolve(sent);
  }

  function send(form) {
    var handler = form.getAttribute("data-handler");
    if (handler === "log_entry" && emptyEntry(form)) { refuseEmptyEntry(form); return; }
    var button = form.querySelector("button[type=submit]");
    var key = form.getAttribute("data-draft");
    if (key) { window.clearTimeout(timers[key]); pending[key] = false; }
    if (button) { button.disabled = true; }
    var heading = form.closest("section") && form.closest("section").querySelector("h3");
    var headingId = heading && heading.id;
    ready(form, bodyFor(form)).then(function (payload) {
      return core.postJSON(runtime, element, handler, payload);
    }).then(function (data) {
      if (data.version !== undefined) { version = data.version; }
      if (data.regions !== undefined || data.html !== undefined) {
        if (data.regions !== undefined) {
          var fresh = core.replaceRegions(body, data.regions);
          Object.keys(fresh).forEach(function (name) { wire(fresh[name]); });
        } else if (form.getAttribute("data-target") === "group") {
          replaceGroup(data.html);
        } else {
          body.innerHTML = data.html;
          wireBody();
        }
        if (handler === "log_entry") { confirmEntry(data.saved_note); return; }
        var again = headingId && document.getElementById(headingId);
        if (again) { again.setAttribute("tabindex", "-1"); again.focus(); }
      }
      // "Saved." beside the button that saved, where the eye and the focus are.
      var again = body.querySelector("form[data-handler='" + handler + "'] .case-draft-status");
      core.announce(again || announcer, core.gettext("Saved."));
    }, function (error) {
      if (error.code === "stale_entry" || error.code === "stale_part") {
        // Another window (or a second click) saved first: show what is stored now,
        // then say why, next to the form as it is after the reload.
        reloadAfterConflict(form.getAttribute("data-target") === "group", error);
        return;
      }
      if (error.code === "empty_entry") { refuseEmptyEntry(form, error); } else { core.showError(form, error); }
      if (button) { button.disabled = false; }
    });
  }

  function wireBody() { wire(body); }

  // The group section as the server sent it (group.py's part); its controls wired, only they.
  function replaceGroup(html) {
    var group = body.querySelector(".case-group-section");
    if (!group) { return; }
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var fresh = holder.querySelector(".case-group-section");
    if (!fresh) { return; }
    group.parentNode.replaceChild(fresh, group);
    wire(fresh);
  }

  function reloadAfterConflict(groupOnly, error) {
    // A part of the manifestatie the writer typed is kept in the reloaded form.
    var typed = groupOnly ? fieldsOf(body.querySelector(".case-page-form")) : null;
    core.getJSON(runtime, element, groupOnly ? "group_view" : "case_view").then(function (data) {
      if (data.version !== undefined) { version = data.version; }
      if (groupOnly) {
        replaceGroup(data.html);
      } else {
        body.innerHTML = data.html;
        wireBody();
      }
      var form = body.querySelector(groupOnly ? ".case-page-form" : ".case-entry");
      if (form && typed) {
        form.querySelector("[name=heading]").value = typed.heading || "";
        form.querySelector("[name=text]").value = typed.text || "";
      }
      if (form) { core.showError(form, error); }
    }, function (again) {
      core.announce(announcer, again.message);
    });
  }

  wireBody();
  core.flushWhenHidden(function (options) {
    body.querySelectorAll("form[data-draft]").forEach(function (form) { saveDraft(form, options); });
  });

  if (init.staff) { LeergangCaseStaff(runtime, element, root.querySelector(".case-staff-panel")); }
  if (root.querySelector(".case-mentor-panel")) {
    LeergangCaseStaff(runtime, element, root.querySelector(".case-mentor-panel"));
  }
  if (init.staff && window.LeergangGroupsStaff) { window.LeergangGroupsStaff(runtime, root); }
});

