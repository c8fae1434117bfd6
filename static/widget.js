/* Relation Client France embed loader. Paste:
 *   <div data-rcf-slug="maif"><a href="…/entreprises/maif">…</a></div>
 *   <script src="…/widget.js" async></script>
 * Each such div becomes an iframe of /embed/<slug>, sized to its card. Without scripts the
 * link inside the div stays. No dependencies; the only global is RelationClientFrance. */
(function (window, document) {
  "use strict";
  var ns = window.RelationClientFrance = window.RelationClientFrance || {};
  if (ns.mount) { ns.mount(); return; }
  var script = document.currentScript ||
    document.querySelector('script[src*="/widget.js"]');
  var origin = new URL(script.src, document.baseURI).origin;
  var frames = [];

  function src(div) {
    var params = new URLSearchParams();
    ["theme", "lang", "size"].forEach(function (name) {
      var value = div.getAttribute("data-rcf-" + name);
      if (value) params.set(name, value);
    });
    var query = params.toString();
    return origin + "/embed/" + encodeURIComponent(div.getAttribute("data-rcf-slug")) +
      (query ? "?" + query : "");
  }

  ns.mount = function () {
    var divs = document.querySelectorAll("div[data-rcf-slug]:not([data-rcf-mounted])");
    Array.prototype.forEach.call(divs, function (div) {
      var frame = document.createElement("iframe");
      frame.src = src(div);
      frame.title = div.textContent.trim() || "Relation Client France";
      frame.setAttribute("scrolling", "no");
      frame.style.cssText = "border:0;width:100%;max-width:26rem;height:150px;display:block";
      div.setAttribute("data-rcf-mounted", "");
      div.replaceChildren(frame);
      frames.push(frame);
    });
  };

  window.addEventListener("message", function (event) {
    var height = event.data && event.data.rcfHeight;
    if (event.origin !== origin || typeof height !== "number" || height < 1) return;
    frames.forEach(function (frame) {
      if (frame.contentWindow === event.source) frame.style.height = Math.min(height, 2000) + "px";
    });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ns.mount);
  } else {
    ns.mount();
  }
})(window, document);
