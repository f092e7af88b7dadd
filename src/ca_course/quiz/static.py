"""Render a question bank as self-contained HTML + JavaScript for the static book.

The output needs no kernel, no widget manager and no network: the CSS and
``quiz.js`` are inlined once per quiz, every text is HTML-escaped, and each
question's key travels encoded in a ``data-key`` attribute, so the answers are not
plain text in the page source.
"""

from __future__ import annotations

import base64
import json
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from ca_course import models as m
from ca_course.messages import msg, subset
from ca_course.quiz.layout import display_order
from ca_course.text import letters

__all__ = ["answer_key", "decode_key", "encode_key", "render_bank"]


@cache
def _asset(name: str) -> str:
    return (resources.files("ca_course") / "assets" / name).read_text(encoding="utf-8")


def answer_key(question: m.QuestionBase) -> Any:
    """Return the answer in the shape the JavaScript scorer expects."""
    match question:
        case m.SingleChoice():
            return question.answer
        case m.MultipleChoice():
            return list(question.answers)
        case m.TrueFalse():
            return question.answer
        case m.Numeric():
            return [question.answer, question.tolerance]
        case m.ShortText():
            return list(question.answers)
        case m.Matching():
            return {p.left: p.right for p in question.pairs}
        case m.Ordering():
            return list(question.items)
    raise TypeError(f"unknown question type: {type(question).__name__}")


def _xor(data: bytes, key: bytes) -> bytes:
    return bytes(b ^ key[i % len(key)] for i, b in enumerate(data))


def encode_key(question: m.QuestionBase) -> str:
    """Encode the answer, explanation and source of ``question`` for ``data-key``.

    Examples
    --------
    >>> q = m.TrueFalse(id="l01-q01", type="truefalse", prompt="?", answer=True,
    ...                 explanation="Иә.", source={"doc": "000", "lines": [1, 1]})
    >>> decode_key(encode_key(q), q.id)["a"]
    True
    """
    payload = {"a": answer_key(question), "x": question.explanation,
               "s": question.source.label()}
    raw = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return base64.b64encode(_xor(raw, question.id.encode("utf-8"))).decode("ascii")


def decode_key(encoded: str, question_id: str) -> dict[str, Any]:
    """Decode a ``data-key`` attribute (the inverse of :func:`encode_key`)."""
    raw = _xor(base64.b64decode(encoded), question_id.encode("utf-8"))
    return json.loads(raw.decode("utf-8"))



def _options_html(q: m.SingleChoice | m.MultipleChoice) -> str:
    kind = "radio" if isinstance(q, m.SingleChoice) else "checkbox"
    return "".join(
        f'<label><input type="{kind}" name="{escape(q.id)}" value="{escape(o.id)}">'
        f"<span>{escape(o.text)}</span></label>" for o in q.options)


def _body(q: m.QuestionBase) -> str:
    match q:
        case m.SingleChoice() | m.MultipleChoice():
            return _options_html(q)
        case m.TrueFalse():
            return "".join(
                f'<label><input type="radio" name="{escape(q.id)}" value="{value}">'
                f"<span>{escape(msg(label))}</span></label>"
                for value, label in (("true", "quiz.true"), ("false", "quiz.false")))
        case m.Numeric():
            unit = (f'<span class="caq-unit">{escape(msg("quiz.unit", unit=q.unit))}</span>'
                    if q.unit else "")
            return (f'<label><input type="text" inputmode="decimal" autocomplete="off" '
                    f'aria-label="{escape(msg("quiz.answer_label"))}">{unit}</label>')
        case m.ShortText():
            return (f'<label><input type="text" autocomplete="off" spellcheck="false" '
                    f'aria-label="{escape(msg("quiz.answer_label"))}"></label>')
        case m.Matching():
            rights = display_order([p.right for p in q.pairs], q.id)
            options = "".join(f'<option value="{escape(r)}">{escape(r)}</option>' for r in rights)
            placeholder = f'<option value="">{escape(msg("quiz.placeholder"))}</option>'
            choices = (f'<p class="caq-choices">{escape(msg("quiz.choices"))}: '
                       f'{escape("; ".join(rights))}</p>')
            return choices + "".join(
                f'<div class="caq-row"><span id="{escape(q.id)}-l{i}">{escape(p.left)}</span>'
                f'<select data-left="{escape(p.left)}" aria-labelledby="{escape(q.id)}-l{i}">'
                f"{placeholder}{options}</select></div>" for i, p in enumerate(q.pairs))
        case m.Ordering():
            shown = display_order(list(q.items), q.id)
            positions = "".join(
                f'<option value="{n}">{escape(msg("quiz.position", n=n))}</option>'
                for n in range(1, len(shown) + 1))
            placeholder = f'<option value="">{escape(msg("quiz.placeholder"))}</option>'
            return "".join(
                f'<div class="caq-row"><span id="{escape(q.id)}-i{i}">{escape(item)}</span>'
                f'<select data-item="{escape(item)}" aria-labelledby="{escape(q.id)}-i{i}">'
                f"{placeholder}{positions}</select></div>" for i, item in enumerate(shown))
    raise TypeError(f"unknown question type: {type(q).__name__}")


def _question_html(number: int, q: m.QuestionBase) -> str:
    kind = escape(msg(f"quiz.type.{q.type}"))  # type: ignore[attr-defined]
    return (
        f'<fieldset class="caq-q" id="{escape(q.id)}" data-qid="{escape(q.id)}" '
        f'data-type="{q.type}" data-key="{encode_key(q)}">'  # type: ignore[attr-defined]
        f"<legend>{number}. {escape(q.prompt)}<span class=\"caq-kind\">{kind}</span></legend>"
        f"{_body(q)}"
        f'<button type="button" class="caq-check">{escape(msg("quiz.check"))}</button>'
        f'<div class="caq-feedback" role="status" aria-live="polite"></div></fieldset>')


def _json_for_script(value: object) -> str:
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def render_bank(bank: m.QuizBank, *, untrusted_note: bool = False) -> str:
    """Return the self-contained HTML of a whole question bank.

    With ``untrusted_note``, a line (removed by the quiz's own script) tells a reader whose
    viewer did not run the script, such as JupyterLab showing an untrusted notebook, to run
    the cell.
    """
    # The script needs the quiz's messages, not the columns of Quiz.results() or the note.
    messages = {k: v for k, v in subset(["quiz."]).items()
                if not k.startswith(("quiz.col.", "quiz.run_cell"))}
    config = {"messages": messages, "letters": letters().as_json()}
    root_id = f"caq-{bank.lecture}"
    questions = "".join(_question_html(i, q) for i, q in enumerate(bank.questions, start=1))
    title = escape(msg("quiz.title", n=len(bank.questions)))
    note = (f'<p class="caq-untrusted"><b>{escape(msg("quiz.run_cell"))}</b></p>'
            if untrusted_note else "")
    remove_note = (f"\ndocument.getElementById(\"{root_id}\").querySelectorAll("
                   "'.caq-untrusted').forEach(function (e) { e.remove(); });"
                   if untrusted_note else "")
    return (
        f'<div class="caq" id="{root_id}" lang="kk">'
        f"<style>{_asset('quiz.css')}</style>"
        f'<div class="caq-head"><h4>{title}</h4>'
        f'<div class="caq-score" aria-live="polite"></div></div>'
        f"{note}{questions}"
        f'<script type="application/json" class="caq-config">{_json_for_script(config)}</script>'
        f"<script>{_asset('quiz.js')}\nwindow.caQuiz.init(document.getElementById("
        f'"{root_id}"));{remove_note}</script></div>')
