/* Trust scan: answering (keyboard: arrows or a number, Tab to the next
   statement), draft saving (also when the page is left), sending with a
   confirmation while statements are open, results, reflection, staff panel. */
var LeergangTrustScan = window.LeergangCore.initializer(function (runtime, root, init) {
  "use strict";
  var core = window.LeergangCore;
  var form = root.querySelector(".trust-scan-form");
  var resultsBox = root.querySelector(".trust-scan-results");
  var version = init.version;
  var saveTimer = null;
  var saving = null;   // the draft request under way, if any
  var dirty = {};

  function $(selector) { return root.querySelector(selector); }

  function answerOf(fieldset) {
    var checked = fieldset.querySelector("input:checked");
    return checked ? parseInt(checked.value, 10) : null;
  }

  function items() { return Array.prototype.slice.call(root.querySelectorAll(".trust-scan-item")); }

  function allAnswers() {
    var answers = {};
    items().forEach(function (fieldset) { answers[fieldset.getAttribute("data-item")] = answerOf(fieldset); });
    return answers;
  }

  function openItems() {
    return items().filter(function (fieldset) { return answerOf(fieldset) === null; });
  }

  function updateProgress() {
    var answered = items().length - openItems().length;
    $(".trust-scan-progress-bar").value = answered;
    $(".trust-scan-progress-text").textContent =
      core.interpolate(core.gettext("%(answered)s of %(total)s answered"), {answered: answered, total: init.total});
  }

  // Drafts go one at a time: the version each answer returns is the one the next needs.
  function saveDraft(options) {
    clearTimeout(saveTimer);
    var changed = dirty;
    if (!Object.keys(changed).length) { return; }
    var keepalive = options && options.keepalive;
    if (saving && !keepalive) { saveTimer = setTimeout(saveDraft, 300); return; }
    dirty = {};
    // A draft sent while the page goes away cannot wait for the one under way:
    // it carries the version that one will return.
    var sentVersion = saving ? version + 1 : version;
    var request = core.postJSON(runtime, root, "save_draft", {answers: changed, version: sentVersion},
                                {keepalive: keepalive});
    saving = request;
    request.then(function (data) {
      version = data.version;
      core.announce($(".trust-scan-draft-status"), core.gettext("Draft saved"));
      core.showError($(".trust-scan-draft-error"), null);
    }, function (error) {
      Object.keys(changed).forEach(function (key) { if (!(key in dirty)) { dirty[key] = changed[key]; } });
      core.announce($(".trust-scan-draft-status"), "");
      core.showError($(".trust-scan-draft-error"), error);
    }).then(function () {
      if (saving === request) { saving = null; }
    });
  }

  function send() {
    var button = $(".trust-scan-submit");
    button.disabled = true;
    $(".trust-scan-confirm").hidden = true;
    core.showError($(".trust-scan-submit-error"), null);
    core.announce($(".trust-scan-submit-status"), core.gettext("Sending…"));
    clearTimeout(saveTimer);
    core.postJSON(runtime, root, "submit", {answers: allAnswers()}).then(function (data) {
      dirty = {};
      form.remove();
      form = null;
      showResults(data.html);
    }, function (error) {
      button.disabled = false;
      core.announce($(".trust-scan-submit-status"), "");
      core.showError($(".trust-scan-submit-error"), error);
    });
  }

  function askBeforeSending(open) {
    var box = $(".trust-scan-confirm");
    box.querySelector(".trust-scan-confirm-text").textContent = core.interpolate(
      open.length === 1 ? core.gettext("1 of %(total)s statements is still open. Send anyway?")
                        : core.gettext("%(open)s of %(total)s statements are still open. Send anyway?"),
      {open: open.length, total: init.total});
    box.hidden = false;
    box.querySelector(".trust-scan-confirm-send").focus();
  }

  function showResults(html) {
    resultsBox.innerHTML = html;  // rendered and escaped by the server
    wireResults();
    var heading = resultsBox.querySelector(".trust-scan-results-heading");
    if (heading) {
      heading.focus();
      heading.scrollIntoView({block: "start"});
    }
  }

  function wireResults() {
    if (!resultsBox) { return; }
    var save = resultsBox.querySelector(".trust-scan-save-reflection");
    if (save) {
      save.addEventListener("click", function () {
        var text = resultsBox.querySelector(".trust-scan-reflection-text").value;
        core.postJSON(runtime, root, "save_reflection", {text: text}).then(function () {
          core.showError(resultsBox.querySelector(".trust-scan-reflection-error"), null);
          core.announce(resultsBox.querySelector(".trust-scan-live"), core.gettext("Note saved"));
        }, function (error) {
          core.announce(resultsBox.querySelector(".trust-scan-live"), "");
          core.showError(resultsBox.querySelector(".trust-scan-reflection-error"), error);
        });
      });
    }
    var retake = resultsBox.querySelector(".trust-scan-retake");
    if (retake) {
      retake.addEventListener("click", function () {
        core.postJSON(runtime, root, "start_retake", {}).then(function () {
          window.location.reload();
        }, function (error) { core.showError(resultsBox.querySelector(".trust-scan-retake-error"), error); });
      });
    }
  }

  if (form) {
    core.preventImplicitSubmit(form);
    form.addEventListener("keydown", function (event) {
      // A number chooses that answer of the statement in focus (0: "don't know").
      var target = event.target;
      if (target.type !== "radio" || event.altKey || event.ctrlKey || event.metaKey || !/^[0-9]$/.test(event.key)) { return; }
      var option = target.closest(".trust-scan-item").querySelector('input[value="' + event.key + '"]');
      if (!option) { return; }
      event.preventDefault();
      option.focus();
      if (!option.checked) {
        option.checked = true;
        option.dispatchEvent(new Event("change", {bubbles: true}));
      }
    });
    form.addEventListener("change", function (event) {
      var fieldset = event.target.closest(".trust-scan-item");
      if (!fieldset) { return; }
      dirty[fieldset.getAttribute("data-item")] = answerOf(fieldset);
      updateProgress();
      clearTimeout(saveTimer);
      saveTimer = setTimeout(saveDraft, 800);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var open = openItems();
      if (open.length) { askBeforeSending(open); } else { send(); }
    });
    $(".trust-scan-confirm-send").addEventListener("click", send);
    $(".trust-scan-confirm").addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      $(".trust-scan-confirm").hidden = true;
      $(".trust-scan-submit").focus();
    });
    $(".trust-scan-confirm-back").addEventListener("click", function () {
      $(".trust-scan-confirm").hidden = true;
      var first = openItems()[0];
      if (first) {
        first.scrollIntoView({block: "center"});
        first.querySelector("input").focus();
      }
    });
    core.flushWhenHidden(function (options) { if (form) { saveDraft(options); } });
  }
  wireResults();

  var panel = $(".leergang-staff-panel");
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
    var names = $(".leergang-export-names");
    return handler === "export_csv" && names && names.checked ? "names=1" : "";
  });
});
