"""Quantities: a structured claim's amount with a unit, approximate or a range, on a basis.

A quantity stands for the amounts it allows: ``738`` allows 738 alone; ``about 700`` allows 700
give or take the approximation's tolerance (a fraction of the amount, 10% by default, so 630 to
770); ``nearly 700`` allows up to the tolerance below 700, and 700 itself; ``at least 700`` and
``at most 700`` allow everything on their side of 700; a range allows its ends and all between
(``about`` on a range widens both ends by the tolerance). Two quantities *conflict* when they have
the same unit and the same basis and allow no amount in common. Units and bases compare only when
written the same (no conversion: "USD" and "EUR", "%" and "percentage points", are never compared),
so quantities of different units or bases never conflict. Amounts are read as the decimals they
are written as (5.3 is 53/10, not the nearest binary fraction), so the comparison is exact.
"""

from __future__ import annotations

import enum
import math
from fractions import Fraction

import attrs

__all__ = ["DEFAULT_TOLERANCE", "Approx", "Quantity", "check_tolerance", "values_conflict"]

#: The approximation's tolerance unless the casebook (``tolerance`` in casebook.toml) or the call
#: says otherwise: "about 700" allows 10% either side, 630 to 770.
DEFAULT_TOLERANCE = 0.1

Number = int | float


class Approx(enum.Enum):
    """How an amount is approximate."""

    ABOUT = "about"
    NEARLY = "nearly"
    AT_LEAST = "at least"
    AT_MOST = "at most"


def _exact(number: Number) -> Fraction:
    # repr gives the shortest decimal that reads back as the float: the number as written.
    return Fraction(number) if isinstance(number, int) else Fraction(repr(number))


def _number(value: Number | None, name: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number for {name}, got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"expected a finite number for {name}, got {value!r}")


def _words(value: str | None, name: str) -> None:
    if value is not None and not value.strip():
        raise ValueError(f"expected a non-empty {name}, or none at all")


@attrs.frozen
class Quantity:
    """An amount (or a range, ``low`` to ``high``) with its unit, how it is approximate, and the
    basis it is measured on ("equity value", "enterprise value", "of shares outstanding")."""

    amount: Number | None = None
    low: Number | None = None
    high: Number | None = None
    #: A unit or a currency, as written: "%", "USD" (ISO 4217 codes are best), "shares".
    unit: str | None = None
    approx: Approx | None = None
    basis: str | None = None

    def __attrs_post_init__(self) -> None:
        for name in ("amount", "low", "high"):
            _number(getattr(self, name), name)
        _words(self.unit, "unit")
        _words(self.basis, "basis")
        ranged = self.low is not None or self.high is not None
        if (self.amount is None) == (not ranged) or (ranged and None in (self.low, self.high)):
            raise ValueError("expected an amount, or low and high (a range): one of the two")
        if ranged:
            assert self.low is not None and self.high is not None
            if _exact(self.low) > _exact(self.high):
                raise ValueError(f"expected low no greater than high, got {self.low} and "
                                 f"{self.high}")
            if self.approx not in (None, Approx.ABOUT):
                raise ValueError(f'expected no approx on a range but "about", got '
                                 f'{self.approx.value!r}')

    def text(self) -> str:
        """As a reader says it: ``about 700 USD (equity value)``, ``5.3%``, ``700–800 shares``."""
        if self.amount is not None:
            number = _shown(self.amount)
        else:
            assert self.low is not None and self.high is not None
            number = f"{_shown(self.low)}–{_shown(self.high)}"
        if self.unit is not None:
            number += self.unit if self.unit == "%" else f" {self.unit}"
        if self.approx is not None:
            number = f"{self.approx.value} {number}"
        return number + (f" ({self.basis})" if self.basis is not None else "")

    def __str__(self) -> str:
        return self.text()

    def allows(self, tolerance: float = DEFAULT_TOLERANCE) -> tuple[Fraction | None,
                                                                    Fraction | None]:
        """The closed interval of amounts it allows (``None``: no bound on that side)."""
        t = _exact(tolerance)
        if self.amount is not None:
            low = high = _exact(self.amount)
        else:
            assert self.low is not None and self.high is not None
            low, high = _exact(self.low), _exact(self.high)
        if self.approx is Approx.ABOUT:
            return low - t * abs(low), high + t * abs(high)
        if self.approx is Approx.NEARLY:
            return low - t * abs(low), high
        if self.approx is Approx.AT_LEAST:
            return low, None
        if self.approx is Approx.AT_MOST:
            return None, high
        return low, high

    def conflicts(self, other: Quantity, tolerance: float = DEFAULT_TOLERANCE) -> bool:
        """Whether the two cannot both be right: same unit, same basis, no amount in common."""
        if self.unit != other.unit or self.basis != other.basis:
            return False
        (a0, a1), (b0, b1) = self.allows(tolerance), other.allows(tolerance)
        return (a1 is not None and b0 is not None and a1 < b0) or (
            b1 is not None and a0 is not None and b1 < a0)


def _shown(number: Number) -> str:
    return str(number) if isinstance(number, int) else repr(number)


def check_tolerance(value: object) -> float:
    """The tolerance as a number from 0 up to (not including) 1, or a ``ValueError`` saying so."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not (
            0 <= value < 1):
        raise ValueError("expected a tolerance from 0 up to (not including) 1, a fraction of the "
                         f"approximate amount such as 0.1 for 10%, got {value!r}")
    return float(value)


def values_conflict(a: str | Quantity, b: str | Quantity,
                    tolerance: float = DEFAULT_TOLERANCE) -> bool:
    """Whether two values of a single-valued property cannot both hold: plain values conflict when
    they differ, quantities as :meth:`Quantity.conflicts` says, and a plain value never agrees
    with a quantity (the casebook gives the property in two forms)."""
    if isinstance(a, Quantity) and isinstance(b, Quantity):
        return a.conflicts(b, tolerance)
    return a != b
