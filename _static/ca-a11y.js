// Keyboard access to the course's scrolling tables (WCAG 2.1.1, axe
// "scrollable-region-focusable"): a table wider than its column scrolls inside its wrapper,
// so that wrapper joins the Tab order (arrow keys then scroll it) and is named by the
// table's caption. Wrappers that do not scroll stay out of the Tab order.
(function () {
  "use strict";
  function update() {
    document.querySelectorAll(".ca-table-wrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        var caption = wrap.querySelector("caption");
        var table = wrap.querySelector("table");
        var name = caption ? caption.textContent : (table && table.getAttribute("aria-label"));
        wrap.setAttribute("aria-label", name || document.title);
      } else if (!scrolls && wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
  window.addEventListener("resize", update);
})();
