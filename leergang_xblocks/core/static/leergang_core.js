/* Shared by every leergang block: translations, JSON requests, downloads.
   Plain JS, no framework. Each block's own file builds on window.LeergangCore. */
(function () {
  "use strict";
  if (window.LeergangCore) { return; }
  var catalog = (window.LeergangI18n && window.LeergangI18n.catalog) || {};

  function gettext(text) {
    var found = ((window.LeergangI18n && window.LeergangI18n.catalog) || catalog)[text];
    return typeof found === "string" && found ? found : text;
  }

  // "%(name)s" placeholders, as in Python.
  function interpolate(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function withQuery(url, query) {
    return query ? url + (url.indexOf("?") === -1 ? "?" : "&") + query : url;
  }

  // Resolves with the parsed body; rejects with {status, code, message}.
  function request(method, url, body) {
    var options = {method: method, credentials: "same-origin",
                   headers: {"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"}};
    if (method === "POST") {
      options.headers["Content-Type"] = "application/json";
      options.headers["X-CSRFToken"] = csrfToken();
      options.body = JSON.stringify(body || {});
    }
    return fetch(url, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (response.ok) { return data; }
        var error = (data && data.error) || {};
        throw {status: response.status, code: error.code || "http_" + response.status,
               message: error.message || gettext("Something went wrong. Please try again.")};
      });
    }, function () {
      throw {status: 0, code: "network", message: gettext("No connection to the server. Your last changes were not saved.")};
    });
  }

  function postJSON(runtime, element, handler, body) {
    return request("POST", runtime.handlerUrl(element, handler), body);
  }

  function getJSON(runtime, element, handler, query) {
    return request("GET", withQuery(runtime.handlerUrl(element, handler), query));
  }

  // Links with data-handler="name" download from that handler.
  function wireDownloads(runtime, element, queryFor) {
    element.querySelectorAll("a[data-handler]").forEach(function (link) {
      link.addEventListener("click", function () {
        var name = link.getAttribute("data-handler");
        link.href = withQuery(runtime.handlerUrl(element, name), queryFor ? queryFor(name) : "");
      });
    });
  }

  function showError(element, error) {
    var box = element.querySelector(".leergang-error");
    if (!box) { return; }
    box.textContent = error ? error.message : "";
    box.hidden = !error;
  }

  function rootOf(element) {
    // The LMS passes a DOM element, some runtimes a jQuery object.
    return element && element.jquery ? element[0] : element;
  }

  window.LeergangCore = {
    gettext: gettext, interpolate: interpolate, postJSON: postJSON, getJSON: getJSON,
    wireDownloads: wireDownloads, showError: showError, rootOf: rootOf, withQuery: withQuery
  };
}());
