// Case-review form: move keyboard and screen-reader focus to the error summary
// after a failed submission. The form works the same without this file.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
