"""Neutralise spreadsheet formulas in every CSV the package writes.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read
as a formula by Excel, LibreOffice and Google Sheets (CSV injection). :func:`safe_cell`
prefixes such text with an apostrophe, the convention those programs show as a
plain-text marker; numbers are left as numbers. :func:`safe_frame` applies it to the
text cells and the column names of a DataFrame before ``to_csv``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["FORMULA_STARTS", "safe_cell", "safe_frame"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Return ``value`` with a leading apostrophe when it is text a spreadsheet would run.

    Examples
    --------
    >>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("-1+2"), safe_cell("@SUM(A1)")
    ('\\'=HYPERLINK("http://x")', "'-1+2", "'@SUM(A1)")
    >>> safe_cell("Әлия"), safe_cell(-3), safe_cell(2.5), safe_cell(None)
    ('Әлия', -3, 2.5, None)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` whose text cells and column names are formula-safe.

    Examples
    --------
    >>> out = safe_frame(pd.DataFrame({"student": ["=1+1", "ok"], "total": [-1, 2]}))
    >>> out["student"].tolist(), out["total"].tolist()
    (["'=1+1", 'ok'], [-1, 2])
    """
    out = frame.copy()
    out.columns = [safe_cell(str(c)) for c in out.columns]
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(safe_cell)
    return out
