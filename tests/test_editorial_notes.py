"""One editorial-note policy in every lecture.

* A lecture that cites any pre-2021 document (000, 001, 002, 004) has exactly one
  ``Содан бері не өзгерді`` note; a lecture that cites only 003 has at most one.
* That note is ``:class: note``, opens with «2026 жылғы жағдай бойынша», lists the later
  events as bullets, and every bullet ends with «(Дереккөз: …)».
* A ``Редакциялық ескертпе`` is ``:class: caution``.

"Cites" means the lecture's ``sources`` in ``lectures.yaml`` or a ``000:12``-style
reference in its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ca_course import data

from lecture_text import EDITORIAL_TITLE, ROOT, SINCE_TITLE, markdown

PRE_2021 = {"000", "001", "002", "004"}
KNOWLEDGE_DATE = "2026 жылғы жағдай бойынша"
SOURCE_MARK = "(Дереккөз:"
ADMONITION = re.compile(r"^(?P<fence>```+|:::+)\{admonition\}[ \t]*(?P<title>[^\n]*)\n"
                        r"(?P<body>.*?)^(?P=fence)[ \t]*$", re.S | re.M)
CITATION = re.compile(r"\b(00[0-4]):\d+")


@dataclass(frozen=True)
class Admonition:
    """One admonition: its title, its ``:option:`` lines and its body text."""

    title: str
    options: dict[str, str]
    body: str


def admonitions(text: str) -> list[Admonition]:
    """Return the admonitions of a lecture's markdown, in order."""
    found = []
    for match in ADMONITION.finditer(text):
        lines = match.group("body").splitlines()
        options = {}
        while lines and re.match(r"^:[a-z-]+:", lines[0]):
            key, _, value = lines.pop(0)[1:].partition(":")
            options[key] = value.strip()
        found.append(Admonition(match.group("title").strip(), options,
                                "\n".join(lines).strip()))
    return found


def bullets(body: str) -> list[str]:
    """Return the bullet items of a note body, each joined into one line."""
    items: list[str] = []
    for line in body.splitlines():
        if re.match(r"^\s*[-*+]\s+", line):
            items.append(re.sub(r"^\s*[-*+]\s+", "", line).strip())
        elif items and line.strip() and line.startswith((" ", "\t")):
            items[-1] += " " + line.strip()
        elif items and line.strip():
            items.append("")  # prose after the list: not a bullet, ends the list
            break
    return [i for i in items if i]


def ends_with_source(item: str) -> bool:
    """Return whether a bullet ends with a non-empty «(Дереккөз: …)» in balanced brackets.

    >>> ends_with_source("Ош оқиғалары (Дереккөз: БҰҰ есебі (2011), 2011 жылғы мамыр).")
    True
    >>> ends_with_source("Ош оқиғалары (Дереккөз: )")
    False
    >>> ends_with_source("Ош оқиғалары (Дереккөз: БҰҰ есебі) туралы")
    False
    """
    start = item.rfind(SOURCE_MARK)
    if start < 0:
        return False
    tail = item[start:].rstrip().rstrip(".;")
    depth = 0
    for position, char in enumerate(tail):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return position == len(tail) - 1 and bool(tail[len(SOURCE_MARK):-1].strip())
    return False


