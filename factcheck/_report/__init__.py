"""The consistency report: one data structure (:func:`build_report`), four renderers."""

from __future__ import annotations

from collections.abc import Callable

import pendulum

from .._giveback import collection_paused
from .._model import Casebook
from ._data import SCHEMA_VERSION, Report, build_report

__all__ = ["FORMATS", "SCHEMA_VERSION", "Report", "build_report", "render_report"]


def _renderers() -> dict[str, Callable[[Report], str]]:
    from ._html import render_html
    from ._json import render_json
    from ._markdown import render_markdown
    from ._text import render_text

    return {"text": render_text, "markdown": render_markdown, "html": render_html,
            "json": render_json}


#: The report's formats, as ``--format`` names them.
FORMATS = ("text", "markdown", "html", "json")


def render_report(
    casebook: Casebook,
    as_of: object,
    *,
    since: object | None = None,
    tz: str | None = None,
    fmt: str = "text",
    generated: pendulum.DateTime | None = None,
    width: int | None = None,
    on_progress: Callable[[float, int], None] | None = None,
) -> str:
    """The consistency report of ``casebook`` as of ``as_of``, as text, Markdown, HTML or JSON.

    ``since`` bounds the "what changed" section to (since, as_of] (default: every change up to
    ``as_of``). ``tz`` reads as-of times without a zone and shows every time (default: the
    casebook's zone). The same casebook and arguments always give the same string; ``generated``,
    when given, adds a generation time to the header. ``width`` wraps the text report to that many
    terminal columns (default: 100, so that a file reads the same wherever it was written).
    ``on_progress(done, total)``, when given, is told how far the report has come: the steps of
    :func:`build_report`, then the rendering, one step more.

    >>> import factcheck
    >>> casebook = factcheck.load("tests/data/mini")                            # doctest: +SKIP
    >>> print(factcheck.render_report(casebook, "2023-11-22", fmt="markdown"))  # doctest: +SKIP
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}: expected one of {', '.join(FORMATS)}")
    steps = 3 * len(casebook.claim_by_id) + 3
    told = None if on_progress is None else (lambda done, _: on_progress(done, steps))
    # A report of a bulk casebook makes millions of objects that stay until it is written: the
    # cyclic collector, walking them again and again, made it grow faster than the casebook.
    with collection_paused():
        report = build_report(casebook, as_of, since=since, tz=tz, generated=generated,
                              on_progress=told)
        if fmt == "text" and width is not None:
            from ._text import render_text

            text = render_text(report, max(width, 40))
        else:
            text = _renderers()[fmt](report)
    if on_progress is not None:
        on_progress(steps, steps)
    return text
