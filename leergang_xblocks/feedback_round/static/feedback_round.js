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

  // A write answers the parts of the round it changed (`regions`, each an element with
  // data-region, escaped by the server); each is swapped in and its controls wired.
  // The rest of the page stays as it is: what a participant typed elsewhere, and the
  // live mode if it is open.
  function replaceRound(data, focusSelector) {
    if (roundBox && data.regions) {
      var replaced = core.replaceRegions(roundBox, data.regions);
      Object.keys(replaced).forEach(function (name) {
        if (wireRegion[name]) { wireRegion[name](replaced[name]); }
      });
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

  // Live mode: the method's steps one at a time on one screen, a timer per step. The
  // step and the timer are the group's (live.py): the facilitator (or staff) moves them,
  // naming the step moved from; every screen with the live mode open follows by polling
  // with the version it shows ("unchanged" costs next to nothing).
  var LIVE_MS = 3000;
  var liveTimer = null, livePoll = null;
  var liveOpen = false;   // kept open when the round's HTML is replaced after a save
  function stopLive() {
    if (liveTimer) { window.clearInterval(liveTimer); liveTimer = null; }
    if (livePoll) { window.clearTimeout(livePoll); livePoll = null; }
  }
  function wireLive() {
    var live = roundBox.querySelector(".fr-live");
    var toggle = roundBox.querySelector(".fr-live-toggle");
    if (!live || !toggle) { return; }
    var steps = live.querySelectorAll(".fr-live-step");
    var clock = live.querySelector(".fr-live-clock");
    var timerButton = live.querySelector(".fr-live-timer");
    var liveStatus = live.querySelector(".fr-live-status");
    var liveError = live.querySelector(".fr-live-error");
    var state = {step: parseInt(live.getAttribute("data-step"), 10) || 0,
                 running: live.getAttribute("data-running") === "1",
                 left: parseInt(live.getAttribute("data-left"), 10) || 0,
                 version: live.getAttribute("data-version") || "0"};
    var busy = false;
    function show(seconds) {
      var m = Math.floor(seconds / 60), s = seconds % 60;
      clock.textContent = (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
    }
    function countDown() {
      if (liveTimer) { window.clearInterval(liveTimer); liveTimer = null; }
      if (timerButton) { timerButton.textContent = live.getAttribute(state.running ? "data-pause" : "data-start"); }
      show(state.left);
      if (!state.running) { return; }
      var endsAt = Date.now() + state.left * 1000;
      liveTimer = window.setInterval(function () {
        state.left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
        show(state.left);
        if (state.left === 0) {
          window.clearInterval(liveTimer); liveTimer = null;
          state.running = false;
          if (timerButton) { timerButton.textContent = live.getAttribute("data-start"); }
          liveStatus.textContent = live.getAttribute("data-over");
        }
      }, 1000);
    }
    // Show the group's state; `how`: "mine" (this screen moved: focus the step's title),
    // "followed" (another screen moved: say so, leave the focus where it is) or "quiet".
    function apply(data, how) {
      var moved = data.step !== state.step;
      state = {step: Math.max(0, Math.min(steps.length - 1, data.step)), running: Boolean(data.running),
               left: data.left, version: String(data.version)};
      steps.forEach(function (step, i) { step.hidden = i !== state.step; });
      var title = steps[state.step].querySelector(".fr-live-title");
      if (moved || how === "mine") { liveStatus.textContent = ""; }
      if (moved && how === "followed") {
        core.announce(liveStatus, live.getAttribute("data-moved") + " " + title.textContent);
      }
      if (how === "mine" && moved) { title.setAttribute("tabindex", "-1"); title.focus(); }
      countDown();
    }
    function poll() {
      if (livePoll) { window.clearTimeout(livePoll); }
      livePoll = window.setTimeout(function () {
        if (live.hidden) { return; }
        if (document.visibilityState === "hidden" || busy) { poll(); return; }
        core.getJSON(runtime, root, "live_state", "seen=" + encodeURIComponent(state.version)).then(function (data) {
          if (!data.unchanged && !busy) { apply(data, "followed"); }
          poll();
        }, function () { poll(); });
      }, LIVE_MS);
    }
    function move(to, timer) {
      if (busy) { return; }   // a double click sends one move; the server refuses a stale one all the same
      busy = true;
      core.postJSON(runtime, root, "live_move", {from: state.step, to: to, timer: timer}).then(function (data) {
        busy = false;
        core.showError(liveError, null);
        apply(data, "mine");
      }, function (error) {
        busy = false;
        if (error.code === "stale_step" && error.data) {
          apply(error.data, "quiet");
          core.showError(liveError, null);
          core.announce(liveStatus, live.getAttribute("data-stale"));
        } else {
          core.showError(liveError, error);
        }
      });
    }
    toggle.addEventListener("click", function () {
      var open = live.hidden;
      live.hidden = !open;
      liveOpen = open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        core.getJSON(runtime, root, "live_state", "").then(function (data) { apply(data, "quiet"); }, function () {});
        poll();
      } else { stopLive(); }
    });
    var previous = live.querySelector(".fr-live-previous");
    var next = live.querySelector(".fr-live-next");
    if (previous) { previous.addEventListener("click", function () { if (state.step > 0) { move(state.step - 1, "keep"); } }); }
    if (next) { next.addEventListener("click", function () { if (state.step < steps.length - 1) { move(state.step + 1, "keep"); } }); }
    if (timerButton) {
      timerButton.addEventListener("click", function () { move(state.step, state.running ? "pause" : "run"); });
    }
    apply({step: state.step, running: state.running, left: state.left, version: state.version}, "quiet");
    if (liveOpen) {
      live.hidden = false;
      toggle.setAttribute("aria-expanded", "true");
      poll();
    }
  }

  function wireUpdate(region) {
    var update = region.querySelector(".fr-update-form");
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
  }

  function wireGive(region) {
    region.querySelectorAll(".fr-feedback-form").forEach(function (form) {
      core.preventImplicitSubmit(form);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var answers = {};
        form.querySelectorAll(".fr-answer").forEach(function (box) { answers[box.getAttribute("data-prompt")] = box.value; });
        send(form, "give_feedback", {to: form.getAttribute("data-to"), answers: answers}, ".fr-give h3");
      });
    });
  }

  function wireReceived(region) {
    region.querySelectorAll(".fr-received-item").forEach(function (item) {
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
  }

  function wireActions(region) {
    var actions = region.querySelector(".fr-actions-form");
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
  }

  function wireFollowUp(region) {
    // The opening follow-up: one of the participant's own case actions, its new status into the case.
    region.querySelectorAll(".fr-follow-up-form").forEach(function (form) {
      core.preventImplicitSubmit(form);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        send(form, "follow_up_action", {action: form.getAttribute("data-action"),
                                        status: form.querySelector(".fr-follow-up-status").value,
                                        note: form.querySelector(".fr-follow-up-note").value}, ".fr-follow-up h3");
      });
    });
  }

  var wireRegion = {"my-update": wireUpdate, "give": wireGive, "received": wireReceived, "actions": wireActions,
                    "follow-up": wireFollowUp};

  function wireForms() {
    if (!roundBox) { return; }
    stopLive();
    wireLive();
    Object.keys(wireRegion).forEach(function (name) {
      var region = roundBox.querySelector("[data-region='" + name + "']");
      if (region) { wireRegion[name](region); }
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
    if (window.LeergangRoundLiveStaff) { window.LeergangRoundLiveStaff(runtime, root); }
  }
});
