"""The shipped November 2023 casebook: clean, quotes verbatim, and the headline case right."""

from __future__ import annotations

from pathlib import Path

import pytest

import factcheck
from factcheck import Severity, Status

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
OVERTAKEN = {Status.SUPERSEDED, Status.REFUTED, Status.DISPUTED}


class TestShippedCasebook:
    """What `factcheck check` and the resolution issue promise of the shipped casebook."""

    def test_no_error_findings(self, shipped):
        """`factcheck check` reports no error on the shipped casebook."""
        errors = [f.line() for f in shipped.findings() if f.severity is Severity.ERROR]
        assert [] == errors

    def test_every_seed_excerpt_is_verbatim_in_its_snapshot(self, shipped):
        """Both seeds ship as snapshots; every excerpt is found in its own, whose sha256 matches."""
        seeded = [s for s in shipped.sources if s.snapshot]
        assert ["seed-000", "seed-001"] == sorted(s.id for s in seeded)
        codes = {f.code for f in shipped.findings()}
        assert not codes & {"quote-not-found", "snapshot-changed", "snapshot-missing"}

    @pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the project")
    def test_snapshots_are_the_seeds(self, shipped):
        """The shipped snapshots are the seeds byte for byte, and every quote is in the seed."""
        for source in (s for s in shipped.sources if s.snapshot):
            shipped_text = (ROOT / source.snapshot).read_bytes()
            seed = SEEDS / Path(source.snapshot).name
            assert seed.read_bytes() == shipped_text, source.id
            text = seed.read_text(encoding="utf-8")
            missing = [e.id for e in source.excerpts if e.quote not in text]
            assert [] == missing, source.id

    def test_round_trip(self, shipped, tmp_path):
        """Loading, saving and loading again gives an equal casebook."""
        factcheck.save(shipped, tmp_path)
        assert shipped == factcheck.load(tmp_path)


class TestHeadline:
    """The headline claims in the full casebook (the statuses at each moment: test_headline.py)."""

    def test_board_acceptance(self, shipped):
        """Reported or better by 19 Nov in Seoul; overtaken by 21 Nov, naming what overtook it."""
        early = shipped.status("board-accepts-demands", "2023-11-19", tz="Asia/Seoul")
        assert early.support >= factcheck.Strength.REPORTED
        assert early.status in {Status.REPORTED, Status.CORROBORATED, Status.CONFIRMED}
        late = shipped.status("board-accepts-demands", "2023-11-21", tz="Asia/Seoul")
        assert late.status in OVERTAKEN
        overtakers = {r.other for r in late.relations if r.effect != "none"}
        assert overtakers
        assert all(other in late.explain() for other in overtakers)

    def test_every_resolution_explains_itself(self, shipped):
        """Every claim that is not unreported names a source or a claim in its explanation."""
        for claim_id, res in shipped.statuses("2023-11-30", tz="Asia/Seoul").items():
            if res.status is Status.UNREPORTED:
                continue
            text = res.explain()
            named = {e.source for e in res.evidence} | {r.other for r in res.relations}
            assert any(name in text for name in named), claim_id
