"""Order the items of a question for display, the same way in every rendering."""

from __future__ import annotations

import random

__all__ = ["display_order"]


def display_order(items: list[str], seed: str) -> list[str]:
    """Shuffle ``items`` deterministically by ``seed``, never leaving them in order.

    Examples
    --------
    >>> display_order(["a", "b", "c"], "l01-q05") != ["a", "b", "c"]
    True
    >>> display_order(["a", "b", "c"], "l01-q05") == display_order(["a", "b", "c"], "l01-q05")
    True
    """
    out = list(items)
    random.Random(seed).shuffle(out)
    if out == items and len(out) > 1:
        out = out[1:] + out[:1]
    return out
