// The moderation queue: "select all on this page" also ticks (and clears) the boxes of the comments listed, and a
// box cleared by hand clears "select all". Without JavaScript, "select all" alone already chooses the whole page.
(function () {
  "use strict";
  var errors = document.getElementById("moderation-errors");
  if (errors && document.activeElement !== errors) {
    errors.focus();
  }
  var all = document.getElementById("select-all");
  if (!all) {
    return;
  }
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#bulk .row-select"));
  all.addEventListener("change", function () {
    boxes.forEach(function (box) {
      box.checked = all.checked;
    });
  });
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      all.checked = boxes.every(function (other) {
        return other.checked;
      });
    });
  });
})();
