"""Kazakh site search: the stemmer and splitter shared by the index (Python) and the page (JS)."""

from ca_course.search.kazakh import KazakhStemmer, load, render_js, split, stem, stopwords

__all__ = ["KazakhStemmer", "load", "render_js", "split", "stem", "stopwords"]