def note_problems(text: str, cites_pre_2021: bool) -> list[str]:
    """Return what breaks the policy in one lecture's markdown (empty when it holds)."""
    problems = []
    notes = admonitions(text)
    since = [n for n in notes if n.title == SINCE_TITLE]
    near = [n.title for n in notes if n.title != SINCE_TITLE
            and n.title.lower().startswith("содан бері")]
    if near:
        problems.append(f"note titled {near} instead of exactly «{SINCE_TITLE}»")
    if cites_pre_2021 and len(since) != 1:
        problems.append(f"cites a pre-2021 source but has {len(since)} «{SINCE_TITLE}» "
                        "notes instead of exactly one")
    if not cites_pre_2021 and len(since) > 1:
        problems.append(f"has {len(since)} «{SINCE_TITLE}» notes; at most one")
    for note in since:
        if note.options.get("class") != "note":
            problems.append(f"«{SINCE_TITLE}» has :class: {note.options.get('class')!r}, "
                            "not note")
        if not note.body.startswith(KNOWLEDGE_DATE):
            problems.append(f"«{SINCE_TITLE}» does not open with «{KNOWLEDGE_DATE}»: "
                            f"{note.body[:60]!r}")
        items = bullets(note.body)
        if not items:
            problems.append(f"«{SINCE_TITLE}» lists no events as bullets")
        problems += [f"bullet does not end with «(Дереккөз: …)»: {item[:70]!r}"
                     for item in items if not ends_with_source(item)]
    for note in notes:
        if note.title == EDITORIAL_TITLE and note.options.get("class") != "caution":
            problems.append(f"«{EDITORIAL_TITLE}» has :class: "
                            f"{note.options.get('class')!r}, not caution")
    return problems


def lecture_problems() -> dict[str, list[str]]:
    """Return the policy problems of every written lecture, by lecture id."""
    out = {}
    for lecture in data.lectures():
        path = ROOT / lecture.file
        if not path.exists():
            continue
        text = markdown(Path(path))
        docs = {ref.doc for ref in lecture.sources} | set(CITATION.findall(text))
        problems = note_problems(text, bool(docs & PRE_2021))
        if problems:
            out[lecture.id] = problems
    return out


GOOD = f"""Мәтін.

```{{admonition}} {SINCE_TITLE}
:class: note

{KNOWLEDGE_DATE} негізгі оқиғалар:

- 2010 жылғы маусымда Ошта қақтығыс болды (Дереккөз: Қырғызстандағы оқиғаларды
  тексерген халықаралық комиссияның есебі (2011), 2011 жылғы мамыр).
- Шекара туралы шартқа қол қойылды (Дереккөз: Қырғызстан мен Тәжікстан арасындағы
  мемлекеттік шекара туралы шарт, 2025 жылғы 13 наурыз).
```

```{{admonition}} {EDITORIAL_TITLE}
:class: caution

Дереккөз басқаша жазады.
```
"""


def test_a_note_that_follows_the_policy_passes() -> None:
    assert note_problems(GOOD, cites_pre_2021=True) == []
    assert [len(bullets(n.body)) for n in admonitions(GOOD)] == [2, 0]


def test_each_breach_of_the_policy_is_reported() -> None:
    assert note_problems("Мәтін.", cites_pre_2021=False) == []
    assert "exactly one" in note_problems("Мәтін.", cites_pre_2021=True)[0]
    assert "at most one" in note_problems(GOOD + GOOD, cites_pre_2021=False)[0]
    breaches = {
        ":class: note": ":class: tip",
        f"{KNOWLEDGE_DATE} негізгі": "Кейінгі негізгі",
        "2025 жылғы 13 наурыз).": "2025 жылғы 13 наурыз)",  # still fine: no problem
        "есебі (2011), 2011 жылғы мамыр).": "есебі (2011), 2011 жылғы мамыр) болды.",
        ":class: caution": ":class: note",
        f"{{admonition}} {SINCE_TITLE}\n": f"{{admonition}} {SINCE_TITLE}?\n",
    }
    for old, new in breaches.items():
        found = note_problems(GOOD.replace(old, new), cites_pre_2021=True)
        assert (found == []) == (old == "2025 жылғы 13 наурыз)."), (old, found)


def test_every_lecture_follows_the_editorial_note_policy() -> None:
    """Lists every lecture that breaks the policy (all of them, not the first one)."""
    problems = lecture_problems()
    assert not problems, "\n".join(f"{lid}: {p}" for lid, ps in sorted(problems.items())
                                   for p in ps)
