"""Export question banks for LMSs: Moodle XML, GIFT, and an IMS QTI 1.2 package (Canvas).

* :mod:`ca_course.export.moodle` — Moodle XML, checked against ``moodle_reference.yaml``;
* :mod:`ca_course.export.gift` — Moodle's GIFT text, and a reader for it (tests);
* :mod:`ca_course.export.qti` — a QTI 1.2 zip with ``imsmanifest.xml`` for Canvas;
* :mod:`ca_course.export.common` — escaping, numbers, category names, answer variants.

:func:`write_export` writes any of them to a file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from ca_course import models as m
from ca_course.export.common import DEFAULT_COURSE, category_path, short_answer_variants
from ca_course.export.gift import gift_escape, parse_gift, to_gift
from ca_course.export.moodle import multiple_choice_fractions, to_moodle_xml
from ca_course.export.qti import to_qti_package

__all__ = [
    "DEFAULT_COURSE",
    "EXPORT_FORMATS",
    "ExportFormat",
    "category_path",
    "gift_escape",
    "multiple_choice_fractions",
    "parse_gift",
    "short_answer_variants",
    "to_gift",
    "to_moodle_xml",
    "to_qti_package",
    "write_export",
]

ExportFormat = Literal["moodle-xml", "gift", "qti"]
#: The formats :func:`write_export` knows, in the order the CLI lists them.
EXPORT_FORMATS: tuple[str, ...] = ("moodle-xml", "gift", "qti")


def write_export(banks: Sequence[m.QuizBank], fmt: ExportFormat, out: Path, *,
                 course: str | None = None,
                 lecture_titles: Mapping[str, str] | None = None) -> int:
    """Write the banks to ``out`` in ``fmt`` and return the number of questions.

    Moodle XML and GIFT are UTF-8 text; ``qti`` is a zip package. Category
    pseudo-questions are not counted.

    Raises
    ------
    ValueError
        If ``fmt`` is not one of :data:`EXPORT_FORMATS`, or a question cannot be exported.

    Examples
    --------
    >>> import tempfile
    >>> bank = m.QuizBank(lecture="l01", title="Кіріспе", questions=[m.TrueFalse(
    ...     id="l01-q01", type="truefalse", prompt="?", answer=False, explanation="-",
    ...     source={"doc": "000", "lines": [1, 1]})])
    >>> write_export([bank], "gift", Path(tempfile.mkdtemp()) / "l01.gift.txt")
    1
    >>> write_export([bank], "csv", Path("x.csv"))
    Traceback (most recent call last):
    ...
    ValueError: unknown export format 'csv'; use 'moodle-xml', 'gift' or 'qti'
    """
    options = {"course": course, "lecture_titles": lecture_titles}
    if fmt == "moodle-xml":
        data = to_moodle_xml(banks, **options).encode("utf-8")
    elif fmt == "gift":
        data = to_gift(banks, **options).encode("utf-8")
    elif fmt == "qti":
        data = to_qti_package(banks, **options)
    else:
        raise ValueError(f"unknown export format {fmt!r}; use 'moodle-xml', 'gift' or 'qti'")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return sum(len(b.questions) for b in banks)
