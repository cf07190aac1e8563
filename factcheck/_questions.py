"""How a casebook answers questions: its resolver and its findings.

This room sits above both the domain model and what answers it (the resolution, the checks and the
notebook view), so that the model imports none of them: importing factcheck registers it with the
model.
"""

from __future__ import annotations

from ._asof import parse_as_of
from ._checks import check
from ._facts import FactAnswer, facts
from ._findings import Finding
from ._model import Casebook, answer_with
from ._notebook import casebook_html
from ._resolution import Resolver

__all__ = ["Questions"]


class Questions:
    """What ``Casebook.resolver()`` and ``Casebook.findings()`` call."""

    def resolver(self, casebook: Casebook) -> Resolver:
        """Every claim's timeline, built now (the casebook keeps it)."""
        return Resolver(casebook)

    def findings(self, casebook: Casebook, as_of: object | None, tz: str | None,
                 tolerance: float | None = None) -> list[Finding]:
        """The casebook's consistency findings, most serious first."""
        instant = parse_as_of(as_of, tz, casebook.zone) if as_of is not None else None
        return check(casebook, instant, tolerance=tolerance)

    def facts(self, casebook: Casebook, subject: str, prop: str, valid_at: object,
              as_of: object, tz: str | None, tolerance: float | None = None) -> FactAnswer:
        """A property's value at a valid time, as known at ``as_of`` (``factcheck._facts``)."""
        return facts(casebook, subject, prop, valid_at, as_of, tz, tolerance)

    def html(self, casebook: Casebook) -> str:
        """A notebook's HTML view: a summary of the casebook."""
        return casebook_html(casebook)


answer_with(Questions())
