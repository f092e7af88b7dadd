/*
 * Search result order for the course site (Sphinx's html_search_scorer, put into
 * language_data.js after the Kazakh stemmer). Sphinx scores a page 15 when a section title
 * holds the word, 5 when its text does, and up to 100 for an index entry such as a glossary
 * term; ties fall back to alphabetical order. A page whose own title holds every searched
 * stem is the page about the topic (the lecture «…және анклавтар» for «анклав»): it gets
 * TITLE_BOOST more, so it comes before pages that only mention the word or define it.
 */
var Scorer = (function (defaults) {
  var TITLE_BOOST = 200;
  var scorer = defaults || {
    objNameMatch: 11, objPartialMatch: 6, objPrio: {0: 15, 1: 5, 2: -5}, objPrioDefault: 0,
    title: 15, partialTitle: 7, term: 5, partialTerm: 2,
  };
  scorer.kkTerms = [];
  // searchtools.js (loaded before this file) stems the query in Search._parseQuery.
  if (typeof Search !== "undefined" && typeof Search._parseQuery === "function") {
    var parse = Search._parseQuery;
    Search._parseQuery = function (query) {
      var parsed = parse(query);
      scorer.kkTerms = Array.from(parsed[1]);
      return parsed;
    };
  }
  scorer.score = function (result) {
    var score = result[4];
    if (!scorer.kkTerms.length) return score;
    var stemmer = new Stemmer();
    var pageTitle = String(result[1] || "").split(" > ")[0];
    var titleStems = splitQuery(pageTitle).map(function (w) { return stemmer.stemWord(w); });
    var about = scorer.kkTerms.every(function (term) { return titleStems.indexOf(term) !== -1; });
    return about ? score + TITLE_BOOST : score;
  };
  return scorer;
})(typeof Scorer === "undefined" ? null : Scorer);
