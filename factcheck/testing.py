"""Assertion helpers for your tests: failures show the resolution, its reasons and the timeline.

Use them with the ``casebook`` fixture of the pytest plugin (or any casebook you load yourself)::

    from factcheck.testing import assert_status

    def test_return_confirmed_in_seoul(casebook):
        assert_status(casebook, "altman-returns-as-ceo", "confirmed", as_of="2023-11-22",
                      tz="Asia/Seoul")

Each helper raises :class:`AssertionError` with a message a desk can read: what was expected,
what the casebook says, why, and the claim's timeline. They need no pytest, but under pytest
their own frames are hidden from tracebacks, so a failure points at your line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pendulum
from tabulate import tabulate

from ._findings import Finding, Severity
from ._model import Casebook
from ._resolution import Resolution, Status, Timeline
from ._when import format_instant

__all__ = ["assert_no_findings", "assert_origins", "assert_status", "assert_timeline"]


def assert_status(
    casebook: Casebook,
    claim_id: str,
    status: str | Iterable[str],
    *,
    as_of: object,
    tz: str | None = None,
) -> Resolution:
    """Assert the claim's status as of ``as_of``; ``status`` may be several, any of which passes.

    ``as_of`` and ``tz`` are read as by :meth:`Casebook.status`: a date alone means the end of that
    day in ``tz`` (default: the casebook's zone). Returns the resolution, for further checks.
    """
    __tracebackhide__ = True
    expected = _statuses(status)
    resolution = casebook.status(claim_id, as_of, tz=tz)
    if resolution.status not in expected:
        raise AssertionError(
            _failure_report(
                casebook,
                resolution,
                [(" or ".join(expected), resolution.status.value)],
            )
        )
    return resolution


def assert_timeline(
    casebook: Casebook,
    claim_id: str,
    expected: Sequence[str],
    *,
    tz: str | None = None,
) -> Timeline:
    """Assert the sequence of statuses the claim passes through, from the start, in order.

    ``tz`` only changes how times are shown in a failure. Returns the timeline.
    """
    __tracebackhide__ = True
    wanted = [_one_status(s) for s in expected]
    timeline = casebook.timeline(claim_id, tz)
    actual = timeline.statuses()
    if wanted != actual:
        zone = tz or casebook.zone
        lines = [
            f"{claim_id} passes through {_path(actual)}, expected {_path(wanted)}",
            "",
            *_timeline_table(timeline, zone),
        ]
        raise AssertionError("\n".join(lines))
    return timeline


def assert_origins(
    casebook: Casebook,
    claim_id: str,
    at_least: int,
    *,
    as_of: object,
    tz: str | None = None,
) -> Resolution:
    """Assert that the claim rests on at least ``at_least`` independent origins as of ``as_of``.

    Origins are counted as corroboration counts them: distinct outlets an excerpt's information
    comes from, not excerpts or relays. Returns the resolution.
    """
    __tracebackhide__ = True
    resolution = casebook.status(claim_id, as_of, tz=tz)
    if len(resolution.origins) < at_least:
        raise AssertionError(
            _failure_report(
                casebook,
                resolution,
                [(f"at least {at_least} independent origin(s)", _origins_text(resolution))],
            )
        )
    return resolution


def assert_no_findings(
    casebook: Casebook,
    severity: str | Severity = "error",
    *,
    as_of: object | None = None,
    tz: str | None = None,
) -> None:
    """Assert that the casebook has no findings of ``severity`` or more serious.

    ``severity="error"`` (the default) fails on errors only; ``"warning"`` on errors and warnings;
    ``"info"`` on any finding. ``as_of`` decides which predictions are past due, as in
    :meth:`Casebook.findings`.
    """
    __tracebackhide__ = True
    threshold = Severity(severity)
    found = [f for f in casebook.findings(as_of, tz) if f.severity.rank <= threshold.rank]
    if found:
        raise AssertionError(_findings_report(casebook, found, threshold))


# -- reports, shared with the pytest plugin (private: their wording may change) ------------------


def _statuses(status: str | Iterable[str]) -> tuple[Status, ...]:
    """One status or several, as statuses; ``ValueError`` naming the choices for a misspelt one."""
    if isinstance(status, str):
        return (_one_status(status),)
    result = tuple(_one_status(s) for s in status)
    if not result:
        raise ValueError("expected at least one status")
    return result


def _one_status(value: str) -> Status:
    try:
        return Status(value)
    except ValueError:
        choices = " | ".join(s.value for s in Status)
        raise ValueError(f"{value!r} is not a status; expected one of {choices}") from None


def _path(items: Sequence[Status]) -> str:
    return " -> ".join(s.value for s in items) or "(nothing)"


def _origins_text(resolution: Resolution) -> str:
    """``2 (Newsletter, Reuters)``: how many independent origins, and which."""
    names = ", ".join(resolution.origins)
    return f"{len(resolution.origins)} ({names})" if names else "0"


def _failure_report(
    casebook: Casebook | None,
    resolution: Resolution,
    checks: Sequence[tuple[str, str]],
    where: str | None = None,
) -> str:
    """The text of a failed expectation: what was expected, what is, why, and the timeline.

    ``checks`` are (expected, actual) pairs. The first lines carry the essentials (pytest's short
    summary shows the first, and pytest may truncate a long assert explanation); the timeline's
    table comes last. ``where`` names the expectation in its file; ``casebook``, when known, adds
    the claim's timeline.
    """
    zone = resolution.zone
    said = "; ".join(f"expected {expected}, got {actual}" for expected, actual in checks)
    lines = [f"{resolution.claim} as of {format_instant(resolution.as_of, zone)}: {said}"]
    if where:
        lines.append(f"expectation: {where}")
    timeline = casebook.timeline(resolution.claim, zone) if casebook is not None else None
    if timeline is not None:
        lines.append(f"statuses: {_statuses_line(timeline, zone)}")
    lines.append(f"why: {resolution.explain(zone)}")
    if timeline is not None:
        lines += ["", *_timeline_table(timeline, zone, resolution.as_of)]
    return "\n".join(lines)


def _statuses_line(timeline: Timeline, zone: str | None) -> str:
    """``unreported, confirmed from 2023-11-20 16:53 KST, …``: the timeline in one line."""
    return ", ".join(
        step.resolution.status.value
        + (f" from {format_instant(step.since, zone)}" if step.since is not None else "")
        for step in timeline.steps
    )


def _timeline_table(
    timeline: Timeline, zone: str | None, as_of: pendulum.DateTime | None = None
) -> list[str]:
    """The timeline as a table (from, status, why); ``>`` marks the step in force at ``as_of``.

    ``as_of`` is an exact instant (a resolution's); without one, no step is marked.
    """
    current = None
    if as_of is not None:
        for index, step in enumerate(timeline.steps):
            if step.since is None or step.since <= as_of:
                current = index
    rows = []
    for index, step in enumerate(timeline.steps):
        res = step.resolution
        since = format_instant(step.since, zone) if step.since is not None else "(start)"
        rows.append([">" if index == current else "", since, res.status.value, _why(res, zone)])
    table = tabulate(
        rows, headers=["", "from", "status", "why"], tablefmt="simple", disable_numparse=True
    )
    title = f"timeline of {timeline.claim}" + (f" (times in {zone})" if zone else "") + ":"
    return [title, *(f"  {line}" for line in table.splitlines())]


def _why(res: Resolution, zone: str | None) -> str:
    """The explanation without its opening ``status since T``, which the table already shows."""
    text = res.explain(zone)
    when = (
        f"since {format_instant(res.since, zone)}"
        if res.since is not None
        else f"as of {format_instant(res.as_of, zone)}"
    )
    prefix = f"{res.status.value} {when}"
    if text.startswith(prefix):
        return text[len(prefix) :].lstrip(":; ") or text
    return text


def _findings_report(casebook: Casebook, found: Sequence[Finding], severity: Severity) -> str:
    """The text of a failed findings check: how many, and each finding in one line."""
    worse = "" if severity is Severity.ERROR else " or worse"
    lines = [
        f"{len(found)} finding(s) of severity {severity.value}{worse} in the casebook "
        f"{casebook.title!r}:"
    ]
    lines += [f"  {f.line()}" for f in found]
    return "\n".join(lines)
