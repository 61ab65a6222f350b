/* A session: the evaluation form, questions for the speaker with endorsements, and for
   staff the results, the facilitator's list (with hiding) and the presenter view. The
   presenter view polls as the dialogue's does: with the version it shows (`seen`). */
function LeergangSession(runtime, element, init) {
  "use strict";
  var core = window.LeergangCore;
  var root = core.rootOf(element);
  var LIVE_MS = 5000;
  core.wireDownloads(runtime, root);

  var evaluation = root.querySelector(".session-evaluation-form");
  if (evaluation) {
    core.preventImplicitSubmit(evaluation);
    evaluation.addEventListener("submit", function (event) {
      event.preventDefault();
      var send = evaluation.querySelector(".session-evaluation-send");
      var status = evaluation.querySelector(".session-evaluation-status");
      var scales = {};
      evaluation.querySelectorAll(".session-scale").forEach(function (set) {
        var chosen = set.querySelector("input:checked");
        if (chosen) { scales[set.getAttribute("data-key")] = parseInt(chosen.value, 10); }
      });
      if (send) { send.disabled = true; }
      status.textContent = core.gettext("Saving…");
      core.postJSON(runtime, root, "answer_evaluation", {scales: scales, open: evaluation.querySelector(".session-open").value})
        .then(function () {
          status.textContent = core.gettext("Your answer is saved. You can change it until the evaluation closes.");
          if (send) { send.textContent = core.gettext("Change my answer"); }
          core.showError(evaluation, null);
        }, function (error) {
          status.textContent = "";
          core.showError(evaluation, error);
        }).then(function () { if (send) { send.disabled = false; } });
    });
  }

  // The list of questions is the region "questions": a post or an endorsement answers
  // it and it is swapped whole (LeergangCore.replaceRegions), so its buttons are
  // listened to on the section around it, which stays.
  var questionsSection = root.querySelector(".session-questions");
  var questionForm = root.querySelector(".session-question-form");
  if (questionForm) {
    questionForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var post = questionForm.querySelector(".session-question-post");
      var status = questionForm.querySelector(".session-question-status");
      var text = questionForm.querySelector(".session-question-text");
      post.disabled = true;
      status.textContent = core.gettext("Saving…");
      core.postJSON(runtime, root, "post_question", {text: text.value}).then(function (data) {
        core.replaceRegions(root, data.regions);  // rendered and escaped by the server
        text.value = "";
        status.textContent = core.gettext("Your question is posted.");
        core.showError(questionForm, null);
      }, function (error) {
        status.textContent = "";
        core.showError(questionForm, error);
      }).then(function () { post.disabled = false; });
    });
  }
  if (questionsSection) {
    questionsSection.addEventListener("click", function (event) {
      var button = event.target.closest(".session-question-list .session-endorse");
      if (!button) { return; }
      var id = button.getAttribute("data-question");
      var endorse = button.getAttribute("data-endorse") === "true";
      button.disabled = true;
      core.postJSON(runtime, root, "endorse_question", {question: id, endorse: endorse}).then(function (data) {
        var list = core.replaceRegions(root, data.regions).questions;  // rendered and escaped by the server
        var again = list && list.querySelector(".session-endorse[data-question=\"" + id.replace(/[^0-9a-f]/g, "") + "\"]");
        if (again) { again.focus(); }
        // Said in the section's own status, which neither the swapped list nor a closed
        // question form takes with it (announcing into the list replaced its text).
        core.announce(root.querySelector(".session-endorse-status"),
                      endorse ? core.gettext("You endorsed this question.") : core.gettext("Your endorsement is taken back."));
        core.showError(root.querySelector(".session-question-list-error"), null);
      }, function (error) {
        core.showError(root.querySelector(".session-question-list-error"), error);
        button.disabled = false;
      });
    });
  }

  if (!init.staff) { return; }

  var refreshResults = root.querySelector(".session-results-refresh");
  if (refreshResults) {
    refreshResults.addEventListener("click", function () {
      core.getJSON(runtime, root, "evaluation_results", "").then(function (data) {
        root.querySelector(".session-results-body").innerHTML = data.html;  // escaped by the server
        core.showError(root.querySelector(".session-results-error"), null);
      }, function (error) { core.showError(root.querySelector(".session-results-error"), error); });
    });
  }

  var facilitator = root.querySelector(".session-facilitator-list");
  if (!facilitator) { return; }
  var facilitatorStatus = root.querySelector(".session-facilitator-status");
  var facilitatorError = root.querySelector(".session-facilitator-error");
  var facilitatorVersion = "";
  facilitator.addEventListener("click", function (event) {
    var button = event.target.closest(".session-hide");
    if (!button) { return; }
    var hide = button.getAttribute("data-hidden") === "true";
    button.disabled = true;
    core.postJSON(runtime, root, "hide_question", {question: button.getAttribute("data-question"), hidden: hide})
      .then(function (data) {
        facilitator.innerHTML = data.html;  // escaped by the server
        facilitatorVersion = "";
        core.announce(facilitatorStatus, hide ? core.gettext("Hidden for participants.") : core.gettext("Shown to participants again."));
      }, function (error) { core.showError(facilitatorError, error); button.disabled = false; });
  });

  var presenter = root.querySelector(".session-presenter");
  var presenterBody = presenter && presenter.querySelector(".session-presenter-body");
  var presenting = function () { return Boolean(presenter && presenter.open); };
  var presenterVersion = "";
  var refresh = function (polling) {
    var present = presenting();
    var seen = polling === true ? (present ? presenterVersion : facilitatorVersion) : "";
    var query = ["view=" + (present ? "present" : "moderate"), seen ? "seen=" + encodeURIComponent(seen) : ""]
      .filter(Boolean).join("&");
    return core.getJSON(runtime, root, "questions_live", query).then(function (data) {
      if (data.unchanged) { return; }
      if (present) {
        presenterVersion = data.version || "";
        presenterBody.innerHTML = data.html;  // rendered and escaped by the server
        core.showError(presenter.querySelector(".session-presenter-error"), null);
      } else if (!facilitator.contains(document.activeElement)) {
        facilitatorVersion = data.version || "";
        facilitator.innerHTML = data.html;   // escaped by the server; not while a button has focus
      }
    }, function (error) {
      core.showError(present ? presenter.querySelector(".session-presenter-error") : facilitatorError, error);
    });
  };
  var opener = root.querySelector(".session-presenter-open");
  if (presenter && opener && typeof presenter.showModal === "function") {
    opener.addEventListener("click", function () {
      presenter.showModal();
      presenterBody.focus();
      presenterVersion = "";
      refresh();
    });
    presenter.querySelector(".session-presenter-close").addEventListener("click", function () { presenter.close(); });
    presenter.addEventListener("close", function () { opener.focus(); refresh(); });
  } else if (opener) {
    opener.hidden = true;  // a browser without <dialog>: the facilitator's list only
  }
  var timer = null;
  var schedule = function () {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(function () {
      if (document.visibilityState === "hidden") { schedule(); return; }
      refresh(true).then(schedule, schedule);
    }, LIVE_MS);
  };
  schedule();
}
