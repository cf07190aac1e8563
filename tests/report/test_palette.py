"""The status colours under simulated colour-blindness: the pairs a reader must tell apart stay
apart, and every status also has a mark and its word."""

from __future__ import annotations

import itertools

import pytest

import factcheck
from factcheck._report._common import COLOURS, MARKS

Status = factcheck.Status

#: Simulation matrices in linear RGB (Viénot, Brettel and Mollon 1999 for protanopia and
#: deuteranopia; Brettel et al. 1997, as simplified by Machado et al. 2009 at full severity,
#: for tritanopia).
SIMULATIONS = {
    "protanopia": ((0.11238, 0.88762, 0.0), (0.11238, 0.88762, 0.0),
                   (0.00401, -0.00401, 1.0)),
    "deuteranopia": ((0.29275, 0.70725, 0.0), (0.29275, 0.70725, 0.0),
                     (-0.02234, 0.02234, 1.0)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.3039)),
    "none": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
}

#: What stands against what does not: told apart at a glance, by anyone.
CRITICAL = [(Status.CONFIRMED, Status.REFUTED), (Status.CORROBORATED, Status.REFUTED),
            (Status.REPORTED, Status.REFUTED), (Status.FULFILLED, Status.FAILED)]

#: Statuses a reader must never confuse: what stands against what does not, and the strengths.
PAIRS = [(Status.REPORTED, Status.CORROBORATED), (Status.CORROBORATED, Status.CONFIRMED),
    (Status.CONFIRMED, Status.REFUTED), (Status.CORROBORATED, Status.REFUTED),
    (Status.REPORTED, Status.REFUTED), (Status.CONFIRMED, Status.SUPERSEDED),
    (Status.CONFIRMED, Status.DISPUTED), (Status.REFUTED, Status.DISPUTED),
    (Status.REFUTED, Status.SUPERSEDED), (Status.FULFILLED, Status.FAILED),
    (Status.PENDING, Status.FULFILLED), (Status.CONFIRMED, Status.FULFILLED),
    (Status.REPORTED, Status.CONFIRMED), (Status.UNREPORTED, Status.REPORTED),
    (Status.CONFIRMED, Status.RETRACTED),
]


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(colour: str, simulation: str) -> tuple[float, float, float]:
    linear = [_linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5)]
    matrix = SIMULATIONS[simulation]
    r, g, b = (min(1.0, max(0.0, sum(m * c for m, c in zip(row, linear, strict=True))))
               for row in matrix)
    return _lab((r, g, b))


def _distance(a: str, b: str, simulation: str) -> float:
    return float(sum((p - q) ** 2 for p, q in zip(_seen(a, simulation), _seen(b, simulation),
                                                   strict=True)) ** 0.5)


class TestPalette:
    @pytest.mark.parametrize("simulation", sorted(SIMULATIONS))
    @pytest.mark.parametrize(("first", "second"), PAIRS)
    def test_pairs_stay_apart(self, simulation: str, first: Status, second: Status) -> None:
        """Under each simulation, the two colours differ by at least 15 (CIE76 ΔE); the pairs
        that matter most, by at least 30."""
        least = 30 if (first, second) in CRITICAL else 15
        assert _distance(COLOURS[first], COLOURS[second], simulation) >= least

    def test_old_pair_would_fail(self) -> None:
        """The check can fail: the former green "confirmed" and red "refuted" come within 15 of
        each other for a protanope."""
        assert _distance("#15803d", "#dc2626", "protanopia") < 15

    def test_every_status_has_a_distinct_mark(self) -> None:
        """Colour is never the only sign: every status has its own mark."""
        assert set(Status) == set(MARKS)
        assert len(set(MARKS.values())) == len(MARKS)

    def test_every_colour_distinct(self) -> None:
        """No two statuses share a colour."""
        assert all(a != b for a, b in itertools.combinations(COLOURS.values(), 2))
