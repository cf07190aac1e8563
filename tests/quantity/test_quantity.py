"""Quantities on their own: how they read, what amounts they allow, and when two conflict."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck import Approx, Quantity
from factcheck._quantity import DEFAULT_TOLERANCE, check_tolerance, values_conflict

UNITS = ("%", "USD")
BASES = (None, "equity value", "enterprise value")


@st.composite
def quantities(draw: st.DrawFn, unit: str | None = "USD", basis: str | None = None) -> Quantity:
    """An amount or a range, exact or approximate, of whole numbers and one-decimal amounts."""
    number = st.one_of(st.integers(-2000, 2000), st.integers(-20000, 20000).map(lambda n: n / 10))
    if draw(st.booleans()):
        approx = draw(st.sampled_from([None, *Approx]))
        return Quantity(amount=draw(number), unit=unit, approx=approx, basis=basis)
    low, high = sorted((draw(number), draw(number)))
    return Quantity(low=low, high=high, unit=unit,
                    approx=draw(st.sampled_from([None, Approx.ABOUT])), basis=basis)


tolerances = st.integers(0, 99).map(lambda n: n / 100)


class TestText:
    """A quantity reads as a reader says it."""

    @pytest.mark.parametrize(("quantity", "expected"), [
        (Quantity(amount=5.3, unit="%"), "5.3%"),
        (Quantity(amount=700, unit="USD", approx=Approx.ABOUT, basis="equity value"),
         "about 700 USD (equity value)"),
        (Quantity(low=700, high=800, unit="shares"), "700–800 shares"),
        (Quantity(amount=44, approx=Approx.AT_LEAST), "at least 44"),
        (Quantity(amount=46.5, unit="bn USD", approx=Approx.NEARLY), "nearly 46.5 bn USD"),
    ])
    def test_text(self, quantity: Quantity, expected: str) -> None:
        """Approximation first, then the amount or range, the unit, and the basis in brackets."""
        assert expected == quantity.text() == str(quantity)


class TestAllows:
    """The amounts a quantity allows: a closed interval, exact in decimals."""

    def test_about(self) -> None:
        """``about 700`` allows 630 to 770 at the default tolerance of 10%."""
        assert 0.1 == DEFAULT_TOLERANCE
        assert (630, 770) == Quantity(amount=700, approx=Approx.ABOUT).allows()

    def test_nearly_at_least_at_most(self) -> None:
        """``nearly`` reaches below only; ``at least`` and ``at most`` are open on one side."""
        assert (630, 700) == Quantity(amount=700, approx=Approx.NEARLY).allows()
        assert (700, None) == Quantity(amount=700, approx=Approx.AT_LEAST).allows()
        assert (None, 700) == Quantity(amount=700, approx=Approx.AT_MOST).allows()

    def test_range(self) -> None:
        """A range allows its ends; ``about`` widens each end by the tolerance."""
        assert (700, 800) == Quantity(low=700, high=800).allows()
        assert (630, 880) == Quantity(low=700, high=800, approx=Approx.ABOUT).allows()

    def test_decimals_are_exact(self) -> None:
        """5.3 is read as 53/10, so "about 100" reaches 110 exactly, not 110.00000000000001."""
        assert (Fraction(53, 10),) * 2 == Quantity(amount=5.3).allows()
        assert Fraction(110) == Quantity(amount=100, approx=Approx.ABOUT).allows(0.1)[1]
        assert not Quantity(amount=100, approx=Approx.ABOUT).conflicts(Quantity(amount=110))


class TestConflicts:
    """Two quantities conflict when they have the same unit and basis and no amount in common."""

    def test_same_basis_different_amounts(self) -> None:
        """5.3% and 5.1% of the same basis conflict."""
        a = Quantity(amount=5.3, unit="%", basis="of shares")
        assert a.conflicts(Quantity(amount=5.1, unit="%", basis="of shares"))

    def test_different_bases_never(self) -> None:
        """44 billion of equity value and 46.5 billion of enterprise value do not conflict."""
        a = Quantity(amount=44, unit="bn USD", basis="equity value")
        assert not a.conflicts(Quantity(amount=46.5, unit="bn USD", basis="enterprise value"))
        assert not a.conflicts(Quantity(amount=46.5, unit="bn USD"))

    def test_different_units_never(self) -> None:
        """Units compare only when written the same: no conversion is guessed."""
        assert not Quantity(amount=44, unit="USD").conflicts(Quantity(amount=40, unit="EUR"))

    def test_about_within_tolerance(self) -> None:
        """``about 700`` and 738 agree at 10% (630 to 770), and conflict at 5% (665 to 735)."""
        about, exact = Quantity(amount=700, approx=Approx.ABOUT), Quantity(amount=738)
        assert (False, True) == (about.conflicts(exact), about.conflicts(exact, 0.05))

    def test_nearly(self) -> None:
        """``nearly 700`` is short of 700: 705 conflicts with it, 650 does not."""
        nearly = Quantity(amount=700, approx=Approx.NEARLY)
        assert (True, False) == (nearly.conflicts(Quantity(amount=705)),
                                 nearly.conflicts(Quantity(amount=650)))

    def test_range_and_value(self) -> None:
        """A value conflicts with a range when it lies outside it."""
        span = Quantity(low=700, high=800)
        assert (False, False, True) == (span.conflicts(Quantity(amount=750)),
                                        span.conflicts(Quantity(amount=800)),
                                        span.conflicts(Quantity(amount=850)))

    def test_bounds(self) -> None:
        """``at least 700`` conflicts with 650 and with ``at most 650``, not with at most 800."""
        least = Quantity(amount=700, approx=Approx.AT_LEAST)
        assert (True, True, False) == (
            least.conflicts(Quantity(amount=650)),
            least.conflicts(Quantity(amount=650, approx=Approx.AT_MOST)),
            least.conflicts(Quantity(amount=800, approx=Approx.AT_MOST)))

    def test_plain_values(self) -> None:
        """Plain values conflict when they differ; a plain value never agrees with a quantity."""
        assert (False, True, True) == (
            values_conflict("sam-altman", "sam-altman"), values_conflict("a", "b"),
            values_conflict("700", Quantity(amount=700)))

    @given(quantities(), quantities(), tolerances)
    def test_symmetric(self, a: Quantity, b: Quantity, tolerance: float) -> None:
        """Whether a conflicts with b is whether b conflicts with a."""
        assert a.conflicts(b, tolerance) == b.conflicts(a, tolerance)

    @given(quantities(), tolerances)
    def test_never_with_itself(self, a: Quantity, tolerance: float) -> None:
        """A quantity always agrees with itself."""
        assert not a.conflicts(a, tolerance)

    @given(quantities(), quantities(), tolerances, tolerances)
    def test_tolerance_monotone(self, a: Quantity, b: Quantity, t1: float, t2: float) -> None:
        """A wider tolerance never makes a conflict: what conflicts at the wider conflicts at the
        narrower."""
        narrow, wide = sorted((t1, t2))
        assert not a.conflicts(b, wide) or a.conflicts(b, narrow)

    @given(st.data())
    def test_bases_apart(self, data: st.DataObject) -> None:
        """Quantities on different bases never conflict, whatever their amounts."""
        basis_a, basis_b = data.draw(st.lists(st.sampled_from(BASES), min_size=2, max_size=2,
                                              unique=True))
        a = data.draw(quantities(basis=basis_a))
        b = data.draw(quantities(basis=basis_b))
        assert not a.conflicts(b, data.draw(tolerances))


class TestInvalid:
    """A quantity that cannot mean anything is refused, saying what was expected."""

    @pytest.mark.parametrize(("fields", "expected"), [
        ({}, "expected an amount, or low and high"),
        ({"amount": 5, "low": 1, "high": 9}, "expected an amount, or low and high"),
        ({"low": 1}, "expected an amount, or low and high"),
        ({"low": 9, "high": 1}, "expected low no greater than high"),
        ({"low": 1, "high": 9, "approx": Approx.AT_LEAST}, 'expected no approx on a range'),
        ({"amount": float("nan")}, "expected a finite number"),
        ({"amount": 5, "unit": " "}, "expected a non-empty unit"),
        ({"amount": 5, "basis": ""}, "expected a non-empty basis"),
    ])
    def test_refused(self, fields: dict[str, object], expected: str) -> None:
        """Each mistake is a ValueError that names it."""
        with pytest.raises(ValueError, match=expected):
            Quantity(**fields)  # type: ignore[arg-type]

    def test_boolean_amount(self) -> None:
        """``true`` is no amount."""
        with pytest.raises(TypeError, match="expected a number for amount"):
            Quantity(amount=True)

    @pytest.mark.parametrize("tolerance", [-0.1, 1, 1.5, float("nan"), True, "0.1"])
    def test_tolerance(self, tolerance: object) -> None:
        """A tolerance is a fraction from 0 up to 1."""
        with pytest.raises(ValueError, match="expected a tolerance from 0 up to"):
            check_tolerance(tolerance)
