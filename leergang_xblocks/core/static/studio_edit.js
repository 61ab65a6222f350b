/* Studio's settings editor for every leergang block (core/blocks.py studio_view).
   Sends what the author typed, unconverted, so the server can refuse "3.9" for a
   whole number instead of the browser quietly making it 3; shows every problem
   the server names next to its field and in Studio's notification. */
function LeergangStudioEdit(runtime, element) {
  "use strict";
  var core = window.LeergangCore;
  var root = core.rootOf(element);
  var gettext = core.gettext;
  var status = root.querySelector(".leergang-studio-status");
  var problemList = root.querySelector(".leergang-studio-problems");

  function entries() { return Array.prototype.slice.call(root.querySelectorAll("li[data-field-name]")); }
  function control(entry) { return entry.querySelector(".field-data-control"); }

  function valueOf(entry) {
    var raw = control(entry).value;
    switch (entry.getAttribute("data-type")) {
      case "boolean": return raw === "true";
      case "integer": return /^\s*-?\d+\s*$/.test(raw) ? parseInt(raw, 10) : raw;
      default: return raw;
    }
  }

  entries().forEach(function (entry) {
    var reset = entry.querySelector(".leergang-reset");
    function changed() {
      entry.classList.add("is-set");
      reset.classList.remove("inactive");
      reset.classList.add("active");
    }
    control(entry).addEventListener("input", changed);
    control(entry).addEventListener("change", changed);
    reset.addEventListener("click", function () {
      control(entry).value = entry.getAttribute("data-default");
      entry.classList.remove("is-set");
      reset.classList.remove("active");
      reset.classList.add("inactive");
    });
  });

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
    });
  }

  function showProblems(messages) {
    messages.forEach(function (message) {
      var item = document.createElement("li");
      item.textContent = message.text;
      problemList.appendChild(item);
      var name = (message.path || "").replace(/^values\./, "").split(/[.[]/)[0];
      var entry = root.querySelector('li[data-field-name="' + name + '"]');
      if (entry) {
        var box = entry.querySelector(".leergang-field-problem");
        box.textContent = (box.textContent ? box.textContent + "\n" : "") + message.text;
        box.hidden = false;
        control(entry).setAttribute("aria-invalid", "true");
      }
    });
    problemList.hidden = messages.length === 0;
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
