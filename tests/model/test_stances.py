"""An excerpt's stances: a small read-only mapping that behaves like the dict it replaces."""

from __future__ import annotations

import pytest

import factcheck
from factcheck import Excerpt, Stance, Stances


class TestStances:
    def test_reads_like_a_mapping(self):
        """Lookup, membership, length and order are those of the table as written."""
        stances = Stances({"b": "refutes", "a": Stance.ASSERTS})
        assert Stance.REFUTES == stances["b"]
        assert "a" in stances and "c" not in stances
        assert ["b", "a"] == list(stances)
        assert [("b", Stance.REFUTES), ("a", Stance.ASSERTS)] == list(stances.items())
        assert 2 == len(stances)
        assert stances.get("c") is None

    def test_unknown_claim_is_a_key_error(self):
        """A claim it holds no stance toward raises KeyError, as a dict would."""
        with pytest.raises(KeyError, match="'c'"):
            Stances({"a": "asserts"})["c"]

    def test_equal_to_a_dict_with_the_same_items(self):
        """Equality is the mapping's: with dicts, and with other Stances, whatever the order."""
        assert {"a": Stance.ASSERTS, "b": Stance.MENTIONS} == Stances({"b": "mentions",
                                                                         "a": "asserts"})
        assert Stances({"a": "asserts"}) != Stances({"a": "refutes"})

    def test_read_only(self):
        """No item can be set or deleted: excerpts are frozen."""
        stances = Stances({"a": "asserts"})
        with pytest.raises(TypeError):
            stances["a"] = Stance.REFUTES  # type: ignore[index]
        with pytest.raises(AttributeError):
            stances.extra = 1  # type: ignore[attr-defined]

    def test_unknown_stance_is_refused(self):
        """A stance that is not one of the four is a ValueError naming it."""
        with pytest.raises(ValueError, match="'endorses'"):
            Stances({"a": "endorses"})

    def test_excerpt_holds_stances(self):
        """An excerpt made from a plain dict of strings holds Stances of Stance values."""
        excerpt = Excerpt("e", "r", "quote", {"a": "supports"})
        assert isinstance(excerpt.stances, Stances)
        assert {"a": Stance.SUPPORTS} == excerpt.stances

    def test_reversed_and_pickled(self):
        """reversed() gives the claims last first; a pickle reads back equal (any protocol)."""
        import pickle

        stances = Stances({"a": "asserts", "b": "refutes", "c": "mentions"})
        assert ["c", "b", "a"] == list(reversed(stances))
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            assert stances == pickle.loads(pickle.dumps(stances, protocol))

    def test_repr_shows_the_items(self):
        """The repr names the stances, so failing tests and debuggers show them."""
        assert "Stances({'a': <Stance.ASSERTS: 'asserts'>})" == repr(Stances({"a": "asserts"}))

    def test_saved_as_a_table_in_order(self, tmp_path, mini):
        """Saving writes each excerpt's stances as a TOML table, in their order, and loads back."""
        factcheck.save(mini, tmp_path)
        again = factcheck.load(tmp_path)
        for source, twin in zip(mini.sources, again.sources, strict=True):
            for excerpt, other in zip(source.excerpts, twin.excerpts, strict=True):
                assert list(excerpt.stances.items()) == list(other.stances.items())
