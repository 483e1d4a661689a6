/* Every refusal seen. A refused form's error summary takes focus when the page loads (for browsers that ignore
   autofocus on it). After htmx swaps a form or a receipt in place, the element marked autofocus in it (the
   summary, the receipt) has focus and is scrolled to the top of the screen, on a phone too. When an in-place form
   cannot be sent at all (no connection, a fault of the site's), its own message says so: nothing happens
   silently. A 503 (the site is full for a moment) is not swapped either: the form stays as it was, with what was
   written in it and the refusal's arrival token, and says when to send it again: in a few seconds, or in minutes when
   the crowd is asked for a longer pause (Retry-After). */
(function () {
  "use strict";

  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    if (document.activeElement === null || document.activeElement === document.body) {
      summary.focus({ preventScroll: true });
    }
    if (document.activeElement === summary) {
      summary.scrollIntoView({ block: "start", behavior: "instant" });
    }
  }

  function showSendFailure(event) {
    var source = event.detail && event.detail.elt;
    var form = source && source.closest ? source.closest("form") : null;
    var xhr = event.detail && event.detail.xhr;
    var busy = xhr && xhr.status === 503 && xhr.getResponseHeader("Retry-After");
    var message = form ? form.querySelector(busy ? "[data-send-busy]" : "[data-send-failure]") : null;
    var token = busy && form ? xhr.getResponseHeader("Arrival-Token") : null;
    if (token) {
      /* Sent again, the form is judged on the moment it first arrived. */
      var field = form.querySelector("input[name=arrival_token]");
      if (!field) {
        field = document.createElement("input");
        field.type = "hidden";
        field.name = "arrival_token";
        form.appendChild(field);
      }
      field.value = token;
    }
    if (busy && message) {
      showPause(message, parseInt(busy, 10));
    }
    if (message) {
      message.hidden = false;
      message.focus();
    }
  }

  /* The 503's pause in words: the first line whose seconds reach Retry-After ("a few seconds", "about a minute",
     "about 2 minutes"), the longest when none does. */
  function showPause(message, seconds) {
    var lines = message.querySelectorAll("[data-busy-pause]");
    var chosen = lines.length ? lines[lines.length - 1] : null;
    for (var i = 0; i < lines.length; i++) {
      if (parseInt(lines[i].getAttribute("data-busy-pause"), 10) >= seconds) {
        chosen = lines[i];
        break;
      }
    }
    for (var j = 0; j < lines.length; j++) {
      lines[j].hidden = lines[j] !== chosen;
    }
  }

  function showSwapped(event) {
    var root = event.target;
    if (!root || !root.querySelector) {
      return;
    }
    var marked = root.matches("[autofocus]") ? root : root.querySelector("[autofocus]");
    if (marked) {
      if (document.activeElement !== marked) {
        marked.focus({ preventScroll: true });
      }
      marked.scrollIntoView({ block: "start", behavior: "instant" });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
  document.addEventListener("htmx:afterSettle", showSwapped);
  document.addEventListener("htmx:responseError", showSendFailure);
  document.addEventListener("htmx:sendError", showSendFailure);
})();
