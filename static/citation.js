// Copy buttons for the citation block: progressive enhancement only. Without JavaScript
// (or without the Clipboard API) there is no button and the citation text stays selectable.
(function () {
  "use strict";
  var section = document.querySelector(".citation");
  if (!section || !navigator.clipboard) {
    return;
  }
  section.querySelectorAll("[data-copy]").forEach(function (block) {
    var button = document.createElement("button");
    var status = document.createElement("span");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = section.dataset.copyLabel;
    button.setAttribute("aria-describedby", block.id);
    status.className = "hint copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(block.textContent.trim()).then(
        function () { status.textContent = section.dataset.copiedLabel; },
        function () { status.textContent = section.dataset.failedLabel; }
      );
    });
    block.after(button, status);
  });
})();
