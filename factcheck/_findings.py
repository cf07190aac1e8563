"""Findings: consistency problems a casebook's checks found, each with severity and location."""

from __future__ import annotations

import enum

import attrs

__all__ = ["Finding", "Severity", "error"]


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
class Finding:
    """One problem: what (``code``, ``message``), how serious, and where (file and key path)."""

    severity: Severity
    code: str
    message: str
    file: str | None = None
    path: str | None = None

    @property
    def location(self) -> str:
        """``claims/openai.toml: claims[3].valid``, or as much of it as is known."""
        return ": ".join(part for part in (self.file, self.path) if part)

    def line(self) -> str:
        """The finding in one line, as the command line prints it."""
        where = f"{self.location}: " if self.location else ""
        return f"{self.severity.value}: {where}{self.message} [{self.code}]"

    def sort_key(self) -> tuple[int, str, str, str, str]:
        """Most serious first, then by place, so output never depends on discovery order."""
        return (self.severity.rank, self.file or "", self.path or "", self.code, self.message)


def error(code: str, message: str, file: str | None, path: str | None = None) -> Finding:
    """An error-level finding: how the loader and the integrity checks say what is wrong."""
    return Finding(Severity.ERROR, code, message, file, path)
