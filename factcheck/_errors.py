"""The library's exceptions: small, and each also a builtin so callers can catch either."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._findings import Finding

__all__ = ["CasebookError", "LoadError", "TimeValueError", "UnknownClaimError"]


class CasebookError(Exception):
    """Base of every error this library raises on purpose."""


class TimeValueError(CasebookError, ValueError):
    """A time value could not be read: says what was expected."""


class UnknownClaimError(CasebookError, KeyError):
    """A claim id that the casebook does not hold."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown claim"


class LoadError(CasebookError, ValueError):
    """A casebook could not be loaded. Carries every finding, not only the first."""

    def __init__(self, findings: list[Finding], *, unreadable: bool = False) -> None:
        self.findings = findings
        #: True when the casebook could not be read at all (missing folder, broken TOML).
        self.unreadable = unreadable
        super().__init__(self._message())

    def _message(self) -> str:
        lines = [f"{len(self.findings)} problem(s) in the casebook:"]
        lines += [f"  {f.line()}" for f in self.findings]
        return "\n".join(lines)


class CasebookChangedError(CasebookError, OSError):
    """A file of the casebook changed (or went) after it was loaded, so a quote left in it (a JSON
    Lines casebook's quotes are read from their file when shown) cannot be read: load the casebook
    again, or load it with ``hold_quotes=True``."""
