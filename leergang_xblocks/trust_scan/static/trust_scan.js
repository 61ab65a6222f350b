/* Trust scan: progress, draft saving, submit, results, reflection, staff panel. */
function LeergangTrustScan(runtime, element, init) {
  "use strict";
  var core = window.LeergangCore;
  var root = core.rootOf(element);
  var form = root.querySelector(".trust-scan-form");
  var status = root.querySelector(".leergang-status");
  var resultsBox = root.querySelector(".trust-scan-results");
  var version = init.version;
  var saveTimer = null;
  var dirty = {};

  function answerOf(fieldset) {
    var checked = fieldset.querySelector("input:checked");
    return checked ? parseInt(checked.value, 10) : null;
  }

  function allAnswers() {
    var answers = {};
    root.querySelectorAll(".trust-scan-item").forEach(function (fieldset) {
      answers[fieldset.getAttribute("data-item")] = answerOf(fieldset);
    });
    return answers;
  }

  function updateProgress() {
    var answered = 0;
    root.querySelectorAll(".trust-scan-item").forEach(function (fieldset) {
      if (answerOf(fieldset) !== null) { answered += 1; }
    });
    root.querySelector(".trust-scan-progress-bar").value = answered;
    root.querySelector(".trust-scan-progress-text").textContent =
      core.interpolate(core.gettext("%(answered)s of %(total)s answered"), {answered: answered, total: init.total});
  }

  function saveDraft() {
    var changed = dirty;
    dirty = {};
    if (!Object.keys(changed).length) { return Promise.resolve(); }
    return core.postJSON(runtime, root, "save_draft", {answers: changed, version: version}).then(function (data) {
      version = data.version;
      status.textContent = core.gettext("Draft saved");
      core.showError(root, null);
    }, function (error) {
      Object.keys(changed).forEach(function (key) { if (!(key in dirty)) { dirty[key] = changed[key]; } });
      core.showError(root, error);
    });
  }

  function showResults(html) {
    resultsBox.innerHTML = html;  // rendered and escaped by the server
    wireResults();
    resultsBox.focus();
  }

  function wireResults() {
    var save = resultsBox.querySelector(".trust-scan-save-reflection");
    if (save) {
      save.addEventListener("click", function () {
        var text = resultsBox.querySelector(".trust-scan-reflection-text").value;
        core.postJSON(runtime, root, "save_reflection", {text: text}).then(function () {
          announce(core.gettext("Note saved"));
        }, function (error) { announce(error.message); });
      });
    }
    var retake = resultsBox.querySelector(".trust-scan-retake");
    if (retake) {
      retake.addEventListener("click", function () {
        core.postJSON(runtime, root, "start_retake", {}).then(function () {
          window.location.reload();
        }, function (error) { announce(error.message); });
      });
    }
  }

  function announce(text) {
    var live = resultsBox.querySelector(".trust-scan-live") || document.createElement("p");
    live.className = "trust-scan-live";
    live.setAttribute("role", "status");
    resultsBox.appendChild(live);
    live.textContent = text;
  }

  if (form) {
    form.addEventListener("change", function (event) {
      var fieldset = event.target.closest(".trust-scan-item");
      if (!fieldset) { return; }
      dirty[fieldset.getAttribute("data-item")] = answerOf(fieldset);
      updateProgress();
      status.textContent = "";
      clearTimeout(saveTimer);
      saveTimer = setTimeout(saveDraft, 800);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(saveTimer);
      var button = form.querySelector(".trust-scan-submit");
      button.disabled = true;
      status.textContent = core.gettext("Submitting…");
      core.postJSON(runtime, root, "submit", {answers: allAnswers()}).then(function (data) {
        form.remove();
        showResults(data.html);
      }, function (error) {
        button.disabled = false;
        status.textContent = "";
        core.showError(root, error);
      });
    });
  }
  wireResults();

  var panel = root.querySelector(".leergang-staff-panel");
  if (panel) {
    panel.addEventListener("toggle", function () {
      if (!panel.open) { return; }
      var box = panel.querySelector(".leergang-staff-report");
      core.getJSON(runtime, root, "staff_report").then(function (data) {
        box.innerHTML = data.html;  // rendered and escaped by the server
      }, function (error) { box.textContent = error.message; });
    });
  }
  core.wireDownloads(runtime, root, function (handler) {
    var names = root.querySelector(".leergang-export-names");
    return handler === "export_csv" && names && names.checked ? "names=1" : "";
  });
}
