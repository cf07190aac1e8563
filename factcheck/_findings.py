"""Findings: consistency problems a casebook's checks found, each with severity and location."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

__all__ = ["Finding", "Place", "Severity", "error", "grouped"]


class Severity(enum.Enum):
    """How serious a finding is. ``error`` fails ``factcheck check``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info: sorts the most serious first."""
        return ("error", "warning", "info").index(self.value)


@attrs.frozen
class Place:
    """Where something is: file, key path, and the line and column (from 1) where known."""

    file: str | None = None
    path: str | None = None
    lineno: int | None = None
    colno: int | None = None

    @property
    def location(self) -> str:
        """``claims/openai.toml:12:3: claims[3].valid``, or as much of it as is known."""
        where = self.file
        if where is not None and self.lineno is not None:
            where += f":{self.lineno}" + (f":{self.colno}" if self.colno is not None else "")
        return ": ".join(part for part in (where, self.path) if part)


#: How many of a grouped finding's other places its one-line form names.
SHOWN_PLACES = 3


@attrs.frozen
class Finding:
    """One problem: what (``code``, ``message``), how serious, and where (file, key path, line).

    The same problem in many places is one finding: ``also`` holds every other place, in order.
    """

    severity: Severity
    code: str
    message: str
    file: str | None = None
    path: str | None = None
    lineno: int | None = None
    colno: int | None = None
    also: tuple[Place, ...] = ()

    @property
    def place(self) -> Place:
        """The first (or only) place of this finding."""
        return Place(self.file, self.path, self.lineno, self.colno)

    @property
    def places(self) -> tuple[Place, ...]:
        """Every place of this finding: the first, then ``also``."""
        return (self.place, *self.also)

    @property
    def count(self) -> int:
        """In how many places the problem occurs."""
        return 1 + len(self.also)

    @property
    def location(self) -> str:
        """``claims/openai.toml:12:3: claims[3].valid``, or as much of it as is known."""
        return self.place.location

    def line(self) -> str:
        """The finding in one line, as the command line prints it."""
        where = f"{self.location}: " if self.location else ""
        return f"{self.severity.value}: {where}{self.message} [{self.code}]{self.more()}"

    def more(self) -> str:
        """`` (531 places; also A, B, C and 527 more)`` for a grouped finding, else nothing."""
        if not self.also:
            return ""
        shown = [p.location or "(no place)" for p in self.also[:SHOWN_PLACES]]
        rest = len(self.also) - len(shown)
        listed = ", ".join(shown) + (f" and {rest} more" if rest else "")
        return f" ({self.count} places; also {listed})"

    def sort_key(self) -> tuple[int, str, str, str, str]:
        """Most serious first, then by place, so output never depends on discovery order."""
        return (self.severity.rank, self.file or "", self.path or "", self.code, self.message)


def grouped(findings: Iterable[Finding]) -> list[Finding]:
    """The same problem (severity, code and message) in many places as one finding each, its
    places in order; sorted most serious first. Nothing is dropped: every place is kept."""
    groups: dict[tuple[Severity, str, str], list[Finding]] = {}
    for finding in sorted(findings, key=_place_order):
        groups.setdefault((finding.severity, finding.code, finding.message), []).append(finding)
    merged = []
    for first, *rest in groups.values():
        also = tuple(p for f in (first, *rest) for p in f.places)[1:]
        merged.append(attrs.evolve(first, also=also) if also != first.also else first)
    return sorted(merged, key=Finding.sort_key)


def _place_order(f: Finding) -> tuple[str, int, int, str, int, str]:
    # By file, then line (so a file's problems read top to bottom), then key path.
    return (f.file or "", f.lineno or 0, f.colno or 0, f.path or "", f.severity.rank, f.code)


def error(code: str, message: str, file: str | None, path: str | None = None) -> Finding:
    """An error-level finding: how the loader and the integrity checks say what is wrong."""
    return Finding(Severity.ERROR, code, message, file, path)
