"""Carry answer values out of a student's kernel as plain data.

After the student's cells ran, :func:`extraction_cell` returns the source of one
more cell. It encodes each answer variable as JSON (DataFrames, Series through
``to_json(orient="split")``; numbers, strings, bools, lists as themselves; anything
else by its type name only), then writes the result to a file with a random name.
The grader reads that file with :func:`read_answers`, then rebuilds each value with
:func:`decode_answer` in its own process: the kernel never hands the grader a Python
object, only data, which is judged, never trusted. Before any JSON text from the kernel
is parsed, its size and nesting depth are checked (:func:`check_json_shape`); only
plain JSON values are rebuilt, and columns are cast only to the dtypes in
:data:`SAFE_DTYPES`, so nothing in a submission decides what code the grader runs.
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

__all__ = ["MAX_ANSWER_BYTES", "MAX_JSON_DEPTH", "SAFE_DTYPES", "Answer", "check_json_shape",
           "decode_answer", "extraction_cell", "read_answers"]

MAX_ANSWER_BYTES = 5 * 2**20
"""An answer whose JSON is bigger than this is reported as too large."""
MAX_JSON_DEPTH = 32
"""Deeper JSON from the kernel is refused before it is parsed (an honest answer needs 6)."""
SAFE_DTYPES = frozenset(
    [f"{sign}int{bits}" for sign in ("", "u") for bits in (8, 16, 32, 64)]
    + [f"{sign}Int{bits}" for sign in ("", "U") for bits in (8, 16, 32, 64)]
    + ["float16", "float32", "float64", "Float32", "Float64", "bool", "boolean", "string",
       "str", "category"])
"""The only dtypes a rebuilt column or Series is cast to; any other stays as parsed."""


def check_json_shape(text: str, *, max_bytes: int, max_depth: int = MAX_JSON_DEPTH) -> None:
    """Raise ValueError when JSON ``text`` is longer or nested deeper than allowed.

    One pass over the text, outside strings, counting brackets: no recursion, whatever
    the input.

    Examples
    --------
    >>> check_json_shape('{"a": [1, "[[["]}', max_bytes=100)
    >>> check_json_shape("[" * 100 + "]" * 100, max_bytes=1000)
    Traceback (most recent call last):
    ...
    ValueError: JSON nested deeper than 32 levels
    """
    if len(text) > max_bytes:
        raise ValueError(f"JSON has {len(text)} characters, more than {max_bytes}")
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > max_depth:
                raise ValueError(f"JSON nested deeper than {max_depth} levels")
        elif ch in "]}":
            depth -= 1

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
    text = path.read_text(encoding="utf-8")
    check_json_shape(text, max_bytes=max_bytes)
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("answers file does not hold a JSON object")
    return data


def _foreign(type_name: str) -> object:
    """Return a placeholder whose type is named like the student's value's type."""
    name = type_name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,60}", type_name) else "object"
    return type(name, (), {"__repr__": lambda self: f"<{name}>"})()


def _split(payload: Mapping[str, Any]) -> dict[str, Any]:
    text = payload["split"]
    if not isinstance(text, str):
        raise TypeError("split is not a JSON string")
    check_json_shape(text, max_bytes=MAX_ANSWER_BYTES)
    split = json.loads(text)
    if not isinstance(split, dict) or not isinstance(split.get("data"), list):
        raise TypeError("split is not a pandas 'split' object")
    return split


def _labels(values: object) -> list[Any]:
    if not isinstance(values, list) or any(isinstance(v, dict | list) for v in values):
        raise TypeError("labels must be a flat list of plain values")
    return values


def _cast(values: pd.Series, dtype: object) -> pd.Series:
    name = str(dtype)
    if name not in SAFE_DTYPES:
        return values
    with contextlib.suppress(TypeError, ValueError, OverflowError):
        return values.astype(name)
    return values


def _frame(payload: Mapping[str, Any]) -> pd.DataFrame:
    split = _split(payload)
    frame = pd.DataFrame(split["data"], columns=_labels(split.get("columns", [])),
                         index=_labels(split.get("index", [])))
    dtypes = payload.get("dtypes", [])
    for position, dtype in enumerate(dtypes if isinstance(dtypes, list) else []):
        if position < frame.shape[1]:
            frame.isetitem(position, _cast(frame.iloc[:, position], dtype))
    return frame


def _series(payload: Mapping[str, Any]) -> pd.Series:
    split = _split(payload)
    name = split.get("name")
    series = pd.Series(split["data"], index=_labels(split.get("index", [])),
                       name=name if isinstance(name, str | int | float | None) else str(name),
                       dtype=object if not split["data"] else None)
    return _cast(series, payload.get("dtype", "object"))


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
    except Exception as err:  # any payload the rebuild cannot take
        return Answer("unreadable", detail=f"{type(err).__name__}: {err}"[:300])
