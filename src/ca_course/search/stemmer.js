/*
 * Kazakh search stemmer and splitter: the JavaScript twin of ca_course/search/kazakh.py.
 * Sphinx puts this file into language_data.js; searchtools.js calls splitQuery(query) and
 * new Stemmer().stemWord(word). The data below is filled in from kk_suffixes.yaml and
 * kk_stopwords.yaml when the site is built; keep the algorithm in step with kazakh.py.
 */
var KK_STEMMER_DATA = /* KK_STEMMER_DATA */ null;

var splitQuery = function (query) {
  return query.match(/[\p{L}\p{N}]+/gu) || [];
};

var Stemmer = function () {
  var data = KK_STEMMER_DATA;
  var protectedStems = new Set(data.protected);
  var stopwordSet = new Set(data.stopwords);
  var hasVowel = function (text) {
    for (var i = 0; i < text.length; i++) {
      if (data.vowels.indexOf(text[i]) !== -1) return true;
    }
    return false;
  };
  var cut = function (form, suffix, after) {
    if (!form.endsWith(suffix)) return null;
    var rest = form.slice(0, form.length - suffix.length);
    if (rest.length >= data.minStem && after.indexOf(rest[rest.length - 1]) !== -1 &&
        hasVowel(rest)) return rest;
    return null;
  };
  var landing = function (form, from) {
    for (var l = from; l < data.layers.length; l++) {
      var layer = data.layers[l];
      for (var s = 0; s < layer.length; s++) {
        var rest = cut(form, layer[s][0], layer[s][1]);
        if (rest !== null && protectedStems.has(rest)) return rest;
      }
    }
    return null;
  };
  this.strip = function (word) {
    var form = word.toLowerCase();
    for (var l = 0; l < data.layers.length; l++) {
      if (protectedStems.has(form)) break;
      var land = landing(form, l);
      if (land !== null) {
        form = land;
        break;
      }
      var layer = data.layers[l];
      for (var s = 0; s < layer.length; s++) {
        var rest = cut(form, layer[s][0], layer[s][1]);
        if (rest !== null) {
          form = rest;
          break;
        }
      }
    }
    var last = form.slice(-1);
    if (!protectedStems.has(form) && last &&
        Object.prototype.hasOwnProperty.call(data.finalConsonants, last)) {
      form = form.slice(0, -1) + data.finalConsonants[last];
    }
    return form;
  };
  this.stemWord = function (word) {
    var lower = word.toLowerCase();
    if (stopwordSet.has(lower)) return lower;
    var stemmed = this.strip(lower);
    return stopwordSet.has(stemmed) ? lower : stemmed;
  };
};
