/* Filterable chronology of the course: a search box, a lecture filter, a year strip.
 * Works in the static book with no kernel; all texts come from the page (textContent). */
(function () {
  "use strict";
  if (window.caTimeline) { return; }

  function init(root) {
    if (!root || root.dataset.ready) { return; }
    root.dataset.ready = "1";
    var config = JSON.parse(root.querySelector("script.cat-config").textContent);
    var search = root.querySelector(".cat-search");
    var lecture = root.querySelector(".cat-lecture");
    var count = root.querySelector(".cat-count");
    var rows = Array.prototype.slice.call(root.querySelectorAll("tbody tr"));
    var dots = Array.prototype.slice.call(root.querySelectorAll(".cat-dot"));

    function apply() {
      var needle = search.value.trim().toLowerCase();
      var chosen = lecture.value;
      var shown = 0;
      var visibleIds = {};
      rows.forEach(function (row) {
        var lectures = (row.dataset.lectures || "").split(" ");
        var ok = (!needle || row.textContent.toLowerCase().indexOf(needle) >= 0) &&
                 (!chosen || lectures.indexOf(chosen) >= 0);
        row.hidden = !ok;
        if (ok) { shown++; visibleIds[row.id] = true; }
      });
      dots.forEach(function (dot) {
        dot.classList.toggle("cat-dim", !visibleIds[dot.dataset.target]);
      });
      count.textContent = config.shown.replace("{n}", String(shown));
    }

    function jump(dot) {
      var row = document.getElementById(dot.dataset.target);
      if (!row) { return; }
      row.scrollIntoView({ block: "center" });
      row.classList.add("cat-hit");
      setTimeout(function () { row.classList.remove("cat-hit"); }, 1500);
    }

    search.addEventListener("input", apply);
    lecture.addEventListener("change", apply);
    dots.forEach(function (dot) {
      dot.addEventListener("click", function () { jump(dot); });
      dot.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); jump(dot); }
      });
    });
    apply();
  }

  window.caTimeline = { init: init };
})();
