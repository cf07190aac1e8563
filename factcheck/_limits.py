"""Limits on what a parsed file may hold: how deep values nest, how big a number is, and text that
cannot be written back (a lone surrogate from JSON). Stated in docs/format.md, "Limits".

Files come from anywhere, so a casebook is checked against these before anything else reads it:
nothing deeper or bigger reaches the model, the engine's 64-bit columns, the reports or the saver.
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["MAX_DEPTH", "MAX_INT", "MIN_INT", "TOO_DEEP", "beyond_limits", "key_path", "too_large"]

#: Tables and arrays within each other; a casebook needs about five.
MAX_DEPTH: Final = 32
#: Whole numbers are held in 64 bits.
MIN_INT: Final = -(2**63)
MAX_INT: Final = 2**63 - 1

TOO_DEEP: Final = (
    f"values are nested more than {MAX_DEPTH} levels deep (tables and arrays within each other): "
    "a casebook needs only a few"
)


def key_path(parts: tuple[str | int, ...]) -> str:
    """``("claims", 3, "valid")`` as ``claims[3].valid``."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def too_large(digits: int) -> str:
    """What is wrong with a whole number of ``digits`` digits that does not fit in 64 bits."""
    return (f"expected a whole number that fits in 64 bits (from {MIN_INT} to {MAX_INT}), got one "
            f"of {digits} digits")


def beyond_limits(value: Any, *, text: bool = True) -> list[tuple[str, str, str]]:
    """(key path, finding code, what is wrong) for each place in ``value`` past a limit; empty
    when within. The code is ``too-deep`` or ``invalid-value``.

    ``text=False`` skips the check of strings (a TOML parser never gives a lone surrogate). Walks
    with a stack of its own, never by recursion, so a deep value cannot exhaust Python's; only
    containers go on the stack, and a key path is spelt out only for a problem.
    """
    if not isinstance(value, dict | list):
        return []
    found: list[tuple[Trail, str]] = []
    stack: list[tuple[Any, int, Trail]] = [(value, 0, None)]
    while stack:
        item, depth, trail = stack.pop()
        if depth >= MAX_DEPTH:
            found.append((trail, TOO_DEEP))
            continue
        pairs = item.items() if isinstance(item, dict) else enumerate(item)
        for key, child in pairs:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1, (key, trail)))
            elif isinstance(child, str):
                if text and not _encodable(child):
                    found.append(((key, trail), f"the text {_shown(child)} {_SURROGATE}"))
            elif isinstance(child, int) and not MIN_INT <= child <= MAX_INT:
                found.append(((key, trail), too_large(len(str(abs(child))))))
            if text and isinstance(key, str) and not _encodable(key):
                found.append((trail, f"the key {_shown(key)} {_SURROGATE}"))
    return sorted((key_path(_parts(trail)), "too-deep" if message == TOO_DEEP else "invalid-value",
                   message) for trail, message in found)


#: A key path held backwards, one link per level: (key, the parent's trail), or None at the top.
Trail = tuple[str | int, Any] | None


def _parts(trail: Trail) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    while trail is not None:
        key, trail = trail
        parts.append(key)
    return tuple(reversed(parts))


_SURROGATE = (
    "holds a lone surrogate (an escape such as \\ud800 without its pair), which is not a "
    "character and cannot be written as UTF-8: write the character itself, or a complete pair"
)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(text: str) -> str:
    shown = text if len(text) <= 40 else text[:40] + "…"
    return ascii(shown)
