"""The fuzzer's Hypothesis profiles, and its tally at the end of the run.

``ci`` (the default) runs a few hundred mutated casebooks, derandomized so every run sees the same
ones; ``long`` runs ten thousand and more, and counts every failure by class rather than stopping
at the first (the run fails at its end if there was any):

    FACTCHECK_FUZZ=long python -m pytest tests/fuzz

``FACTCHECK_FUZZ_SEED=N`` draws other casebooks (a seed of its own, printed in the tally),
``FACTCHECK_FUZZ_SCALE=F`` multiplies every test's examples (0.1: a tenth of the run),
and ``FACTCHECK_FUZZ_STATS=FILE`` writes the tally as JSON, every hundred casebooks and at the
end. The profiles apply to tests/fuzz only (its tests take their settings from the profile named
``factcheck-fuzz``): the rest of the suite keeps its own Hypothesis settings.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, settings

from .drive import FAILURES, OUTCOMES, write_stats

#: Examples each fuzz test runs, by profile: the generated casebooks, ten times cheaper to run
#: than the shipped one, take the most.
EXAMPLES = {
    "ci": {"shipped": 50, "generated": 100, "clean": 25, "forms": 25, "order": 25},
    "long": {"shipped": 800, "generated": 6200, "clean": 1000, "forms": 1000, "order": 1000},
}
CHOSEN = os.environ.get("FACTCHECK_FUZZ", "ci")
#: A factor on every count (``FACTCHECK_FUZZ_SCALE=0.1`` for a tenth of a run).
SCALE = float(os.environ.get("FACTCHECK_FUZZ_SCALE", "1"))
#: Whether a failure is counted and the run goes on (the long run) or the test stops at it.
KEEP_GOING = CHOSEN == "long"
SEED = os.environ.get("FACTCHECK_FUZZ_SEED")
if CHOSEN not in EXAMPLES:
    raise pytest.UsageError(f"FACTCHECK_FUZZ={CHOSEN!r}: expected one of {', '.join(EXAMPLES)}")

_COMMON = {
    "deadline": None,
    "database": None,
    "print_blob": True,
    # No shrinking: a failing casebook's story (its few mutations) is short already, and shrinking
    # re-runs the shipped casebook through everything hundreds of times.
    "phases": (Phase.explicit, Phase.reuse, Phase.generate),
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                              HealthCheck.large_base_example, HealthCheck.filter_too_much],
}
settings.register_profile("factcheck-fuzz-ci", derandomize=True,
                          **_COMMON)  # type: ignore[arg-type]
settings.register_profile("factcheck-fuzz-long", derandomize=SEED is None,
                          **_COMMON)  # type: ignore[arg-type]
settings.register_profile("factcheck-fuzz", parent=settings.get_profile(f"factcheck-fuzz-{CHOSEN}"))


def examples(test: str) -> int:
    """How many casebooks the fuzz test ``test`` runs in the chosen profile."""
    return max(1, round(EXAMPLES[CHOSEN][test] * SCALE))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How the mutated casebooks ended: clean loads, LoadErrors, failures."""
    if not OUTCOMES:
        return
    total = sum(OUTCOMES.values())
    seed = f"seed {SEED}" if SEED else "derandomized"
    line = (f"factcheck fuzz ({CHOSEN} profile, {seed}): {total} casebooks: "
            f"{OUTCOMES['clean']} clean loads, {OUTCOMES['load-error']} LoadErrors, "
            f"{OUTCOMES['failure']} failures")
    terminalreporter.write_sep("-", "factcheck fuzz")
    terminalreporter.write_line(line)
    for kind, cases in sorted(FAILURES.items(), key=lambda item: -len(item[1])):
        terminalreporter.write_line(f"{len(cases)} x {kind}\n    first: {cases[0][:2000]}")
    write_stats(partial=False)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A long run that counted failures fails, though each test went on past them."""
    if FAILURES and session.exitstatus == 0:
        session.exitstatus = 1
