/* Feedback round: post an update, give feedback to peers, rate and answer feedback,
   flag it, follow up case actions, record actions; staff read groups and hide items. Plain JS; every HTML
   fragment put into the page comes from the server, which escapes learner text. */
var LeergangFeedbackRound = window.LeergangCore.initializer(function (runtime, root, init) {
  "use strict";
  var core = window.LeergangCore;
  var roundBox = root.querySelector(".fr-round");
  var status = root.querySelector(".fr-status");

  core.wireDownloads(runtime, root, function () { return ""; });
  root.querySelectorAll("a.fr-download").forEach(function (link) {
    link.addEventListener("click", function () {
      link.href = runtime.handlerUrl(root, "export_csv") + "?" + (link.getAttribute("data-query") || "names=0");
    });
  });

  function replaceRound(data, focusSelector) {
    if (roundBox && data.html) {
      roundBox.innerHTML = data.html;   // escaped by the server
      wireForms();
      var target = focusSelector && roundBox.querySelector(focusSelector);
      if (target) { target.setAttribute("tabindex", "-1"); target.focus(); }
    }
    if (data.message) { core.announce(status, data.message); }
  }

  function send(form, handler, body, focusSelector) {
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (b) { b.disabled = true; });
    core.announce(status, core.gettext("Saving…"));
    return core.postJSON(runtime, root, handler, body).then(function (data) {
      core.showError(form, null);
      replaceRound(data, focusSelector);
    }, function (error) {
      core.announce(status, "");
      core.showError(form, error);
      buttons.forEach(function (b) { b.disabled = false; });
    });
  }

  // Live mode: the method's steps one at a time on one screen, a timer per step.
  // Nothing is stored: the group in the room runs it; the written round stays as it is.
  var liveTimer = null;
  function wireLive() {
    var live = roundBox.querySelector(".fr-live");
    var toggle = roundBox.querySelector(".fr-live-toggle");
    if (!live || !toggle) { return; }
    var steps = live.querySelectorAll(".fr-live-step");
    var clock = live.querySelector(".fr-live-clock");
    var timerButton = live.querySelector(".fr-live-timer");
    var liveStatus = live.querySelector(".fr-live-status");
    var current = 0, left = 0;
    function show(seconds) {
      var m = Math.floor(seconds / 60), s = seconds % 60;
      clock.textContent = (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
    }
    function stop() {
      if (liveTimer) { window.clearInterval(liveTimer); liveTimer = null; }
      timerButton.textContent = live.getAttribute("data-start");
    }
    function go(index, moveFocus) {
      stop();
      current = Math.max(0, Math.min(steps.length - 1, index));
      steps.forEach(function (step, i) { step.hidden = i !== current; });
      left = parseInt(steps[current].getAttribute("data-seconds"), 10) || 0;
      show(left);
      liveStatus.textContent = "";
      if (moveFocus) {
        var title = steps[current].querySelector(".fr-live-title");
        title.setAttribute("tabindex", "-1");
        title.focus();
      }
    }
    toggle.addEventListener("click", function () {
      var open = live.hidden;
      live.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) { go(current, true); } else { stop(); }
    });
    live.querySelector(".fr-live-previous").addEventListener("click", function () { go(current - 1, true); });
    live.querySelector(".fr-live-next").addEventListener("click", function () { go(current + 1, true); });
    timerButton.addEventListener("click", function () {
      if (liveTimer) { stop(); return; }
      timerButton.textContent = live.getAttribute("data-pause");
      liveTimer = window.setInterval(function () {
        left = Math.max(0, left - 1);
        show(left);
        if (left === 0) { stop(); liveStatus.textContent = live.getAttribute("data-over"); }
      }, 1000);
    });
    go(0, false);
  }

  function wireForms() {
    if (!roundBox) { return; }
    if (liveTimer) { window.clearInterval(liveTimer); liveTimer = null; }
    wireLive();
    var update = roundBox.querySelector(".fr-update-form");
    if (update) {
      core.preventImplicitSubmit(update);
      update.addEventListener("submit", function (event) {
        event.preventDefault();
        send(update, "post_update", {text: update.querySelector(".fr-update-text").value,
                                     from_case: update.getAttribute("data-from-case") === "1" ? 1 : 0},
             ".fr-updates h3");
      });
      var prefill = update.querySelector(".fr-prefill");
      if (prefill) {
        prefill.addEventListener("click", function () {
          core.getJSON(runtime, root, "case_prefill").then(function (data) {
            var box = update.querySelector(".fr-update-text");
            if (data.found) {
              box.value = data.text + (box.value ? "\n\n" + box.value : "");
              update.setAttribute("data-from-case", "1");
              core.announce(status, core.gettext("Your shared case summary is in the text box: edit it, then post."));
              box.focus();
            } else {
              core.announce(status, core.gettext("You have not shared a case summary with your group yet."));
            }
          }, function (error) { core.showError(update, error); });
        });
      }
    }
    roundBox.querySelectorAll(".fr-feedback-form").forEach(function (form) {
      core.preventImplicitSubmit(form);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var answers = {};
        form.querySelectorAll(".fr-answer").forEach(function (box) { answers[box.getAttribute("data-prompt")] = box.value; });
        send(form, "give_feedback", {to: form.getAttribute("data-to"), answers: answers}, ".fr-give h3");
      });
    });
    roundBox.querySelectorAll(".fr-received-item").forEach(function (item) {
      var form = item.querySelector(".fr-rate-form");
      var id = item.getAttribute("data-feedback");
      core.preventImplicitSubmit(form);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var checked = form.querySelector("input[type=radio]:checked");
        send(form, "rate_feedback", {feedback: id, helpful: checked ? parseInt(checked.value, 10) : null,
                                     answer: form.querySelector(".fr-reply").value}, ".fr-received h3");
      });
      // Flagging is a deliberate step: a form in the page with its reason, closed again
      // by Cancel or Escape; once sent, an undo button in its place.
      var here = ".fr-received-item[data-feedback=\"" + id.replace(/[^0-9a-f]/g, "") + "\"] ";
      var opener = item.querySelector(".fr-flag-open");
      var flagForm = item.querySelector(".fr-flag-form");
      if (opener && flagForm) {
        var closeFlag = function () {
          flagForm.hidden = true;
          opener.setAttribute("aria-expanded", "false");
          opener.focus();
        };
        opener.addEventListener("click", function () {
          var open = flagForm.hidden;
          flagForm.hidden = !open;
          opener.setAttribute("aria-expanded", open ? "true" : "false");
          if (open) { flagForm.querySelector(".fr-flag-reason").focus(); }
        });
        flagForm.querySelector(".fr-flag-cancel").addEventListener("click", closeFlag);
        flagForm.addEventListener("keydown", function (event) {
          if (event.key === "Escape") { event.preventDefault(); closeFlag(); }
        });
        core.preventImplicitSubmit(flagForm);
        flagForm.addEventListener("submit", function (event) {
          event.preventDefault();
          send(flagForm, "flag_feedback", {feedback: id, reason: flagForm.querySelector(".fr-flag-reason").value},
               here + ".fr-unflag");
        });
      }
      var unflag = item.querySelector(".fr-unflag-form");
      if (unflag) {
        unflag.addEventListener("submit", function (event) {
          event.preventDefault();
          send(unflag, "unflag_feedback", {feedback: id}, here + ".fr-flag-open");
        });
      }
    });
    var actions = roundBox.querySelector(".fr-actions-form");
    if (actions) {
      core.preventImplicitSubmit(actions);
      actions.addEventListener("submit", function (event) {
        event.preventDefault();
        var list = [];
        actions.querySelectorAll(".fr-action-list li").forEach(function (li) {
          var text = li.querySelector(".fr-action-text").value;
          // The server names a problem by the action's place in the list sent ("actions[0].due").
          li.querySelector(".fr-action-text").setAttribute("data-field", text.trim() ? "actions[" + list.length + "].text" : "");
          li.querySelector(".fr-action-due").setAttribute("data-field", text.trim() ? "actions[" + list.length + "].due" : "");
          if (text.trim()) { list.push({text: text, due: li.querySelector(".fr-action-due").value}); }
        });
        send(actions, "save_actions", {actions: list, seen: parseInt(actions.getAttribute("data-seen") || "0", 10)},
             ".fr-actions h3");
      });
    }
    // The opening follow-up: one of the participant's own case actions, its new status into the case.
    roundBox.querySelectorAll(".fr-follow-up-form").forEach(function (form) {
      core.preventImplicitSubmit(form);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        send(form, "follow_up_action", {action: form.getAttribute("data-action"),
                                        status: form.querySelector(".fr-follow-up-status").value,
                                        note: form.querySelector(".fr-follow-up-note").value}, ".fr-follow-up h3");
      });
    });
  }
  wireForms();

  if (init.staff) {
    var panel = root.querySelector(".fr-staff-panel");
    var groupBox = root.querySelector(".fr-staff-group");
    var staffStatus = root.querySelector(".fr-staff-status");
    var staffError = root.querySelector(".fr-staff-error");
    if (panel) {
      panel.addEventListener("click", function (event) {
        var read = event.target.closest(".fr-read-group");
        var hide = event.target.closest(".fr-hide");
        if (read) {
          core.getJSON(runtime, root, "staff_group", "group=" + encodeURIComponent(read.getAttribute("data-group")))
            .then(function (data) {
              groupBox.innerHTML = data.html;
              core.showError(staffError, null);
              groupBox.focus();
            }, function (error) { core.showError(staffError, error); });
        } else if (hide) {
          hide.disabled = true;
          core.postJSON(runtime, root, "hide_item", {group: hide.getAttribute("data-group"),
                                                     record: parseInt(hide.getAttribute("data-record"), 10),
                                                     hide: hide.getAttribute("data-hide") === "1"})
            .then(function (data) {
              groupBox.innerHTML = data.html;
              core.showError(staffError, null);
              core.announce(staffStatus, core.gettext("Saved: learners see the change when they next load the page."));
              groupBox.focus();
            }, function (error) { hide.disabled = false; core.showError(staffError, error); });
        }
      });
    }
    if (window.LeergangGroupsStaff) { window.LeergangGroupsStaff(runtime, root); }
  }
});
