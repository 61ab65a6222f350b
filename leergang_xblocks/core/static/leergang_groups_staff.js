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

  function showError(error) {
    errorBox.textContent = error ? error.message : "";
    errorBox.hidden = !error;
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

  function wire() {
    var staff = box.querySelector(".leergang-groups-staff");
    var version = staff ? parseInt(staff.getAttribute("data-version"), 10) : 0;
    box.querySelectorAll("form.leergang-groups-form").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var button = form.querySelector("button[type=submit]");
        var body = valuesOf(form);
        body.version = version;
        button.disabled = true;
        status.textContent = core.gettext("Saving…");
        core.postJSON(runtime, root, form.getAttribute("data-handler"), body).then(function (data) {
          showError(null);
          show(data, data.message);
        }, function (error) {
          button.disabled = false;
          status.textContent = "";
          showError(error);
          if (error.code === "stale_groups") { load(); }
        });
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
