"""Carry answer values out of a student's kernel as plain data.

After the student's cells ran, :func:`extraction_cell` returns the source of one
more cell. It encodes each answer variable as JSON (DataFrames, Series through
``to_json(orient="split")``; numbers, strings, bools, lists as themselves; anything
else by its type name only), then writes the result to a file with a random name.
The grader reads that file with :func:`read_answers`, then rebuilds each value with
:func:`decode_answer` in its own process: the kernel never hands the grader a Python
object, only data, which is judged, never trusted.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

__all__ = ["MAX_ANSWER_BYTES", "Answer", "decode_answer", "extraction_cell", "read_answers"]

MAX_ANSWER_BYTES = 5 * 2**20
"""An answer whose JSON is bigger than this is reported as too large."""

# Runs inside the student's kernel, in its own globals: only the standard library, and
# pandas only if the student imported it already. Keep it free of f-string braces.
_KERNEL_SOURCE = r'''
def _ca_encode(value, depth):
    import numbers
    import sys
    pd = sys.modules.get("pandas")
    if value is None or value is Ellipsis:
        return {"kind": "none"}
    if pd is not None and isinstance(value, pd.DataFrame):
        return {"kind": "dataframe",
                "split": value.to_json(orient="split", date_format="iso", default_handler=str),
                "dtypes": [str(t) for t in value.dtypes]}
    if pd is not None and isinstance(value, pd.Series):
        return {"kind": "series",
                "split": value.to_json(orient="split", date_format="iso", default_handler=str),
                "dtype": str(value.dtype)}
    if isinstance(value, bool):
        return {"kind": "bool", "value": bool(value)}
    if isinstance(value, numbers.Integral):
        return {"kind": "integer", "value": int(value)}
    if isinstance(value, numbers.Real):
        return {"kind": "number", "value": float(value)}
    if isinstance(value, str):
        return {"kind": "text", "value": str(value)}
    if isinstance(value, (list, tuple)) and depth < 4:
        return {"kind": "list", "items": [_ca_encode(item, depth + 1) for item in value]}
    return {"kind": "other", "type": type(value).__name__}


def _ca_extract(namespace, names, path, cap):
    import json
    import os
    out = {}
    for name in names:
        if name not in namespace:
            out[name] = {"kind": "undefined"}
            continue
        try:
            encoded = _ca_encode(namespace[name], 0)
            text = json.dumps(encoded)
        except BaseException as err:
            encoded = {"kind": "error", "error": (type(err).__name__ + ": " + str(err))[:300]}
            text = ""
        if len(text) > cap:
            encoded = {"kind": "too_large", "size": len(text)}
        out[name] = encoded
    with open(path + ".part", "w", encoding="utf-8") as handle:
        json.dump(out, handle)
    os.replace(path + ".part", path)
'''

AnswerState = Literal["ok", "undefined", "none", "too_large", "unreadable"]


@dataclass(frozen=True)
class Answer:
    """One decoded answer: its value when ``state == "ok"``, else why there is none."""

    state: AnswerState
    value: Any = None
    detail: str = ""


def extraction_cell(names: Sequence[str], path: Path | str, *,
                    max_answer_bytes: int = MAX_ANSWER_BYTES) -> str:
    """Return the source of the cell that writes the answers ``names`` to ``path``.

    The helpers run in a fresh globals dict, so a student's own names (``json``,
    ``isinstance`` …) defined in the notebook do not change how values are encoded.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "answers.json")
    >>> exec(extraction_cell(["answer1", "answer2"], path), {"answer1": 42})
    >>> read_answers(Path(path), max_bytes=1000)
    {'answer1': {'kind': 'integer', 'value': 42}, 'answer2': {'kind': 'undefined'}}
    """
    call = f"\n_ca_extract(__ca_ns__, {list(names)!r}, {str(path)!r}, {int(max_answer_bytes)})\n"
    return (f"exec(compile({_KERNEL_SOURCE + call!r}, '<ca-grader>', 'exec'), "
            "{'__ca_ns__': globals()})")


def read_answers(path: Path, *, max_bytes: int) -> dict[str, Any]:
    """Read the answers file the extraction cell wrote; raise ValueError if it is unusable."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ValueError(f"answers file has {size} bytes, more than {max_bytes}")
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("answers file does not hold a JSON object")
    return data


def _foreign(type_name: str) -> object:
    """Return a placeholder whose type is named like the student's value's type."""
    name = type_name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,60}", type_name) else "object"
    return type(name, (), {"__repr__": lambda self: f"<{name}>"})()


def _frame(payload: Mapping[str, Any]) -> pd.DataFrame:
    split = json.loads(payload["split"])
    frame = pd.DataFrame(split["data"], columns=split["columns"], index=split["index"])
    for position, dtype in enumerate(payload.get("dtypes", [])):
        if position < frame.shape[1] and not str(dtype).startswith(("object", "datetime")):
            try:
                frame.isetitem(position, frame.iloc[:, position].astype(dtype))
            except (TypeError, ValueError):
                continue
    return frame


def _series(payload: Mapping[str, Any]) -> pd.Series:
    split = json.loads(payload["split"])
    series = pd.Series(split["data"], index=split["index"], name=split.get("name"),
                       dtype=object if not split["data"] else None)
    dtype = str(payload.get("dtype", "object"))
    if not dtype.startswith(("object", "datetime")):
        with contextlib.suppress(TypeError, ValueError):
            series = series.astype(dtype)
    return series


def _value(payload: Mapping[str, Any]) -> Any:
    kind = payload["kind"]
    if kind == "dataframe":
        return _frame(payload)
    if kind == "series":
        return _series(payload)
    if kind == "bool":
        return bool(payload["value"])
    if kind == "integer":
        return int(payload["value"])
    if kind == "number":
        value = payload["value"]
        return float(value) if value is not None else math.nan
    if kind == "text":
        return str(payload["value"])
    if kind == "list":
        return [_value(item) for item in payload["items"]]
    if kind == "none":
        return None
    if kind == "other":
        return _foreign(str(payload.get("type", "object")))
    raise ValueError(f"unknown answer kind {kind!r}")


def decode_answer(payload: object) -> Answer:
    """Rebuild one answer from the plain data the kernel wrote.

    Examples
    --------
    >>> decode_answer({"kind": "integer", "value": 3}).value
    3
    >>> decode_answer({"kind": "none"}).state
    'none'
    >>> frame = decode_answer({"kind": "dataframe", "dtypes": ["str", "int64"],
    ...     "split": '{"columns":["name","area"],"index":[0],"data":[["Арал",68000]]}'}).value
    >>> frame.loc[0, "name"], int(frame.loc[0, "area"])
    ('Арал', 68000)
    >>> type(decode_answer({"kind": "other", "type": "set"}).value).__name__
    'set'
    >>> decode_answer({"kind": "bogus"}).state
    'unreadable'
    """
    if not isinstance(payload, Mapping):
        return Answer("unreadable", detail="answer is not a JSON object")
    kind = payload.get("kind")
    if kind in {"undefined", "none"}:
        return Answer(kind)
    if kind == "too_large":
        return Answer("too_large", detail=str(payload.get("size", "")))
    if kind == "error":
        return Answer("unreadable", detail=str(payload.get("error", ""))[:300])
    try:
        return Answer("ok", _value(payload))
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        return Answer("unreadable", detail=f"{type(err).__name__}: {err}"[:300])
