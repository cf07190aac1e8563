"""The shortcuts taken for speed at scale give exactly what the general path gives."""

from __future__ import annotations

import sys
from pathlib import Path

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st
from resolution.strategies import casebooks, instants, steps_both_ways

from factcheck import CasebookSettings
from factcheck._resolution import Resolution

SETTINGS = settings(max_examples=200, deadline=None)
ROOT = Path(__file__).resolve().parents[2]


class TestClaimsAlone:
    """Claims in no relation get their timeline straight from their evidence."""

    @SETTINGS
    @given(casebooks(), st.integers(0, 3))
    def test_same_steps_as_the_group_resolution(self, casebook, threshold):
        """Every step (status, strengths, origins, evidence, since) equals the general one."""
        casebook = attrs.evolve(casebook, settings=CasebookSettings(corroboration=threshold))
        made, held = steps_both_ways(casebook.resolver())
        assert made == held


class TestFastResolution:
    """Resolutions made by filling their slots equal those made by attrs' constructor."""

    @SETTINGS
    @given(casebooks())
    def test_equal_to_constructed(self, casebook):
        """Field by field, as attrs compares them."""
        resolver = casebook.resolver()
        for t in instants(casebook):
            for claim in casebook.claims:
                fast = resolver.at(claim.id, t)
                slow = Resolution(**{a.name: getattr(fast, a.name)
                                     for a in attrs.fields(Resolution)})
                assert attrs.astuple(slow, recurse=False) == attrs.astuple(fast, recurse=False)
                assert repr(slow) == repr(fast)


class TestPlainLoading:
    """Plainly well-formed files are structured directly, into exactly what cattrs makes."""

    def _both(self, path, monkeypatch):
        import factcheck
        from factcheck import _load

        direct = factcheck.load(path)
        with monkeypatch.context() as m:
            m.setattr(_load, "structure_plain", lambda raw, kind: None)
            m.setattr(_load, "fast_source", None)  # JSON Lines too go through cattrs
            m.setattr(_load, "fast_claims", None)
            through_cattrs = factcheck.load(path)
        return direct, through_cattrs

    def test_shipped_casebook(self, monkeypatch):
        """The shipped casebook (TOML, every key the format has) loads the same both ways."""
        direct, through_cattrs = self._both(ROOT, monkeypatch)
        assert through_cattrs == direct
        assert repr(through_cattrs.sources) == repr(direct.sources)
        assert repr(through_cattrs.claims) == repr(direct.claims)

    def test_bench_casebook(self, tmp_path, monkeypatch):
        """A generated bench casebook, as JSON Lines and as TOML, loads the same both ways."""
        sys.path.insert(0, str(ROOT / "bench"))
        try:
            import run
        finally:
            sys.path.remove(str(ROOT / "bench"))
        run.generate(200, 5, tmp_path)
        for form in ("jsonl", "toml"):
            direct, through_cattrs = self._both(tmp_path / form, monkeypatch)
            assert through_cattrs == direct
            assert repr(through_cattrs.sources) == repr(direct.sources)
            assert repr(through_cattrs.claims) == repr(direct.claims)
            assert repr(through_cattrs.relations) == repr(direct.relations)
