/* The course site's offline and edition helpers (ca_course.offline links it from every page).
 *
 * 1. Registers the service worker sw.js at the site root (works on https and on localhost).
 * 2. Fills the edition switcher from the site's versions.json (ca_course.editions).
 * (A map's note for tiles that cannot load is inside its sandboxed frame: ca_course.offline.)
 * Every Kazakh string comes from the data-ca-* attributes of this script's tag.
 */
(function () {
  "use strict";
  var tag = document.getElementById("ca-offline");
  if (!tag) { return; }
  var root = tag.getAttribute("data-ca-root") || "";
  var text = function (key) { return tag.getAttribute("data-ca-" + key) || ""; };

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root + "sw.js").catch(function () {});
  }

  /* -- edition switcher ------------------------------------------------------------- */
  function siteRoot() {
    // An archived edition lives in <site>/editions/<year>/; the current one at <site>/.
    var here = new URL(root || "./", document.baseURI).href;
    var match = here.match(/^(.*\/)editions\/\d{4}-\d{4}\/$/);
    return match ? match[1] : here;
  }
  function pagePath() {
    var base = new URL(root || "./", document.baseURI).pathname;
    var path = location.pathname;
    return path.indexOf(base) === 0 ? path.slice(base.length) : "";
  }
  function buildSwitcher(versions) {
    if (!Array.isArray(versions) || versions.length === 0) { return; }
    var edition = text("edition");
    var nav = document.createElement("nav");
    nav.className = "ca-editions";
    nav.setAttribute("aria-label", text("label"));
    var label = document.createElement("label");
    label.textContent = text("label") + " ";
    var select = document.createElement("select");
    var top = siteRoot();
    var page = pagePath() || "index.html";
    var known = false;
    versions.forEach(function (entry) {
      var option = document.createElement("option");
      option.value = new URL(entry.path || "./", top).href;
      option.textContent = entry.version + (entry.current ? " (" + text("current") + ")" : "");
      if (entry.version === edition) { option.selected = true; known = true; }
      select.appendChild(option);
    });
    if (!known) {
      var dev = document.createElement("option");
      dev.value = "";
      dev.textContent = edition || text("dev");
      dev.selected = true;
      select.insertBefore(dev, select.firstChild);
    }
    select.addEventListener("change", function () {
      if (!select.value) { return; }
      var target = select.value + page;
      fetch(target, {method: "HEAD"})
        .then(function (r) { location.href = r.ok ? target : select.value; })
        .catch(function () { location.href = select.value; });
    });
    label.appendChild(select);
    nav.appendChild(label);
    // In the page's header bar (always in view), else atop the sidebar, else the body.
    var place = document.querySelector(".article-header-buttons") ||
      document.querySelector(".bd-sidebar-primary .sidebar-primary-items__start") ||
      document.querySelector(".bd-sidebar-primary") || document.body;
    place.insertBefore(nav, place.firstChild);
  }
  function loadVersions() {
    fetch(siteRoot() + "versions.json", {cache: "no-cache"})
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(buildSwitcher)
      .catch(function () {});
  }

  function start() { loadVersions(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
