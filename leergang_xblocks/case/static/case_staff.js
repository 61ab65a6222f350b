/* The case tracker for staff (the whole panel) and mentors (open a mentee's case, comment): `panel` is
   the staff panel or the mentor panel. */
function LeergangCaseStaff(runtime, element, panel) {
  "use strict";
  var core = window.LeergangCore;
  if (!panel) { return; }
  var status = panel.querySelector(".case-staff-status");
  var errorRegion = panel.querySelector(".case-staff-error");
  var holder = panel.querySelector(".case-overview");
  var caseHolder = panel.querySelector(".case-staff-case");
  // The panel's error region starts hidden: shown with an error, hidden again without.
  function showPanelError(error) {
    if (errorRegion) { errorRegion.hidden = !error; }
    core.showError(errorRegion, error);
  }
  panel.querySelectorAll("a[data-handler]").forEach(function (link) {
    link.addEventListener("click", function () {
      link.href = core.withQuery(runtime.handlerUrl(element, link.getAttribute("data-handler")),
                                 link.getAttribute("data-query") || "");
    });
  });

  var unsavedCount = 0;
  window.addEventListener("beforeunload", function (event) {
    // Attendance and presentations wait for "Save changes": leaving would drop them.
    if (unsavedCount > 0) { event.preventDefault(); event.returnValue = ""; }
  });

  // The grid's cells whose value differs from what the page loaded (`data-was`).
  // `onlyShown`: leave out rows the filter hides, which a save never touches.
  function changedCells(onlyShown) {
    var cells = {attendance: [], presented: []};
    if (!holder.querySelector(".case-overview-table")) { return cells; }
    holder.querySelectorAll(".case-overview-table tbody tr").forEach(function (row) {
      if (onlyShown && row.hidden) { return; }
      row.querySelectorAll(".case-att").forEach(function (select) {
        if (select.value !== select.getAttribute("data-was")) {
          cells.attendance.push({participant: row.dataset.id, session: parseInt(select.getAttribute("data-session"), 10),
                                 state: select.value, was: select.getAttribute("data-was")});
        }
      });
      var box = row.querySelector(".case-presented");
      if (box && box.checked !== (box.getAttribute("data-was") === "1")) {
        cells.presented.push({participant: row.dataset.id, presented: box.checked, was: !box.checked});
      }
    });
    return cells;
  }

  function countUnsaved() {
    var cells = changedCells(false);
    var shown = changedCells(true);
    var all = cells.attendance.length + cells.presented.length;
    var hidden = all - shown.attendance.length - shown.presented.length;
    unsavedCount = all;
    var region = holder.querySelector(".case-unsaved");
    if (!region) { return; }
    region.setAttribute("data-count", String(all));
    region.setAttribute("data-hidden", String(hidden));
    var text = all === 0 ? core.gettext("No unsaved changes.")
      : core.interpolate(core.gettext("Unsaved changes: %(n)s."), {n: all});
    if (hidden > 0) {
      text += " " + core.interpolate(core.gettext("%(n)s of them in rows the filter hides: those are not saved until you show them."),
                                     {n: hidden});
    }
    region.textContent = text;
  }

  function markCell(control) {
    var cell = control.closest("td");
    var was = control.getAttribute("data-was");
    var changed = control.type === "checkbox" ? control.checked !== (was === "1") : control.value !== was;
    cell.classList.toggle("case-changed", changed);
    if (control.classList.contains("case-att")) {
      cell.className = cell.className.replace(/\bcase-att-(present|absent|unrecorded)\b/, "case-att-" + control.value);
    }
  }

  // Reload the overview; `keep` (changed cells not yet saved) is put back where the
  // stored value is still the one the change started from; the filter stays.
  function load(keep) {
    // A programme that awards nothing has no status filter (nor a status column).
    var statusBox = holder.querySelector(".case-status-filter");
    var filters = holder.querySelector(".case-filter") ?
      [holder.querySelector(".case-filter").value, statusBox ? statusBox.value : ""] : null;
    core.announce(status, core.gettext("Loading…"));
    return core.getJSON(runtime, element, "staff_overview", "names=1").then(function (data) {
      holder.innerHTML = data.html;  // escaped by the server
      wireOverview();
      var dropped = 0;
      if (keep) {
        keep.attendance.forEach(function (cell) {
          var select = holder.querySelector("tr[data-id='" + CSS.escape(cell.participant) + "'] .case-att[data-session='" +
                                            cell.session + "']");
          if (select && select.getAttribute("data-was") === cell.was) { select.value = cell.state; markCell(select); }
          else { dropped += 1; }
        });
        keep.presented.forEach(function (cell) {
          var box = holder.querySelector("tr[data-id='" + CSS.escape(cell.participant) + "'] .case-presented");
          if (box && (box.getAttribute("data-was") === "1") === cell.was) { box.checked = cell.presented; markCell(box); }
          else { dropped += 1; }
        });
      }
      if (filters) {
        holder.querySelector(".case-filter").value = filters[0];
        if (holder.querySelector(".case-status-filter")) { holder.querySelector(".case-status-filter").value = filters[1]; }
        holder.querySelector(".case-filter").dispatchEvent(new Event("input"));
      }
      countUnsaved();
      core.announce(status, core.interpolate(core.gettext("%(n)s participants."), {n: data.rows.length}));
      return dropped;
    }, function (error) { showPanelError(error); });
  }

  function wireOverview() {
    var table = holder.querySelector(".case-overview-table");
    var filter = holder.querySelector(".case-filter");
    var statusFilter = holder.querySelector(".case-status-filter");
    function applyFilter() {
      var text = filter.value.trim().toLowerCase();
      var wanted = statusFilter ? statusFilter.value : "";
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var hay = [row.dataset.name, row.dataset.group, row.dataset.title, row.dataset.status || ""].join(" ").toLowerCase();
        row.hidden = (text && hay.indexOf(text) === -1) || (wanted && row.dataset.status !== wanted);
      });
      countUnsaved();
    }
    filter.addEventListener("input", applyFilter);
    if (statusFilter) { statusFilter.addEventListener("change", applyFilter); }
    table.querySelectorAll(".case-sort").forEach(function (button) {
      button.addEventListener("click", function () {
        var key = button.getAttribute("data-key");
        var numeric = button.getAttribute("data-numeric");
        var th = button.closest("th");
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th[aria-sort]").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
        rows.sort(function (a, b) {
          var x = a.dataset[key] || "", y = b.dataset[key] || "";
          var order = numeric ? (parseFloat(x) - parseFloat(y)) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        var tbody = table.querySelector("tbody");
        rows.forEach(function (row) { tbody.appendChild(row); });
      });
    });
    table.querySelectorAll(".case-att, .case-presented").forEach(function (control) {
      control.addEventListener("change", function () { markCell(control); countUnsaved(); });
    });
    table.querySelectorAll(".case-all").forEach(function (all) {
      all.addEventListener("click", function () {
        table.querySelectorAll(".case-att[data-session='" + all.getAttribute("data-session") + "']")
          .forEach(function (select) {
            if (!select.closest("tr").hidden) { select.value = "present"; markCell(select); }
          });
        countUnsaved();
      });
    });
    var form = holder.querySelector(".case-attendance-form");
    core.preventImplicitSubmit(form);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var cells = changedCells(true);
      if (!cells.attendance.length && !cells.presented.length) {
        core.announce(status, core.gettext("No unsaved changes."));
        return;
      }
      var keep = changedCells(false);
      var button = form.querySelector(".case-save-grid");
      if (button.disabled) { return; }   // one save at a time: a second click would meet its own change
      button.disabled = true;
      core.postJSON(runtime, element, "save_attendance", cells).then(function (data) {
        showPanelError(null);
        // Saved: what is stored now comes back; changes in hidden rows stay pending.
        return load(keep).then(function () {
          core.announce(status, core.interpolate(core.gettext("Attendance saved: %(n)s changes."), {n: data.recorded}));
        });
      }, function (error) {
        if (error.code === "stale_attendance") {
          // Nothing was saved: show what is stored now; keep the changes that still apply.
          load(keep).then(function () { showPanelError(error); countUnsaved(); });
          return;
        }
        button.disabled = false;
        showPanelError(error);
      });
    });
    wireOpen(holder);
  }

  function wireOpen(scope) {
    scope.querySelectorAll(".case-open").forEach(function (button) {
      button.addEventListener("click", function () {
        core.getJSON(runtime, element, "staff_case", "participant=" + encodeURIComponent(button.getAttribute("data-id")))
          .then(function (data) {
            caseHolder.innerHTML = data.html;  // escaped by the server
            wireCase();
            var heading = caseHolder.querySelector("h4");
            if (heading) { heading.focus(); }
          }, function (error) { showPanelError(error); });
      });
    });
  }

  function wireCase() {
    caseHolder.querySelectorAll("a[data-handler]").forEach(function (link) {
      link.addEventListener("click", function () {
        link.href = core.withQuery(runtime.handlerUrl(element, link.getAttribute("data-handler")),
                                   link.getAttribute("data-query") || "");
      });
    });
    caseHolder.querySelectorAll("form.case-staff-form").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var handler = form.getAttribute("data-handler");
        var payload = {participant: form.getAttribute("data-participant")};
        if (handler === "comment") { payload.text = form.querySelector("[name=text]").value; }
        if (handler === "assess_paper") {
          payload.paper = form.getAttribute("data-paper");
          payload.feedback = form.querySelector("[name=feedback]").value;
          var criteria = form.querySelectorAll(".case-criterion");
          if (criteria.length) {
            // A rubric: a level per criterion (-1 for none chosen: the server says which is missing).
            payload.levels = [];
            payload.criteria_feedback = [];
            criteria.forEach(function (fieldset) {
              var level = fieldset.querySelector("input[type=radio]:checked");
              payload.levels.push(level ? parseInt(level.value, 10) : -1);
              payload.criteria_feedback.push(fieldset.querySelector("textarea").value);
            });
            if (payload.levels.indexOf(-1) !== -1) { payload.levels = []; }
          } else {
            var chosen = form.querySelector("[name=result]:checked");
            if (chosen) { payload.result = chosen.value; }
          }
        }
        core.postJSON(runtime, element, handler, payload).then(function (data) {
          caseHolder.innerHTML = data.html;
          wireCase();
          core.announce(status, core.gettext("Saved."));
        }, function (error) { core.showError(form, error); });
      });
    });
  }

  var loader = panel.querySelector(".case-load-overview");
  if (loader) { loader.addEventListener("click", function () { load(null); }); } else { wireOpen(panel); }
}
