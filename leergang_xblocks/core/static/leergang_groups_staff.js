/* Staff tools for a group set, in the staff panel of any block that uses groups.
   Each form posts to the handler named in data-handler with the version the
   table showed; the server answers with the new table, which replaces the old. */
function LeergangGroupsStaff(runtime, element) {
  "use strict";
  var core = window.LeergangCore;
  var root = core.rootOf(element);
  var box = root.querySelector(".leergang-groups-staff-box");
  if (!box) { return; }
  var status = root.querySelector(".leergang-groups-status");
  var errorBox = root.querySelector(".leergang-groups-error");

  // A refusal about a field of `form` is shown next to that field; the rest in the panel's box.
  function showError(error, form) {
    core.clearFieldProblems(box);
    var text = error ? error.message : "";
    if (error && form && error.problems && error.problems.length) {
      text = core.showFieldProblems(form, error.problems).join("\n");
    }
    errorBox.textContent = text;
    errorBox.hidden = !text;
    if (error && error.code) { errorBox.setAttribute("data-code", error.code); } else { errorBox.removeAttribute("data-code"); }
  }

  function show(data, message, keepFocus) {
    box.innerHTML = data.html;  // rendered and escaped by the server
    status.textContent = message || "";
    wire();
    // The form that was used is gone: keyboard users continue from the new table.
    if (!keepFocus) { box.focus(); }
  }

  function load(message) {
    return core.getJSON(runtime, root, "groups_overview").then(function (data) { show(data, message, true); }, showError);
  }

  function valuesOf(form) {
    var body = {};
    form.querySelectorAll("input, select, textarea").forEach(function (field) {
      if (!field.name || (field.type === "radio" && !field.checked)) { return; }
      var integer = field.type === "number" || field.hasAttribute("data-integer");
      body[field.name] = integer ? parseInt(field.value, 10) : field.value;
    });
    return body;
  }

  // A replace that moves people who already wrote in their group is refused
  // (409 confirm_regroup) until staff confirm: the server's message says how many
  // move and what happens to running rounds and dilemmas; this step asks.
  function askToConfirm(form, error, send) {
    var old = form.querySelector(".leergang-groups-confirm");
    if (old) { old.parentNode.removeChild(old); }
    var step = document.createElement("div");
    step.className = "leergang-groups-confirm leergang-notice";
    step.setAttribute("role", "group");
    var text = document.createElement("p");
    text.id = form.getAttribute("data-handler") + "-confirm-text-" + Date.now();
    text.textContent = error.message;
    step.setAttribute("aria-labelledby", text.id);
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "leergang-button leergang-groups-confirm-yes";
    yes.textContent = core.gettext("Yes, replace the groups");
    var no = document.createElement("button");
    no.type = "button";
    no.className = "leergang-button leergang-secondary leergang-groups-confirm-no";
    no.textContent = core.gettext("Cancel");
    step.appendChild(text);
    step.appendChild(yes);
    step.appendChild(document.createTextNode(" "));
    step.appendChild(no);
    form.appendChild(step);
    yes.addEventListener("click", function () { step.parentNode.removeChild(step); send(true); });
    no.addEventListener("click", function () {
      step.parentNode.removeChild(step);
      status.textContent = core.gettext("Nothing was changed.");
      form.querySelector("button[type=submit]").focus();
    });
    yes.focus();
  }

  function wire() {
    var staff = box.querySelector(".leergang-groups-staff");
    var version = staff ? parseInt(staff.getAttribute("data-version"), 10) : 0;
    box.querySelectorAll("form.leergang-groups-form").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var button = form.querySelector("button[type=submit]");
        var body = valuesOf(form);
        body.version = version;

        function send(confirmed) {
          if (confirmed) { body.confirm = true; }
          button.disabled = true;
          status.textContent = core.gettext("Saving…");
          core.postJSON(runtime, root, form.getAttribute("data-handler"), body).then(function (data) {
            showError(null);
            show(data, data.message);
          }, function (error) {
            button.disabled = false;
            status.textContent = "";
            if (error.code === "confirm_regroup") { showError(null); askToConfirm(form, error, send); return; }
            showError(error, form);
            if (error.code === "stale_groups") { load(); }
          });
        }
        send(false);
      });
    });
    var link = box.querySelector(".leergang-groups-export");
    if (link) {
      link.addEventListener("click", function () {
        var names = box.querySelector(".leergang-groups-names");
        link.href = core.withQuery(runtime.handlerUrl(root, "export_groups"),
                                   "names=" + (names && names.checked ? "1" : "0"));
      });
    }
  }

  wire();
}
