"""The answer objects made without attrs' ``__init__`` equal attrs' own, field for field."""

from __future__ import annotations

import inspect

import attrs
import pendulum
import pytest

from factcheck import ClaimKind, Stance, When
from factcheck._fill import evidence, resolution
from factcheck._outcome import (
    Evidence,
    Quote,
    RelationKind,
    RelationReason,
    Resolution,
    Status,
    Strength,
)


def _fields(obj: object) -> dict[str, object]:
    """Every field, those left out of equality included."""
    return {f.name: getattr(obj, f.name) for f in attrs.fields(type(obj))}


PUBLISHED = When.parse("2023-11-17 evening Asia/Seoul")
GONE = When.parse("2023-11-18T09:30 America/Los_Angeles").known_from
QUOTE = Quote("text", None, "en", "title", "publisher", None)


class TestEvidence:
    """``evidence``: an ``Evidence`` with every slot filled."""

    def test_parameters_are_the_fields(self):
        """One parameter per field of ``Evidence``, in its order: a new field is not missed."""
        expected = [f.name for f in attrs.fields(Evidence)]
        assert expected == list(inspect.signature(evidence).parameters)

    @pytest.mark.parametrize("withdrawn", [(None, None), (GONE, "r2")])
    def test_equal_to_attrs(self, withdrawn):
        """Equal to ``Evidence(...)``, every field included (``known_from``, ``quote``)."""
        expected = Evidence("e1", "s1", "r1", "Origin", Stance.REFUTES, True, PUBLISHED,
                            *withdrawn, quote=QUOTE)
        actual = evidence("e1", "s1", "r1", "Origin", Stance.REFUTES, True, PUBLISHED,
                          *withdrawn, PUBLISHED.known_from, QUOTE)
        assert expected == actual
        assert _fields(expected) == _fields(actual)
        assert repr(expected) == repr(actual)

    def test_frozen(self):
        """Still frozen: a field cannot be set afterwards."""
        made = evidence("e1", "s1", "r1", "Origin", Stance.ASSERTS, False, PUBLISHED, None,
                        None, PUBLISHED.known_from, None)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            made.excerpt = "e2"  # type: ignore[misc]


class TestResolution:
    """``resolution``: a ``Resolution`` with every slot filled."""

    def test_parameters_are_the_fields(self):
        """One parameter per field of ``Resolution``, in its order."""
        expected = [f.name for f in attrs.fields(Resolution)]
        assert expected == list(inspect.signature(resolution).parameters)

    def test_equal_to_attrs(self):
        """Equal to ``Resolution(...)`` field for field, with the same explanation."""
        as_of = pendulum.datetime(2023, 11, 20, tz="Asia/Seoul")
        ev = (evidence("e1", "s1", "r1", "Origin", Stance.ASSERTS, False, PUBLISHED, None, None,
                       PUBLISHED.known_from, QUOTE),)
        reason = RelationReason(RelationKind.CONTRADICTS, "c2", True, Status.REPORTED,
                                Strength.REPORTED, "none", ("s2",))
        values = ("c1", Status.REPORTED, as_of, PUBLISHED.known_from, Strength.REPORTED,
                  Strength.NONE, ("Origin",), ev, (reason,), (), "Asia/Seoul", ClaimKind.EVENT,
                  None, None)
        expected, actual = Resolution(*values), resolution(*values)
        assert _fields(expected) == _fields(actual)
        assert expected.explain() == actual.explain()
