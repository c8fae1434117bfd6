// Copy buttons for ready-to-paste text (citations, embed snippets): progressive enhancement
// only. Without JavaScript (or without the Clipboard API) there is no button and the text stays
// selectable. A section with data-copy-label holds the words; each [data-copy] gets a button,
// also in a fragment htmx swaps in later (the widget configurator's preview).
(function () {
  "use strict";
  if (!navigator.clipboard) {
    return;
  }
  function enhance() {
    document.querySelectorAll("[data-copy-label]").forEach(function (section) {
      section.querySelectorAll("[data-copy]").forEach(function (block) {
        if (block.nextElementSibling && block.nextElementSibling.className === "copy-button") {
          return;
        }
        var button = document.createElement("button");
        var status = document.createElement("span");
        button.type = "button";
        button.className = "copy-button";
        button.textContent = section.dataset.copyLabel;
        button.setAttribute("aria-describedby", block.id);
        status.className = "hint copy-status";
        status.setAttribute("role", "status");
        button.addEventListener("click", function () {
          var text = block.tagName === "TEXTAREA" ? block.value : block.textContent;
          navigator.clipboard.writeText(text.trim()).then(
            function () { status.textContent = section.dataset.copiedLabel; },
            function () { status.textContent = section.dataset.failedLabel; }
          );
        });
        block.after(button, status);
      });
    });
  }
  enhance();
  document.addEventListener("htmx:afterSettle", enhance);
})();
