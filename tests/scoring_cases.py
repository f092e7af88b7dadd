"""Load the golden quiz cases shared by the Python and JavaScript scorers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter

from ca_course import models as m
from ca_course.data import with_spelling_variants

CASES_FILE = Path(__file__).parent / "fixtures" / "scoring_cases.yaml"


def load_cases() -> tuple[dict[str, Any], list[tuple[str, Any, str]]]:
    """Return the questions by id and the (question id, response, verdict) cases.

    Short answers get their spelling variants as the package's quiz banks do.
    """
    raw = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    adapter = TypeAdapter(m.Question)
    questions = {q["id"]: with_spelling_variants(adapter.validate_python(q))
                 for q in raw["questions"]}
    cases = [(qid, response, expected) for qid, response, expected in raw["cases"]]
    return questions, cases
