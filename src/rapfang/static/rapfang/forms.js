/* Every refusal seen. A refused form's error summary takes focus when the page loads (for browsers that ignore
   autofocus on it; htmx focuses it itself after swapping a form in place). When an in-place form cannot be sent at
   all (no connection, a fault of the site's), its own message says so: nothing happens silently. */
(function () {
  "use strict";

  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary && (document.activeElement === null || document.activeElement === document.body)) {
      summary.focus();
    }
  }

  function showSendFailure(event) {
    var source = event.detail && event.detail.elt;
    var form = source && source.closest ? source.closest("form") : null;
    var message = form ? form.querySelector("[data-send-failure]") : null;
    if (message) {
      message.hidden = false;
      message.focus();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
  document.addEventListener("htmx:responseError", showSendFailure);
  document.addEventListener("htmx:sendError", showSendFailure);
})();
