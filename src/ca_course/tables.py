"""Render records as accessible HTML tables with Kazakh headers."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

__all__ = ["HtmlTable"]


class HtmlTable:
    """A small table that displays itself as HTML in Jupyter and in the book.

    Examples
    --------
    >>> t = HtmlTable(["Термин"], [["анклав"]], caption="Негізгі ұғымдар")
    >>> "<th scope=\\"col\\">Термин</th>" in t._repr_html_()
    True
    >>> "<td>&lt;b&gt;</td>" in HtmlTable(["x"], [["<b>"]])._repr_html_()
    True
    """

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[object]], *,
                 caption: str | None = None, css_class: str = "ca-table",
                 row_ids: Sequence[str] | None = None) -> None:
        self.headers = list(headers)
        self.rows = [list(r) for r in rows]
        self.caption = caption
        self.css_class = css_class
        self.row_ids = list(row_ids) if row_ids is not None else None

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return f"<HtmlTable {len(self.rows)} rows: {', '.join(self.headers)}>"

    def _repr_html_(self) -> str:
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in self.headers)
        body = []
        for index, row in enumerate(self.rows):
            rid = f' id="{escape(self.row_ids[index])}"' if self.row_ids else ""
            cells = "".join(f"<td>{escape('' if v is None else str(v))}</td>" for v in row)
            body.append(f"<tr{rid}>{cells}</tr>")
        caption = f"<caption>{escape(self.caption)}</caption>" if self.caption else ""
        return (f'<div class="{self.css_class}-wrap" style="overflow-x:auto">'
                f'<table class="{self.css_class} table" style="font-size:.9rem">{caption}'
                f"<thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(body)}</tbody></table></div>")
