/* Mijn leergang: the page is rendered by the server; the download links get their
   handler address (with the runtime's own parameters) as soon as the block starts. */
var LeergangMyProgramme = window.LeergangCore.initializer(function (runtime, root) {
  "use strict";
  var core = window.LeergangCore;
  root.querySelectorAll("a[data-handler]").forEach(function (link) {
    link.href = core.withQuery(runtime.handlerUrl(root, link.getAttribute("data-handler")),
                               link.getAttribute("data-query") || "");
  });
});
