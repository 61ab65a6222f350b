/* Your small group: post an introduction to the group; staff tools in the panel. */
function LeergangSmallGroup(runtime, element, init) {
  "use strict";
  var core = window.LeergangCore;
  var root = core.rootOf(element);
  var form = root.querySelector(".small-group-form");
  core.wireDownloads(runtime, root);
  if (form) {
    var button = form.querySelector(".small-group-post");
    var status = form.querySelector(".small-group-status");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = form.querySelector(".small-group-text").value;
      button.disabled = true;
      status.textContent = core.gettext("Saving…");
      core.postJSON(runtime, root, "post_introduction", {text: text}).then(function (data) {
        root.querySelector(".small-group-introductions-list").innerHTML = data.html;  // escaped by the server
        status.textContent = core.gettext("Your introduction is posted to your group.");
        button.textContent = core.gettext("Update my introduction");
        core.showError(form, null);
      }, function (error) {
        status.textContent = "";
        core.showError(form, error);
      }).then(function () { button.disabled = false; });
    });
  }
  if (init.staff && window.LeergangGroupsStaff) {
    window.LeergangGroupsStaff(runtime, root);
  }
}
