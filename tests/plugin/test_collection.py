"""Expectations in claim files, collected by pytest as test items."""

from __future__ import annotations

import pytest

from .conftest import BookWriter
from .test_helpers import CYCLE

SEOUL_22 = {"as_of": "2023-11-22", "tz": "Asia/Seoul", "status": "confirmed"}
LA_22 = {"as_of": "2023-11-22", "tz": "America/Los_Angeles", "status": "confirmed"}


def literal(line: str) -> str:
    """``line`` as an fnmatch pattern that matches only itself (brackets are classes there)."""
    return line.replace("[", "[[]")


def collected(result: pytest.RunResult) -> list[str]:
    """The node ids a ``--collect-only -q`` run printed."""
    return [line for line in result.outlines if "::" in line]


class TestIds:
    """Each expectation is an item named ``claim@as_of`` in its claim file."""

    def test_one_item_per_expectation(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """Ids read ``claims/<file>::<claim>@<as_of>``, after the casebook's findings item."""
        book(
            {
                "altman-joins-microsoft": [{"as_of": "2023-11-21", "status": "confirmed"}],
                "altman-returns-as-ceo": [{"as_of": "2023-11-23", "status": "confirmed"}],
            }
        )
        result = pytester.runpytest("--collect-only", "-q", "book/claims")

        assert [
            "book/claims/headline.toml::casebook-findings",
            "book/claims/headline.toml::altman-joins-microsoft@2023-11-21",
            "book/claims/headline.toml::altman-returns-as-ceo@2023-11-23",
        ] == collected(result)

    def test_zone_added_when_needed(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """Two expectations for the same claim and date are told apart by their zone."""
        book({"altman-returns-as-ceo": [SEOUL_22, LA_22]})
        result = pytester.runpytest("--collect-only", "-q", "book/claims")

        assert [
            "book/claims/headline.toml::altman-returns-as-ceo@2023-11-22[Asia/Seoul]",
            "book/claims/headline.toml::altman-returns-as-ceo@2023-11-22[America/Los_Angeles]",
        ] == collected(result)[1:]

    def test_count_added_when_zone_is_not_enough(
        self, pytester: pytest.Pytester, book: BookWriter
    ) -> None:
        """Expectations alike in claim, date and zone are numbered; the casebook's zone is named."""
        book(
            {
                "altman-returns-as-ceo": [
                    {"as_of": "2023-11-22", "status": "confirmed"},
                    {"as_of": "2023-11-22", "status": "confirmed", "origins": 1},
                ]
            }
        )
        result = pytester.runpytest("--collect-only", "-q", "book/claims")

        assert [
            "book/claims/headline.toml::altman-returns-as-ceo@2023-11-22[Asia/Seoul,1]",
            "book/claims/headline.toml::altman-returns-as-ceo@2023-11-22[Asia/Seoul,2]",
        ] == collected(result)[1:]

    def test_findings_item_once_per_casebook(
        self, pytester: pytest.Pytester, book: BookWriter
    ) -> None:
        """Each casebook has one findings item, on the first of its claim files collected."""
        book({"altman-joins-microsoft": [{"as_of": "2023-11-21", "status": "confirmed"}]})
        book(name="other")
        result = pytester.runpytest(
            "--collect-only", "-q", "book/claims", "other/claims", "book/claims/stakeholders.toml"
        )

        assert [
            "book/claims/headline.toml::casebook-findings",
            "book/claims/headline.toml::altman-joins-microsoft@2023-11-21",
            "other/claims/headline.toml::casebook-findings",
        ] == collected(result)

    def test_single_file(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """Naming one claim file collects its expectations and the casebook's findings item."""
        book()
        result = pytester.runpytest("--collect-only", "-q", "book/claims/stakeholders.toml")

        assert ["book/claims/stakeholders.toml::casebook-findings"] == collected(result)

    def test_pointing_at_the_casebook(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """Pointing pytest at the casebook folder collects claim files, not source files."""
        book({"altman-joins-microsoft": [{"as_of": "2023-11-21", "status": "confirmed"}]})
        result = pytester.runpytest("--collect-only", "-q", "book")

        assert [
            "book/claims/headline.toml::casebook-findings",
            "book/claims/headline.toml::altman-joins-microsoft@2023-11-21",
        ] == collected(result)

    def test_json_lines(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """Claims in a JSON Lines file have their expectations collected as well."""
        folder = book()
        (folder / "claims" / "bulk.jsonl").write_text(
            '{"type": "relation", "kind": "supports", "from": "altman-joins-microsoft", '
            '"to": "bulk-story"}\n'
            '{"id": "bulk-story", "kind": "event", "text": "x", "subjects": ["openai"], '
            '"claimant": "openai", "expect": [{"as_of": "2023-11-19", "status": "unreported"}, '
            '{"as_of": "2023-11-21", "status": "confirmed"}]}\n',
            encoding="utf-8",
        )
        result = pytester.runpytest("-v", "book/claims/bulk.jsonl")

        result.assert_outcomes(passed=3)
        result.stdout.fnmatch_lines(
            [
                "book/claims/bulk.jsonl::casebook-findings PASSED*",
                "book/claims/bulk.jsonl::bulk-story@2023-11-19 PASSED*",
                "book/claims/bulk.jsonl::bulk-story@2023-11-21 PASSED*",
            ]
        )

    def test_toml_elsewhere_is_not_collected(self, pytester: pytest.Pytester) -> None:
        """A claims/ folder without a sources/ sibling is not a casebook's."""
        pytester.mkdir("notes")
        pytester.mkdir("notes/claims")
        pytester.path.joinpath("notes/claims/todo.toml").write_text("x = 1\n", encoding="utf-8")
        result = pytester.runpytest("--collect-only", "-q", "notes")

        assert [] == collected(result)
        assert pytest.ExitCode.NO_TESTS_COLLECTED == result.ret

    def test_selected_by_id(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """An expectation runs alone when named by its node id."""
        book({"altman-returns-as-ceo": [SEOUL_22, LA_22]})
        result = pytester.runpytest(
            "book/claims/headline.toml::altman-returns-as-ceo@2023-11-22[America/Los_Angeles]"
        )

        result.assert_outcomes(passed=1)

    def test_marker(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """Every item from a claim file carries the ``factcheck`` marker, for ``-m``."""
        book({"altman-returns-as-ceo": [SEOUL_22]})
        result = pytester.runpytest("--strict-markers", "-m", "not factcheck", "book")

        result.assert_outcomes(deselected=2)


class TestOutcomes:
    """An item passes when the expectation holds and fails with a readable report."""

    def test_holds(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """The headline expectations pass, in each zone."""
        book(
            {
                "board-accepts-demands": [
                    {"as_of": "2023-11-19T12:00", "status": "unreported"},
                    {"as_of": "2023-11-20T12:00", "status": "reported"},
                ],
                "altman-joins-microsoft": [{"as_of": "2023-11-23", "status": "superseded"}],
                "altman-returns-as-ceo": [SEOUL_22, {**LA_22, "as_of": "2023-11-21"}],
            }
        )
        result = pytester.runpytest("book")

        result.assert_outcomes(passed=6)

    def test_any_of_several(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """A list of statuses passes when the status is any one of them."""
        book(
            {
                "board-accepts-demands": [
                    {"as_of": "2023-11-21", "status": ["disputed", "refuted"]},
                ]
            }
        )
        result = pytester.runpytest("book")

        result.assert_outcomes(passed=2)

    def test_origins(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """An expected number of origins is a minimum: two pass, three fail."""
        book(
            {
                "altman-joins-microsoft": [
                    {"as_of": "2023-11-21", "status": "confirmed", "origins": 2},
                    {"as_of": "2023-11-22", "status": "superseded", "origins": 3},
                ]
            }
        )
        result = pytester.runpytest("book")

        result.assert_outcomes(passed=2, failed=1)
        result.stdout.fnmatch_lines(
            [
                "altman-joins-microsoft as of 2023-11-23 00:00 KST: "
                "expected at least 3 independent origin(s), got 2 (Newsletter, Satya Nadella)",
                literal("expectation: claims/headline.toml: claims[1].expect[1]"),
            ]
        )

    def test_failure_report(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """A failure shows expected and actual status, the explanation and the timeline."""
        book(
            {
                "altman-returns-as-ceo": [
                    {"as_of": "2023-11-22", "tz": "America/Los_Angeles", "status": "superseded"},
                ]
            }
        )
        result = pytester.runpytest("book")

        result.assert_outcomes(passed=1, failed=1)
        result.stdout.fnmatch_lines(
            [
                "*_ altman-returns-as-ceo@2023-11-22 _*",
                "altman-returns-as-ceo as of 2023-11-23 00:00 PST: "
                "expected superseded, got confirmed",
                literal("expectation: claims/headline.toml: claims[2].expect[0]"),
                "statuses: unreported, confirmed from 2023-11-21 22:05 PST",
                "why: confirmed since 2023-11-21 22:05 PST: first-party: openai-x (OpenAI, *",
                "",
                "timeline of altman-returns-as-ceo (times in America/Los_Angeles):",
                "*from*status*why",
                "*--*",
                "*(start)*unreported*nothing published by then supports or refutes it.",
                "*>*2023-11-21 22:05 PST*confirmed*first-party: openai-x*",
                "*short test summary info*",
                "FAILED book/claims/headline.toml::altman-returns-as-ceo@2023-11-22 - altman-*",
            ]
        )

    def test_no_traceback(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """A failed expectation is a report, not a Python traceback."""
        book({"altman-returns-as-ceo": [{"as_of": "2023-11-20", "status": "confirmed"}]})
        result = pytester.runpytest("book", "--tb=long")

        result.assert_outcomes(passed=1, failed=1)
        assert "Traceback" not in result.stdout.str()
        assert "def runtest" not in result.stdout.str()

    def test_unexpected_error_keeps_its_traceback(
        self, pytester: pytest.Pytester, book: BookWriter
    ) -> None:
        """An error that is no failed expectation (a bug) is shown as a traceback, not hidden."""
        book({"altman-returns-as-ceo": [{"as_of": "2023-11-22", "status": "confirmed"}]})
        pytester.makeconftest(
            """
            import factcheck

            def broken(self, *args, **kwargs):
                raise RuntimeError("resolution broke")

            factcheck.Casebook.status = broken
        """
        )
        # In a process of its own: the broken method must not outlive the run.
        result = pytester.runpytest_subprocess("book")

        result.assert_outcomes(passed=1, failed=1)
        result.stdout.fnmatch_lines(["*def runtest*", "E   *RuntimeError: resolution broke"])

    def test_missing_zone(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """A date with no zone anywhere is a loading problem, naming the expectation."""
        folder = book({"altman-returns-as-ceo": [{"as_of": "2023-11-22", "status": "confirmed"}]})
        (folder / "casebook.toml").unlink()
        result = pytester.runpytest("book")

        result.assert_outcomes(errors=1)
        result.stdout.fnmatch_lines(
            [
                "*"
                + literal(
                    "claims/headline.toml:40:7: claims[2].expect[0].as_of: as_of has no "
                    "zone, and the casebook declares none"
                )
                + "*"
            ]
        )
        assert "Traceback" not in result.stdout.str()


class TestFindingsItem:
    """The casebook-findings item fails when the casebook has error findings."""

    def test_errors_fail(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """A cycle of supersedes is an error: the item fails and lists it."""
        book(extra_claims=CYCLE)
        result = pytester.runpytest("book")

        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(
            [
                "*_ casebook-findings _*",
                "1 finding(s) of severity error in the casebook 'Mini headline case':",
                "  error: claims/extra.toml:*: relations*: supersedes relations form a cycle: *"
                + literal("[supersedes-cycle]"),
            ]
        )

    def test_warnings_pass(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """Warnings (a claim with no excerpt) do not fail the item."""
        book(
            extra_claims='[[claims]]\nid = "lonely"\nkind = "event"\ntext = "x"\n'
            'subjects = ["openai"]\nclaimant = "openai"\n'
        )
        result = pytester.runpytest("book")

        result.assert_outcomes(passed=1)


class TestBrokenCasebook:
    """A casebook that cannot be loaded is a collection error with the loader's findings."""

    def test_broken_toml(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """Invalid TOML interrupts the session once, naming the file, without a traceback."""
        folder = book()
        (folder / "claims" / "broken.toml").write_text("[[claims]\n", encoding="utf-8")
        result = pytester.runpytest("book")

        assert pytest.ExitCode.INTERRUPTED == result.ret
        result.stdout.fnmatch_lines(
            [
                "*ERROR collecting book/claims/broken.toml*",
                "the casebook at book could not be loaded: 1 problem(s) in the casebook:",
                "  error: claims/broken.toml:1:9: not valid TOML: *" + literal("[broken-toml]"),
                "*Interrupted: 1 error during collection*",
            ]
        )
        assert "Traceback" not in result.stdout.str()

    def test_bad_expectation(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """An expectation with a status that does not exist is a loading error with its key path."""
        book({"altman-returns-as-ceo": [{"as_of": "2023-11-22", "status": "confirmd"}]})
        result = pytester.runpytest("book")

        assert pytest.ExitCode.INTERRUPTED == result.ret
        result.stdout.fnmatch_lines(
            [
                literal(
                    "  error: claims/headline.toml:40:29: claims[2].expect[0].status: "
                    "expected one of "
                )
                + "unreported | reported*, got 'confirmd'"
                + literal("; did you mean 'confirmed'? [invalid-value]"),
            ]
        )

    def test_continue_on_collection_errors(
        self, pytester: pytest.Pytester, book: BookWriter
    ) -> None:
        """With --continue-on-collection-errors other casebooks still run."""
        folder = book(name="broken")
        (folder / "claims" / "broken.toml").write_text("[[claims]\n", encoding="utf-8")
        book(name="fine")
        result = pytester.runpytest("--continue-on-collection-errors", "broken", "fine")

        result.assert_outcomes(passed=1, errors=1)
