/* Shared by every leergang block: translations, JSON requests, downloads,
   announcements, keeping drafts when the page goes away, and starting a block
   so that its errors never stop the blocks after it.
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
  // `options.keepalive`: the browser finishes the request after the page is gone
  // (for a last draft sent on pagehide; bodies up to 64 KB).
  function request(method, url, body, options) {
    var init = {method: method, credentials: "same-origin",
                headers: {"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"}};
    if (method === "POST") {
      init.headers["X-CSRFToken"] = csrfToken();
      if (typeof FormData !== "undefined" && body instanceof FormData) {
        init.body = body;   // multipart/form-data: the browser sets the type with its boundary
      } else {
        init.headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(body || {});
      }
    }
    if (options && options.keepalive) { init.keepalive = true; }
    return fetch(url, init).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (response.ok) { return data; }
        var error = (data && data.error) || {};
        throw {status: response.status, code: error.code || "http_" + response.status,
               message: error.message || gettext("Something went wrong. Please try again."),
               data: error.data || null, problems: error.problems || []};
      });
    }, function () {
      throw {status: 0, code: "network", message: gettext("No connection to the server. Your last changes were not saved.")};
    });
  }

  function postJSON(runtime, element, handler, body, options) {
    return request("POST", runtime.handlerUrl(element, handler), body, options);
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

  // Put `text` in a live region (role="status" or role="alert", present in the
  // page from the start, so screen readers watch it) placed next to what it is
  // about. The same text twice is announced twice: the region is emptied first.
  function announce(region, text) {
    if (!region) { return; }
    region.textContent = "";
    if (text) {
      window.setTimeout(function () { region.textContent = text; }, 50);
    }
  }

  // The control a refusal's field names ("text", "answers.clarifying", "actions[0].due"):
  // data-field="<field>" or name="<field>", else the nearest enclosing part of the path
  // ("answers", "actions[0]") that the page marks.
  function controlFor(scope, field) {
    var path = field;
    while (path) {
      var quoted = path.replace(/["\\]/g, "\\$&");
      var found = scope.querySelector('[data-field="' + quoted + '"]') || scope.querySelector('[name="' + quoted + '"]');
      if (found) { return found; }
      var cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
      path = cut > 0 ? path.slice(0, cut) : "";
    }
    return null;
  }

  var problemCount = 0;

  // Takes away what showFieldProblems put in `scope`.
  function clearFieldProblems(scope) {
    if (!scope || !scope.querySelectorAll) { return; }
    scope.querySelectorAll(".leergang-field-error").forEach(function (box) {
      var control = box.previousElementSibling;
      if (control && control.getAttribute("aria-describedby")) {
        var rest = control.getAttribute("aria-describedby").split(" ").filter(function (id) { return id !== box.id; });
        if (rest.length) { control.setAttribute("aria-describedby", rest.join(" ")); } else { control.removeAttribute("aria-describedby"); }
      }
      if (control) { control.removeAttribute("aria-invalid"); }
      box.remove();
    });
  }

  // A refusal's problems ([{field, code, message}], core/handlers.py) next to their
  // fields in `scope`: each sentence in a .leergang-field-error right after its control,
  // tied to it by aria-describedby, the control marked aria-invalid and the first one
  // focused (so a screen reader reads the sentence with the field). Returns the
  // messages that found no field, for the form's own error region.
  function showFieldProblems(scope, problems) {
    var left = [], first = null, boxes = {};
    (problems || []).forEach(function (problem) {
      var control = scope && problem.field ? controlFor(scope, problem.field) : null;
      if (!control) { left.push(problem.message); return; }
      var key = control.getAttribute("data-field") || control.getAttribute("name") || problem.field;
      var box = boxes[key];
      if (!box) {
        box = document.createElement("span");
        box.className = "leergang-field-error";
        box.id = "leergang-field-error-" + (++problemCount);
        control.insertAdjacentElement("afterend", box);
        var described = control.getAttribute("aria-describedby");
        control.setAttribute("aria-describedby", described ? described + " " + box.id : box.id);
        control.setAttribute("aria-invalid", "true");
        boxes[key] = box;
      }
      box.setAttribute("data-code", problem.code || "");
      box.textContent = box.textContent ? box.textContent + " " + problem.message : problem.message;
      first = first || control;
    });
    if (first && first.focus) {
      if (!first.matches("input, textarea, select, button, [tabindex]")) { first.setAttribute("tabindex", "-1"); }
      first.focus();
    }
    return left;
  }

  // An error from request() in a live region; null clears it. `target` is the
  // region itself (role="alert"/"status" or class leergang-error), or an element
  // holding a .leergang-error, which is shown and hidden as the error comes and goes.
  // An error's problems about fields go next to those fields (showFieldProblems) in
  // `target` (or the form around the region); the region says only the rest.
  function showError(target, error) {
    if (!target) { return; }
    var direct = target.matches && target.matches(".leergang-error, [role=alert], [role=status]");
    var region = direct ? target : target.querySelector(".leergang-error");
    var scope = direct ? ((target.closest && target.closest("form")) || target.parentNode) : target;
    clearFieldProblems(scope);
    if (!region) { return; }
    var text = error ? error.message : "";
    if (error && error.problems && error.problems.length) {
      text = showFieldProblems(scope, error.problems).filter(function (message, index, all) {
        return all.indexOf(message) === index;
      }).join("\n");
    }
    if (!direct) { region.hidden = !text; }
    // The code stays on the region, for programs and tests that must not read wording.
    if (error && error.code) { region.setAttribute("data-code", error.code); } else { region.removeAttribute("data-code"); }
    announce(region, text);
  }

  // Enter in a text field, radio button or checkbox submits a form in browsers
  // ("implicit submission"); a block's form is sent only by its own button.
  function preventImplicitSubmit(form) {
    form.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.key === "Enter" && target.tagName === "INPUT" &&
          ["submit", "button", "reset", "image"].indexOf(target.type) === -1) {
        event.preventDefault();
      }
    });
  }

  // Calls `flush({keepalive: true})` when the page is hidden or left (tab
  // switched, closed, navigated away, phone locked), so that what the block has
  // not sent yet is sent with a request that outlives the page.
  function flushWhenHidden(flush) {
    function onHide() { flush({keepalive: true}); }
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { onHide(); }
    });
    window.addEventListener("pagehide", onHide);
  }

  function rootOf(element) {
    // The LMS passes a DOM element, some runtimes a jQuery object.
    return element && element.jquery ? element[0] : element;
  }

  // The staff tool "Remove a participant's data" (core/reset.py) in a block's staff
  // view: asks for confirmation with the text the server rendered (what is removed,
  // what happens to work the participant has open), then posts.
  function wireStaffRemoval(runtime, root) {
    var form = root && root.querySelector ? root.querySelector(".leergang-removal-form") : null;
    if (!form || form.getAttribute("data-wired")) { return; }
    form.setAttribute("data-wired", "true");
    var panel = form.parentNode;
    var input = form.querySelector("input[name=participant]");
    var button = form.querySelector("button[type=submit]");
    var status = panel.querySelector(".leergang-removal-status");
    var errorBox = panel.querySelector(".leergang-removal-error");
    preventImplicitSubmit(form);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var who = input.value.trim();
      showError(errorBox, null);
      errorBox.hidden = true;
      if (!who) { input.focus(); return; }
      var values = {participant: who};
      var question = interpolate(input.getAttribute("data-confirm-what"), values) + "\n\n" +
        interpolate(input.getAttribute("data-confirm-running"), values);
      if (!window.confirm(question)) { return; }
      button.disabled = true;
      postJSON(runtime, root, "remove_participant_data", values).then(function (data) {
        button.disabled = false;
        input.value = "";
        announce(status, data.message);
      }, function (error) {
        button.disabled = false;
        announce(status, "");
        errorBox.hidden = false;
        showError(errorBox, error);
      });
    });
  }

  // A write answers only the parts of the view it changed: {name: html}, each html
  // the whole element marked data-region="name" (rendered by the same template part
  // as the page). Swaps each one in place and returns the new elements by name, so
  // the block wires their controls and puts the focus where it was. A region the
  // page does not show is skipped: the block's answer never adds parts of the page.
  function replaceRegions(root, regions) {
    var replaced = {};
    Object.keys(regions || {}).forEach(function (name) {
      var old = root.querySelector("[data-region='" + name + "']");
      if (!old) { return; }
      var holder = document.createElement("div");
      holder.innerHTML = regions[name];
      var fresh = holder.querySelector("[data-region='" + name + "']");
      if (!fresh) { return; }
      old.parentNode.replaceChild(fresh, old);
      replaced[name] = fresh;
    });
    return replaced;
  }

  // Wraps a block's init function: an error in one block is logged and never
  // stops the runtime from starting the blocks after it on the page. A started
  // block's root gets data-leergang-ready="true".
  function initializer(init) {
    return function (runtime, element, args) {
      var root = rootOf(element);
      try {
        init(runtime, root, args || {});
        wireStaffRemoval(runtime, root);
        if (root && root.setAttribute) { root.setAttribute("data-leergang-ready", "true"); }
      } catch (error) {
        if (window.console) { window.console.error("leergang block did not start:", error); }
      }
      return {};
    };
  }

  window.LeergangCore = {
    gettext: gettext, interpolate: interpolate, postJSON: postJSON, getJSON: getJSON,
    wireDownloads: wireDownloads, announce: announce, showError: showError,
    showFieldProblems: showFieldProblems, clearFieldProblems: clearFieldProblems,
    preventImplicitSubmit: preventImplicitSubmit, flushWhenHidden: flushWhenHidden,
    rootOf: rootOf, withQuery: withQuery, initializer: initializer, replaceRegions: replaceRegions
  };
}());
