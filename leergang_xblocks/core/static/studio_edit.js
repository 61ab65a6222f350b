/* Studio's settings editor for every leergang block (core/blocks.py studio_view).
   Sends what the author typed, unconverted, so the server can refuse "3.9" for a
   whole number instead of the browser quietly making it 3; shows every problem
   the server names next to its field (a list's problems at the input of its
   row) and in Studio's notification. Forms (core/studio_forms.py): check boxes,
   a list of records to add, remove and move with buttons, a due date. One reset for the
   whole form, after a confirmation that says what it resets. */
function LeergangStudioEdit(runtime, element) {
  "use strict";
  var core = window.LeergangCore;
  var root = core.rootOf(element);
  var gettext = core.gettext;
  var editor = root.querySelector(".leergang-studio-edit") || root;
  var texts = JSON.parse(editor.getAttribute("data-texts") || "{}");
  var status = root.querySelector(".leergang-studio-status");
  var problemList = root.querySelector(".leergang-studio-problems");
  var uid = 0;

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }
  function entries() { return Array.prototype.slice.call(root.querySelectorAll("li[data-field-name]")); }
  function control(entry) { return entry.querySelector(".field-data-control"); }
  function typeOf(entry) { return entry.getAttribute("data-type"); }
  function all(node, selector) { return Array.prototype.slice.call(node.querySelectorAll(selector)); }

  // --- Lists of records (the case tracker's sessions) -------------------------------

  function recordList(entry) {
    var box = control(entry);
    var list = box.querySelector(".leergang-records");
    var template = box.querySelector(".leergang-record-template");
    var said = box.querySelector(".leergang-record-status");
    var max = parseInt(box.getAttribute("data-max"), 10) || 40;
    var recordLabel = box.getAttribute("data-record-label");

    function rows() { return all(list, ":scope > .leergang-record"); }
    function input(row, key) { return row.querySelector('[data-key="' + key + '"]'); }
    function label(row) {
      var number = input(row, "number");
      var shown = number && number.value ? number.value : String(rows().indexOf(row) + 1);
      return fill(recordLabel, {number: shown});
    }
    function relabel() {
      rows().forEach(function (row) {
        var name = label(row);
        row.querySelector(".leergang-record-label").textContent = name;
        all(row, ".leergang-record-actions button").forEach(function (button) {
          button.setAttribute("aria-label", button.textContent.trim() + ": " + name);
        });
      });
    }
    function get(record, key) {
      return key.split(".").reduce(function (value, part) {
        return value && typeof value === "object" ? value[part] : undefined;
      }, record);
    }
    function build(record) {
      var row = document.importNode(template.content, true).querySelector(".leergang-record");
      all(row, "[data-key]").forEach(function (field) {
        var key = field.getAttribute("data-key");
        var id = entry.getAttribute("data-field-name") + "-" + (uid += 1) + "-" + key.replace(/\W/g, "-");
        field.id = (control(entry).id || "leergang") + "-" + id;
        var text = row.querySelector('label[data-for-key="' + key + '"]');
        if (text) { text.setAttribute("for", field.id); }
        var problem = field.parentNode.querySelector(".leergang-input-problem");
        if (problem) { problem.id = field.id + "-problem"; }
        var value = get(record, key);
        if (field.type === "checkbox") { field.checked = value === true; } else {
          field.value = value === undefined || value === null ? "" : String(value);
        }
      });
      return row;
    }
    function valueOf(row) {
      var record = {};
      all(row, "[data-key]").forEach(function (field) {
        var value;
        if (field.type === "checkbox") { value = field.checked; } else if (field.type === "number") {
          value = /^\s*-?\d+\s*$/.test(field.value) ? parseInt(field.value, 10) : field.value;
        } else { value = field.value; }
        var parts = field.getAttribute("data-key").split("."), at = record;
        parts.slice(0, -1).forEach(function (part) { at = at[part] = at[part] || {}; });
        at[parts[parts.length - 1]] = value;
      });
      return record;
    }
    function show(records) {
      list.textContent = "";
      records.forEach(function (record) { list.appendChild(build(record)); });
      relabel();
    }
    function say(template, row, extra) {
      said.textContent = fill(template, Object.assign({label: label(row)}, extra || {}));
    }

    box.querySelector(".leergang-add-row").addEventListener("click", function () {
      if (rows().length >= max) { said.textContent = texts.full || ""; return; }
      var record = JSON.parse(box.getAttribute("data-new-record") || "{}");
      var numbers = rows().map(function (row) { return parseInt(input(row, "number").value, 10) || 0; });
      if (input(template.content, "number")) { record.number = Math.max.apply(null, [0].concat(numbers)) + 1; }
      var row = build(record);
      list.appendChild(row);
      relabel();
      changed(entry);
      say(texts.added || "", row);
      row.querySelector("[data-key]").focus();
    });
    list.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      var row = button.closest(".leergang-record"), all_rows = rows(), at = all_rows.indexOf(row);
      if (button.classList.contains("leergang-move-up") || button.classList.contains("leergang-move-down")) {
        var up = button.classList.contains("leergang-move-up");
        if ((up && at === 0) || (!up && at === all_rows.length - 1)) {
          say(up ? texts.first : texts.last, row);
          return;
        }
        if (up) { list.insertBefore(row, all_rows[at - 1]); } else { list.insertBefore(all_rows[at + 1], row); }
        button.focus();  // moving a focused element can drop focus in some browsers
        relabel();
        changed(entry);
        say(texts.moved || "", row, {place: rows().indexOf(row) + 1, count: rows().length});
      } else if (button.classList.contains("leergang-remove")) {
        var name = label(row);
        var next = all_rows[at + 1] || all_rows[at - 1];
        row.parentNode.removeChild(row);
        relabel();
        changed(entry);
        said.textContent = fill(texts.removed || "", {label: name});
        (next ? next.querySelector(".leergang-remove") : box.querySelector(".leergang-add-row")).focus();
      }
    });
    list.addEventListener("input", function (event) {
      if (event.target.getAttribute("data-key") === "number") { relabel(); }
    });
    show(JSON.parse(entry.getAttribute("data-value") || "[]"));
    return {
      value: function () { return rows().map(valueOf); },
      set: function (records) { show(records); },
      problem: function (rest, text) {
        // rest: "[2].theme.nl" -> the row's input; "" -> the list as a whole
        var match = /^\[(\d+)\]\.?(.*)$/.exec(rest);
        var row = match ? rows()[parseInt(match[1], 10)] : null;
        var field = row ? (input(row, match[2]) || row.querySelector("[data-key]")) : null;
        if (!field) { return false; }
        var box = field.parentNode.querySelector(".leergang-input-problem");
        box.textContent = (box.textContent ? box.textContent + "\n" : "") + text;
        box.hidden = false;
        field.setAttribute("aria-invalid", "true");
        field.setAttribute("aria-describedby", box.id);
        return true;
      },
      clear: function () {
        all(list, ".leergang-input-problem").forEach(function (box) { box.hidden = true; box.textContent = ""; });
        all(list, "[aria-invalid]").forEach(function (field) {
          field.removeAttribute("aria-invalid");
          field.removeAttribute("aria-describedby");
        });
      }
    };
  }

  // --- A due date: a date input and a time input (ISO text whatever the locale) ------

  function dueMoment(entry) {
    var box = control(entry);
    function input(key) { return box.querySelector('[data-key="' + key + '"]'); }
    function set(value) {
      input("date").value = (value && value.date) || "";
      input("time").value = (value && value.time) || "";
    }
    set(JSON.parse(entry.getAttribute("data-value") || "{}"));
    return {
      value: function () { return {date: input("date").value, time: input("time").value}; },
      set: set,
      problem: function (rest, text) {
        // rest: ".date" or ".time" -> that input; "" -> the day
        var field = input(rest.replace(/^\./, "")) || input("date");
        var said = field.parentNode.querySelector(".leergang-input-problem");
        said.textContent = (said.textContent ? said.textContent + "\n" : "") + text;
        said.hidden = false;
        field.setAttribute("aria-invalid", "true");
        field.setAttribute("aria-describedby", said.id);
        return true;
      },
      clear: function () {
        all(box, ".leergang-input-problem").forEach(function (said) { said.hidden = true; said.textContent = ""; });
        all(box, "[data-key]").forEach(function (field) {
          field.removeAttribute("aria-invalid");
          field.removeAttribute("aria-describedby");
        });
      }
    };
  }

  // --- Every setting: read, set, mark as changed -------------------------------------

  var widgets = {};
  entries().forEach(function (entry) {
    var name = entry.getAttribute("data-field-name");
    if (typeOf(entry) === "record_list") { widgets[name] = recordList(entry); }
    if (typeOf(entry) === "due_moment") { widgets[name] = dueMoment(entry); }
  });

  function valueOf(entry) {
    var widget = widgets[entry.getAttribute("data-field-name")];
    if (widget) { return widget.value(); }
    switch (typeOf(entry)) {
      case "checkboxes":
        return all(control(entry), "input[type=checkbox]").filter(function (box) { return box.checked; })
          .map(function (box) { return box.value; });
      case "boolean": return control(entry).value === "true";
      case "integer":
        var raw = control(entry).value;
        return /^\s*-?\d+\s*$/.test(raw) ? parseInt(raw, 10) : raw;
      default: return control(entry).value;
    }
  }
  function isForm(entry) { return ["checkboxes", "record_list", "due_moment"].indexOf(typeOf(entry)) >= 0; }
  function defaultOf(entry) {
    var text = entry.getAttribute("data-default");
    return isForm(entry) ? JSON.parse(text) : text;
  }
  function shown(entry) {
    if (isForm(entry)) { return JSON.stringify(valueOf(entry)); }
    return control(entry).value;
  }
  function differs(entry) {
    var fallback = defaultOf(entry);
    return shown(entry) !== (isForm(entry) ? JSON.stringify(fallback) : fallback);
  }
  function setToDefault(entry) {
    var fallback = defaultOf(entry);
    var widget = widgets[entry.getAttribute("data-field-name")];
    if (widget) { widget.set(fallback); } else if (typeOf(entry) === "checkboxes") {
      all(control(entry), "input[type=checkbox]").forEach(function (box) {
        box.checked = fallback.indexOf(box.value) >= 0;
      });
    } else { control(entry).value = fallback; }
    entry.classList.remove("is-set");
  }
  function changed(entry) { entry.classList.add("is-set"); }

  entries().forEach(function (entry) {
    control(entry).addEventListener("input", function () { changed(entry); });
    control(entry).addEventListener("change", function () { changed(entry); });
  });

  // --- One reset for the form ----------------------------------------------------------

  var resetButton = root.querySelector(".leergang-reset-form");
  var confirmBox = root.querySelector(".leergang-reset-confirm");
  function closeConfirm() {
    confirmBox.hidden = true;
    resetButton.setAttribute("aria-expanded", "false");
    resetButton.focus();
  }
  resetButton.addEventListener("click", function () {
    var labels = entries().filter(differs).map(function (entry) { return entry.getAttribute("data-label"); });
    confirmBox.querySelector(".leergang-reset-question").textContent = labels.length ?
      fill(texts.reset_ask || "", {labels: labels.join(", ")}) : (texts.reset_nothing || "");
    confirmBox.hidden = false;
    resetButton.setAttribute("aria-expanded", "true");
    confirmBox.querySelector(".leergang-reset-no").focus();
  });
  confirmBox.querySelector(".leergang-reset-no").addEventListener("click", closeConfirm);
  confirmBox.querySelector(".leergang-reset-yes").addEventListener("click", function () {
    entries().forEach(setToDefault);
    clearProblems();
    closeConfirm();
    status.textContent = texts.reset_done || "";
  });

  // --- Saving ----------------------------------------------------------------------------

  // Studio sends the token of its `csrftoken` cookie with every request
  // (cms main.js: $.ajaxSetup headers); so does this editor, in Studio and in the demo.
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) { return decodeURIComponent(match[1]); }
    var headers = window.jQuery && window.jQuery.ajaxSettings && window.jQuery.ajaxSettings.headers;
    return (headers && headers["X-CSRFToken"]) || "";
  }

  function clearProblems() {
    problemList.hidden = true;
    problemList.textContent = "";
    entries().forEach(function (entry) {
      var box = entry.querySelector(".leergang-field-problem");
      box.hidden = true;
      box.textContent = "";
      control(entry).removeAttribute("aria-invalid");
      describedBy(control(entry), box.id, false);
    });
    Object.keys(widgets).forEach(function (name) { widgets[name].clear(); });
  }

  function showProblems(messages) {
    messages.forEach(function (message) {
      var path = (message.path || "").replace(/^values\./, "");
      var name = path.split(/[.[]/)[0];
      var entry = root.querySelector('li[data-field-name="' + name + '"]');
      var item = document.createElement("li");
      item.textContent = entry ? entry.getAttribute("data-label") + ": " + message.text : message.text;
      problemList.appendChild(item);
      if (!entry) { return; }
      var details = entry.closest("details");
      if (details) { details.open = true; }
      var widget = widgets[name];
      if (widget && widget.problem(path.slice(name.length), message.text)) { return; }
      var box = entry.querySelector(".leergang-field-problem");
      box.textContent = (box.textContent ? box.textContent + "\n" : "") + message.text;
      box.hidden = false;
      control(entry).setAttribute("aria-invalid", "true");
      describedBy(control(entry), box.id, true);
    });
    problemList.hidden = messages.length === 0;
    // Keyboard and screen-reader users land on the first setting to correct.
    var first = root.querySelector('[aria-invalid="true"]');
    if (first) {
      var focusable = first.matches("fieldset") ? first.querySelector("input, select, textarea") : first;
      if (focusable) { focusable.focus(); }
    }
  }

  // Add or remove one id in an element's aria-describedby (help and problem share it).
  function describedBy(node, id, add) {
    var ids = (node.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (x) {
      return x && x !== id;
    });
    if (add) { ids.push(id); }
    if (ids.length) { node.setAttribute("aria-describedby", ids.join(" ")); } else {
      node.removeAttribute("aria-describedby");
    }
  }

  function save(event) {
    event.preventDefault();
    var values = {}, defaults = [];
    entries().forEach(function (entry) {
      var name = entry.getAttribute("data-field-name");
      if (entry.classList.contains("is-set")) { values[name] = valueOf(entry); } else { defaults.push(name); }
    });
    clearProblems();
    status.textContent = gettext("Saving…");
    runtime.notify("save", {state: "start", message: gettext("Saving…")});
    fetch(runtime.handlerUrl(element, "submit_studio_edits"), {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json",
                "X-CSRFToken": csrfToken(), "X-Requested-With": "XMLHttpRequest"},
      body: JSON.stringify({values: values, defaults: defaults})
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (response.ok) {
          status.textContent = gettext("Saved.");
          runtime.notify("save", {state: "end"});
          return;
        }
        var error = (data && data.error) || {};
        var messages = error.messages || [{text: error.message || gettext("The settings could not be saved.")}];
        status.textContent = gettext("Not saved. Please correct the following:");
        showProblems(messages);
        runtime.notify("error", {title: gettext("Not saved"),
                                 message: messages.map(function (m) { return m.text; }).join("\n")});
      });
    }, function () {
      status.textContent = gettext("No connection to the server. Your changes were not saved.");
      runtime.notify("error", {title: gettext("Not saved"), message: status.textContent});
    });
  }

  root.querySelector(".save-button").addEventListener("click", save);
  root.querySelector(".cancel-button").addEventListener("click", function (event) {
    event.preventDefault();
    runtime.notify("cancel", {});
  });
}
