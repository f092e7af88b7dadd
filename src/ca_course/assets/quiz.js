/* Static self-check quiz of the course «Орталық Азия: қауіпсіздік және интеграция».
 *
 * The JavaScript twin of ca_course/quiz/scoring.py and ca_course/text.py: the same
 * response shapes, the same matching tables (sent by Python as JSON), and the same
 * golden cases (tests/fixtures/scoring_cases.yaml) run against both.
 * Every text is put into the page with textContent, never innerHTML.
 */
(function () {
  "use strict";
  if (window.caQuiz) { return; }

  var CYRILLIC = /[\u0400-\u04FF]/;

  function decode(b64, qid) {
    var bin = atob(b64);
    var key = new TextEncoder().encode(qid);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) {
      bytes[i] = bin.charCodeAt(i) ^ key[i % key.length];
    }
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  function normalize(text, L) {
    var s = String(text).normalize("NFC").toLowerCase();
    var out = "";
    for (var ch of s) {
      if (L.strip.indexOf(ch) >= 0) { continue; }
      out += L.separators.indexOf(ch) >= 0 ? " " : ch;
    }
    out = out.replace(/\S+/g, function (word) {
      if (!CYRILLIC.test(word)) { return word; }
      var fixed = "";
      for (var c of word) { fixed += Object.prototype.hasOwnProperty.call(L.latin, c) ? L.latin[c] : c; }
      return fixed;
    });
    return out.replace(/\s+/g, "");
  }

  function fold(text, L) {
    var out = "";
    for (var c of text) { out += Object.prototype.hasOwnProperty.call(L.fold, c) ? L.fold[c] : c; }
    return out;
  }

  /* Either script: both sides in the 2021 Latin alphabet (ca_course/latin.py). */
  function latinKey(text, L) {
    var out = "";
    for (var c of text) { out += Object.prototype.hasOwnProperty.call(L.latn, c) ? L.latn[c] : c; }
    return out;
  }

  function matchText(accepted, typed, L) {
    var key = normalize(typed, L);
    if (!key) { return false; }
    var keys = accepted.map(function (a) { return normalize(a, L); });
    if (keys.indexOf(key) >= 0) { return true; }
    var russianKeyboard = true;
    for (var c of key) {
      if (Object.prototype.hasOwnProperty.call(L.fold, c)) { russianKeyboard = false; break; }
    }
    var folded = fold(key, L);
    if (russianKeyboard && keys.some(function (k) { return fold(k, L) === folded; })) { return true; }
    var latin = latinKey(key, L);
    return keys.some(function (k) { return latinKey(k, L) === latin; });
  }

  function parseNumber(typed) {
    if (typeof typed === "number") { return typed; }
    if (typeof typed !== "string") { return null; }
    var s = typed.replace(/\s+/g, "").replace(/,/g, ".").replace(/%+$/, "");
    return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s) ? parseFloat(s) : null;
  }

  function sameSet(a, b) {
    if (a.length !== b.length) { return false; }
    var sa = a.slice().sort(), sb = b.slice().sort();
    return sa.every(function (v, i) { return v === sb[i]; });
  }

  /* Score one response; returns {ok: bool, problem: message key or null}. */
  function score(type, key, response, L) {
    switch (type) {
      case "single":
        if (typeof response !== "string" || !response) { return { ok: false, problem: "quiz.choose_one" }; }
        return { ok: response === key, problem: null };
      case "multiple":
        if (!Array.isArray(response) || !response.length) { return { ok: false, problem: "quiz.choose_some" }; }
        var uniq = response.filter(function (v, i) { return response.indexOf(v) === i; });
        return { ok: sameSet(uniq, key), problem: null };
      case "truefalse":
        if (typeof response !== "boolean") { return { ok: false, problem: "quiz.choose_one" }; }
        return { ok: response === key, problem: null };
      case "numeric":
        var v = parseNumber(response);
        if (v === null || isNaN(v)) { return { ok: false, problem: "quiz.type_number" }; }
        return { ok: Math.abs(v - key[0]) <= key[1] + 1e-9, problem: null };
      case "text":
        if (typeof response !== "string" || !response.trim()) { return { ok: false, problem: "quiz.type_text" }; }
        return { ok: matchText(key, response, L), problem: null };
      case "matching":
        var lefts = Object.keys(key);
        if (!response || lefts.some(function (l) { return !response[l]; })) {
          return { ok: false, problem: "quiz.match_all" };
        }
        return { ok: lefts.every(function (l) { return response[l] === key[l]; }), problem: null };
      case "ordering":
        if (!Array.isArray(response) || !sameSet(response, key)) {
          return { ok: false, problem: "quiz.order_all" };
        }
        return { ok: response.every(function (v, i) { return v === key[i]; }), problem: null };
    }
    throw new Error("unknown question type " + type);
  }

  function readResponse(q, type) {
    var i, boxes;
    switch (type) {
      case "single":
        var picked = q.querySelector("input[type=radio]:checked");
        return picked ? picked.value : null;
      case "truefalse":
        var tf = q.querySelector("input[type=radio]:checked");
        return tf ? tf.value === "true" : null;
      case "multiple":
        boxes = q.querySelectorAll("input[type=checkbox]:checked");
        return Array.prototype.map.call(boxes, function (b) { return b.value; });
      case "numeric":
      case "text":
        return q.querySelector("input[type=text]").value;
      case "matching":
        var map = {};
        q.querySelectorAll("select").forEach(function (s) { map[s.dataset.left] = s.value; });
        return map;
      case "ordering":
        var slots = [];
        var selects = q.querySelectorAll("select");
        for (i = 0; i < selects.length; i++) {
          var pos = parseInt(selects[i].value, 10);
          if (!pos || slots[pos - 1] !== undefined) { return null; }
          slots[pos - 1] = selects[i].dataset.item;
        }
        return slots.length === selects.length ? slots : null;
    }
    return null;
  }

  function format(template, fields) {
    return template.replace(/\{(\w+)\}/g, function (m, name) {
      return Object.prototype.hasOwnProperty.call(fields, name) ? String(fields[name]) : m;
    });
  }

  function init(root) {
    if (!root || root.dataset.ready) { return; }
    root.dataset.ready = "1";
    var config = JSON.parse(root.querySelector("script.caq-config").textContent);
    var M = config.messages, L = config.letters;
    var questions = root.querySelectorAll(".caq-q");
    var state = {};
    var scoreEl = root.querySelector(".caq-score");

    function updateScore() {
      var n = 0;
      Object.keys(state).forEach(function (k) { if (state[k]) { n++; } });
      scoreEl.textContent = format(M["quiz.score"], { score: n, total: questions.length });
    }

    questions.forEach(function (q) {
      var qid = q.dataset.qid, type = q.dataset.type;
      var button = q.querySelector(".caq-check");
      var feedback = q.querySelector(".caq-feedback");
      function check() {
        var key = decode(q.dataset.key, qid);
        var verdict = score(type, key.a, readResponse(q, type), L);
        feedback.replaceChildren();
        var head = document.createElement("p");
        head.className = "caq-verdict";
        if (verdict.problem) {
          head.textContent = M[verdict.problem];
          q.classList.remove("caq-right", "caq-wrong");
          feedback.appendChild(head);
          return;
        }
        state[qid] = verdict.ok;
        q.classList.toggle("caq-right", verdict.ok);
        q.classList.toggle("caq-wrong", !verdict.ok);
        head.textContent = verdict.ok ? M["quiz.correct"] : M["quiz.incorrect"];
        feedback.appendChild(head);
        var why = document.createElement("p");
        why.className = "caq-explanation";
        var label = document.createElement("strong");
        label.textContent = M["quiz.explanation"] + ": ";
        why.appendChild(label);
        why.appendChild(document.createTextNode(key.x + " (" + M["quiz.source"] + ": " + key.s + ")"));
        feedback.appendChild(why);
        updateScore();
      }
      button.addEventListener("click", check);
      q.querySelectorAll("input[type=text]").forEach(function (input) {
        input.addEventListener("keydown", function (ev) {
          if (ev.key === "Enter") { ev.preventDefault(); check(); }
        });
      });
    });
    updateScore();
  }

  window.caQuiz = { init: init, score: score, normalize: normalize, parseNumber: parseNumber, decode: decode };
})();
