/* The programme overview: filter, sort, open a participant's detail, download the CSV.
   Rows carry what the filters and the sort read (data-*); the server escaped every value. */
var LeergangProgramme = window.LeergangCore.initializer(function (runtime, root) {
  "use strict";
  var core = window.LeergangCore;
  var body = root.querySelector(".programme-people-body");
  if (!body) { return; }
  var show = root.querySelector(".programme-show");
  var group = root.querySelector(".programme-group-filter");
  var session = root.querySelector(".programme-session-filter");
  var sort = root.querySelector(".programme-sort");
  var count = root.querySelector(".programme-count");
  var detail = root.querySelector(".programme-detail");
  var opener = null;

  function rows() { return Array.prototype.slice.call(body.querySelectorAll("tr[data-id]")); }

  function applyFilters() {
    var behind = show && show.value === "behind";
    var groupId = group ? group.value : "";
    var number = session ? session.value : "";
    var shown = 0;
    rows().forEach(function (row) {
      var keep = (!behind || row.getAttribute("data-behind") !== "0")
        && (!groupId || row.getAttribute("data-group") === groupId)
        && (!number || (" " + row.getAttribute("data-not-present") + " ").indexOf(" " + number + " ") >= 0);
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    core.announce(count, core.interpolate(shown === 1 ? core.gettext("%(n)s participant shown.")
      : core.gettext("%(n)s participants shown."), {n: shown}));
  }

  function applySort() {
    var option = sort.options[sort.selectedIndex];
    var key = sort.value;
    var numeric = option.getAttribute("data-numeric") === "1";
    var descending = key === "behind" || key === "overdue";
    var sorted = rows().sort(function (a, b) {
      var x = a.getAttribute("data-" + key) || "";
      var y = b.getAttribute("data-" + key) || "";
      var order = numeric ? (Number(x) - Number(y)) : (x < y ? -1 : x > y ? 1 : 0);
      if (descending) { order = -order; }
      return order || (a.getAttribute("data-name") < b.getAttribute("data-name") ? -1 : 1);
    });
    sorted.forEach(function (row) { body.appendChild(row); });
    core.announce(count, core.interpolate(core.gettext("Sorted by %(what)s."), {what: option.textContent}));
  }

  [show, group, session].forEach(function (control) {
    if (control) { control.addEventListener("change", applyFilters); }
  });
  if (sort) { sort.addEventListener("change", applySort); }

  body.addEventListener("click", function (event) {
    var button = event.target.closest(".programme-open");
    if (!button) { return; }
    opener = button;
    core.getJSON(runtime, root, "participant", "participant=" + encodeURIComponent(button.getAttribute("data-id"))).then(function (data) {
      detail.querySelector(".programme-detail-body").innerHTML = data.html;   // escaped by the server
      var title = detail.querySelector(".programme-detail-title");
      title.textContent = button.textContent;
      detail.hidden = false;
      core.showError(root, null);
      title.focus();
    }, function (failure) { core.showError(root, failure); });
  });

  detail.querySelector(".programme-detail-close").addEventListener("click", function () {
    detail.hidden = true;
    if (opener) { opener.focus(); }
  });
  detail.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      detail.hidden = true;
      if (opener) { opener.focus(); }
    }
  });

  var names = root.querySelector(".programme-names");
  root.querySelectorAll(".programme-csv").forEach(function (link) {
    link.addEventListener("click", function () {
      link.href = core.withQuery(runtime.handlerUrl(root, "export_csv"),
        "names=" + (names && names.checked ? "1" : "0") + "&format=" + link.getAttribute("data-format"));
    });
  });
});
