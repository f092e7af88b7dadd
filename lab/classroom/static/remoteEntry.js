// ca-course-classroom: a hand-written JupyterLab federated extension with one plugin.
//
// jupyterlab-myst renders each notebook alone: a {term} role whose glossary lives on
// another page of the book becomes a dead link (href="#"), and the labels it draws for
// MyST blocks are English ("Exercise 1", "Link to this Section"). This plugin mends what is
// on screen, from course.json (written beside this file at set-up by
// tools/lab_course_data.py: the glossary, the shown texts of the book's {term} roles and
// the Kazakh labels of ca_course.messages):
//
// * a term link gets its definition as a tooltip (with the Russian and English terms) and
//   points at the term's id (the row of the lecture's glossary table carries it); a click,
//   or Enter, opens the definition in a small box beside it (Escape or a click elsewhere
//   closes it);
// * "Exercise N" reads in Kazakh, and the heading and exercise anchors get Kazakh titles.
//
// Only attributes and text of jupyterlab-myst's nodes change; the box is appended to
// <body>, so React's own tree is never given extra children.
(function () {
  "use strict";
  var NAME = "ca-course-classroom";
  var TERM_LINKS = ".myst a.hover-link, .jp-RenderedMySTMarkdown a.hover-link";
  var STYLE = [
    ".ca-term { color: var(--jp-content-link-color, #1a5fb4); text-decoration: underline dotted;",
    "  cursor: help; }",
    ".ca-term-note { position: fixed; z-index: 10000; max-width: 28rem; padding: 8px 12px;",
    "  background: var(--jp-layout-color1, #fff); color: var(--jp-ui-font-color1, #111);",
    "  border: 1px solid var(--jp-border-color1, #999); border-radius: 4px;",
    "  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.25); font-size: var(--jp-content-font-size1, 14px);",
    "  line-height: 1.45; }",
    ".ca-term-note p { margin: 4px 0; }",
    ".ca-term-note .ca-term-note-close { float: right; margin-left: 8px; }"
  ].join("\n");

  function baseUrl() {
    var node = document.getElementById("jupyter-config-data");
    var base = "/";
    try {
      base = JSON.parse(node.textContent).baseUrl || "/";
    } catch (error) {
      base = "/";
    }
    return base.charAt(base.length - 1) === "/" ? base : base + "/";
  }

  function loadData() {
    var url = baseUrl() + "lab/extensions/" + NAME + "/static/course.json";
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  function key(text) {
    return text.replace(/\s+/g, " ").trim().toLowerCase();
  }

  // The term a link shows: its name, a shown text of the book, or (an inflected form
  // written after set-up) the longest term name the text starts with, followed by no more
  // than an ending (a few letters, no space).
  function findTerm(data, shown) {
    var k = key(shown);
    if (data.terms[k]) { return data.terms[k]; }
    if (data.aliases[k] && data.terms[data.aliases[k]]) { return data.terms[data.aliases[k]]; }
    var best = null;
    Object.keys(data.terms).forEach(function (name) {
      var ending = k.slice(name.length);
      if (k.indexOf(name) === 0 && ending.length <= 6 && !/\s/.test(ending) &&
          (!best || name.length > best.length)) { best = name; }
    });
    return best ? data.terms[best] : null;
  }

  function tooltip(term, labels) {
    return term.kk + " — " + term.definition + " (" + labels.term_ru + ": " + term.ru + "; " +
      labels.term_en + ": " + term.en + ")";
  }

  function mendTerm(link, data) {
    if (link.getAttribute("href") !== "#" && !link.classList.contains("ca-term")) { return; }
    var term = findTerm(data, link.textContent || "");
    if (!term) { return; }
    var text = tooltip(term, data.labels);
    if (link.getAttribute("title") !== text) { link.setAttribute("title", text); }
    if (link.getAttribute("href") !== "#" + term.id) { link.setAttribute("href", "#" + term.id); }
    if (link.getAttribute("data-ca-term") !== term.id) { link.setAttribute("data-ca-term", term.id); }
    if (!link.classList.contains("ca-term")) { link.classList.add("ca-term"); }
  }

  function mendLabels(labels) {
    var anchors = document.querySelectorAll(
      'a[title="Link to this Exercise"], a[title="Link to this Section"]');
    anchors.forEach(function (a) {
      var exercise = a.getAttribute("title") === "Link to this Exercise";
      var title = exercise ? labels.link_exercise : labels.link_section;
      a.setAttribute("title", title);
      a.setAttribute("aria-label", title);
      var text = a.firstChild;
      if (exercise && text && text.nodeType === 3) {
        text.nodeValue = text.nodeValue.replace(/^Exercise\b/, labels.exercise);
      }
    });
  }

  var openNote = null;

  function closeNote() {
    if (openNote) {
      openNote.remove();
      openNote = null;
    }
  }

  function showNote(link, data) {
    var term = data.byId[link.getAttribute("data-ca-term")];
    if (!term) { return; }
    closeNote();
    var box = document.createElement("div");
    box.className = "ca-term-note";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", term.kk);
    var close = document.createElement("button");
    close.className = "ca-term-note-close jp-Button jp-mod-minimal";
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", data.labels.term_close);
    close.addEventListener("click", closeNote);
    var name = document.createElement("strong");
    name.textContent = term.kk;
    var definition = document.createElement("p");
    definition.textContent = term.definition;
    var names = document.createElement("p");
    names.textContent = data.labels.term_ru + ": " + term.ru + "; " + data.labels.term_en +
      ": " + term.en;
    box.append(close, name, definition, names);
    document.body.appendChild(box);
    var at = link.getBoundingClientRect();
    var left = Math.max(8, Math.min(at.left, window.innerWidth - box.offsetWidth - 8));
    var top = at.bottom + 6;
    if (top + box.offsetHeight > window.innerHeight - 8) {
      top = Math.max(8, at.top - box.offsetHeight - 6);
    }
    box.style.left = left + "px";
    box.style.top = top + "px";
    openNote = box;
    close.focus();
  }

  function start(data) {
    data.byId = {};
    Object.keys(data.terms).forEach(function (k) { data.byId[data.terms[k].id] = data.terms[k]; });
    var style = document.createElement("style");
    style.id = NAME + "-style";
    style.textContent = STYLE;
    document.head.appendChild(style);

    function scan() {
      document.querySelectorAll(TERM_LINKS).forEach(function (a) { mendTerm(a, data); });
      mendLabels(data.labels);
    }
    var pending = false;
    new MutationObserver(function () {
      if (pending) { return; }
      pending = true;
      setTimeout(function () { pending = false; scan(); }, 50);
    }).observe(document.body, { childList: true, subtree: true, characterData: true,
                                attributes: true, attributeFilter: ["href", "title"] });
    scan();

    // Capture phase: the term's own link must neither navigate nor reach Lab's handlers.
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.ca-term");
      if (link) {
        event.preventDefault();
        event.stopPropagation();
        showNote(link, data);
      } else if (openNote && !openNote.contains(event.target)) {
        closeNote();
      }
    }, true);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && openNote) { closeNote(); }
    }, true);
  }

  var plugin = {
    id: NAME + ":plugin",
    description: "Glossary definitions and Kazakh labels over jupyterlab-myst's rendering.",
    autoStart: true,
    activate: function () {
      loadData().then(start).catch(function (error) {
        console.warn(NAME + ": " + error);
      });
    }
  };

  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init: function () { return Promise.resolve(); },
    get: function () {
      return Promise.resolve(function () { return { __esModule: true, "default": [plugin] }; });
    }
  };
})();
