/* Staff's live panel of a feedback round (live_staff.py): each group's live step and
   timer, moved with the round's own live_move handler naming the group and the step
   the panel shows. A stale move (the group moved meanwhile) is refused with 409: the
   panel says so and shows the state the refusal carries. Every text comes from the
   server's HTML (data- attributes), already in the page's language. */
function LeergangRoundLiveStaff(runtime, root) {
  "use strict";
  var core = window.LeergangCore;
  var panel = root.querySelector(".fr-live-staff");
  if (!panel) { return; }

  function clockText(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }

  panel.querySelectorAll(".fr-live-staff-group").forEach(function (section) {
    var group = section.getAttribute("data-group");
    var titles = section.querySelectorAll(".fr-live-staff-titles li");
    var where = section.querySelector(".fr-live-staff-where");
    var title = section.querySelector(".fr-live-staff-title");
    var clock = section.querySelector(".fr-live-staff-clock");
    var running = section.querySelector(".fr-live-staff-running");
    var timerButton = section.querySelector(".fr-live-staff-timer");
    var previous = section.querySelector(".fr-live-staff-previous");
    var next = section.querySelector(".fr-live-staff-next");
    var status = section.querySelector(".fr-live-staff-status");
    var errorBox = section.querySelector(".fr-live-staff-error");
    var state = {step: parseInt(section.getAttribute("data-step"), 10) || 0,
                 running: section.getAttribute("data-running") === "1",
                 left: parseInt(section.getAttribute("data-left"), 10) || 0,
                 version: section.getAttribute("data-version") || "0"};
    var ticking = null, busy = false;

    function countDown() {
      if (ticking) { window.clearInterval(ticking); ticking = null; }
      clock.textContent = clockText(state.left);
      running.textContent = panel.getAttribute(state.running ? "data-running" : "data-paused");
      timerButton.textContent = panel.getAttribute(state.running ? "data-pause" : "data-start");
      if (!state.running) { return; }
      var endsAt = Date.now() + state.left * 1000;
      ticking = window.setInterval(function () {
        state.left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
        clock.textContent = clockText(state.left);
        if (state.left === 0) {
          window.clearInterval(ticking); ticking = null;
          state.running = false;
          running.textContent = panel.getAttribute("data-paused");
          timerButton.textContent = panel.getAttribute("data-start");
        }
      }, 1000);
    }

    function apply(data) {
      state = {step: Math.max(0, Math.min(titles.length - 1, data.step)), running: Boolean(data.running),
               left: data.left, version: String(data.version)};
      section.setAttribute("data-step", String(state.step));
      section.setAttribute("data-version", state.version);
      where.textContent = titles[state.step].getAttribute("data-where");
      title.textContent = titles[state.step].textContent;
      previous.disabled = state.step === 0;
      next.disabled = state.step >= titles.length - 1;
      countDown();
    }

    function failed(error) {
      busy = false;
      if (error.code === "stale_step" && error.data) {
        apply(error.data);
        core.showError(errorBox, null);
        core.announce(status, error.message + " " + panel.getAttribute("data-moved") + " " + title.textContent);
      } else {
        core.announce(status, "");
        core.showError(errorBox, error);
      }
    }

    function move(to, timer) {
      if (busy) { return; }   // a double click sends one move; the server refuses a stale one all the same
      busy = true;
      core.postJSON(runtime, root, "live_move", {from: state.step, to: to, timer: timer, group: group})
        .then(function (data) {
          busy = false;
          var moved = data.step !== state.step;
          core.showError(errorBox, null);
          apply(data);
          core.announce(status, moved ? panel.getAttribute("data-moved") + " " + title.textContent : running.textContent);
          if (moved) { title.focus(); }
        }, failed);
    }

    function refresh() {
      core.getJSON(runtime, root, "live_state", "group=" + encodeURIComponent(group)).then(function (data) {
        core.showError(errorBox, null);
        apply(data);
        core.announce(status, panel.getAttribute("data-moved") + " " + title.textContent);
      }, failed);
    }

    previous.addEventListener("click", function () { if (state.step > 0) { move(state.step - 1, "keep"); } });
    next.addEventListener("click", function () { if (state.step < titles.length - 1) { move(state.step + 1, "keep"); } });
    timerButton.addEventListener("click", function () { move(state.step, state.running ? "pause" : "run"); });
    section.querySelector(".fr-live-staff-refresh").addEventListener("click", refresh);
    apply(state);
  });
}
