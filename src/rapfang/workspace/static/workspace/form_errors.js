// A refused form's error summary takes the focus, so that a screen reader reads it and the keyboard starts there.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
