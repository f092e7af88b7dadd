"""Show organizations and their member states from the data."""

from __future__ import annotations

from ca_course import data
from ca_course import models as m
from ca_course.messages import msg
from ca_course.render import display_helper
from ca_course.tables import HtmlTable

__all__ = ["members_text", "table"]


def members_text(org: m.Organization) -> str:
    """Return the members as the sources state them, e.g. ``Өзбекстан (…–2012)``.

    Examples
    --------
    >>> ref = {"doc": "003", "lines": [208, 208]}
    >>> org = m.Organization(id="org-x", name={"kk": "Ұйым"}, description="…", source=ref,
    ...                      members=[{"country": "UZB", "left": 2012, "source": ref}])
    >>> members_text(org)
    'Өзбекстан (…–2012)'
    """
    names = {c.id: c.name.kk for c in data.countries()}
    parts = []
    for ms in org.members:
        years = ""
        if ms.joined or ms.left:
            years = f"{ms.joined or '…'}–{ms.left or ''}"
        role = "" if ms.role == "member" else msg(f"map.{ms.role}")
        detail = ", ".join(x for x in (years, role) if x)
        parts.append(f"{names.get(ms.country, ms.country)}" + (f" ({detail})" if detail else ""))
    return "; ".join(parts)


@display_helper
def table() -> HtmlTable:
    """Return every organization: abbreviation, name, founding year, members, source."""
    headers = [msg("table.org"), msg("table.title"), msg("table.founded"),
               msg("table.members"), msg("table.source"), msg("table.note")]
    rows = [[o.abbr or "", o.name.kk, o.founded or "", members_text(o), o.source.label(),
             o.note or ""] for o in data.organizations()]
    return HtmlTable(headers, rows, row_ids=[o.id for o in data.organizations()])
