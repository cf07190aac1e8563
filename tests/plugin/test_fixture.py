"""The casebook fixture, its options, plain asserts on resolutions, and running as a plugin."""

from __future__ import annotations

import pytest

import factcheck.pytest_plugin

from .conftest import BookWriter
from .test_collection import collected, literal

USES_FIXTURE = """
from factcheck.testing import assert_status

def test_title(casebook):
    assert "Mini headline case" == casebook.title

def test_joined_microsoft(casebook):
    assert_status(casebook, "altman-joins-microsoft", "confirmed", as_of="2023-11-21")
"""

WRONG_STATUS = """
from factcheck.testing import assert_status

def test_joined_microsoft(casebook):
    assert_status(casebook, "altman-joins-microsoft", "refuted", as_of="2023-11-21")
"""

EXPECT = {"altman-returns-as-ceo": [{"as_of": "2023-11-22", "status": "confirmed"}]}


class TestEntryPoint:
    """The plugin is registered by installing the package."""

    def test_registered_as_factcheck(self, pytestconfig: pytest.Config) -> None:
        """The pytest11 entry point registers the plugin module under the name ``factcheck``."""
        assert factcheck.pytest_plugin is pytestconfig.pluginmanager.get_plugin("factcheck")

    def test_help(self, pytester: pytest.Pytester) -> None:
        """``--casebook`` and ``factcheck_casebook`` are listed by ``pytest --help``."""
        result = pytester.runpytest("--help")

        result.stdout.fnmatch_lines(["*--casebook=PATH*", "*factcheck_casebook (string):*"])


class TestCasebookOption:
    """``--casebook PATH``: the fixture's casebook, and its expectations collected too."""

    def test_fixture_and_expectations(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """The tests use that casebook, and its expectations and findings item run as well."""
        book(EXPECT)
        pytester.makepyfile(test_desk=USES_FIXTURE)
        result = pytester.runpytest("--casebook=book", "-v")

        result.assert_outcomes(passed=4)
        result.stdout.fnmatch_lines(["casebook: book"])
        for line in [
            "test_desk.py::test_title PASSED*",
            "test_desk.py::test_joined_microsoft PASSED*",
            "book/claims/headline.toml::casebook-findings PASSED*",
            "book/claims/headline.toml::altman-returns-as-ceo@2023-11-22 PASSED*",
        ]:
            result.stdout.fnmatch_lines([line])

    def test_separate_value(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """``--casebook PATH``, as two words, works the same inside a project with an ini file."""
        book(EXPECT)
        pytester.makeini("[pytest]\n")
        pytester.makepyfile(test_desk=USES_FIXTURE)
        result = pytester.runpytest("--casebook", "book")

        result.assert_outcomes(passed=4)
        assert "rootdir: " + str(pytester.path) in result.stdout.str()

    def test_not_collected_twice(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """Claim files named on the command line too are collected once."""
        book(EXPECT)
        result = pytester.runpytest("--collect-only", "-q", "--casebook=book", "book/claims")

        assert [
            "book/claims/headline.toml::casebook-findings",
            "book/claims/headline.toml::altman-returns-as-ceo@2023-11-22",
        ] == collected(result)

    def test_outside_the_rootdir(
        self, pytester: pytest.Pytester, book: BookWriter, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A casebook outside the rootdir gets ids that start with its folder's name."""
        book(EXPECT, name="elsewhere/openai")
        desk = pytester.mkdir("desk")
        desk.joinpath("test_desk.py").write_text(USES_FIXTURE, encoding="utf-8")
        monkeypatch.chdir(desk)
        result = pytester.runpytest("--casebook=../elsewhere/openai", "-v")

        result.assert_outcomes(passed=4)
        result.stdout.fnmatch_lines(
            [
                f"rootdir: {desk}",
                "openai/claims/headline.toml::casebook-findings PASSED*",
                "openai/claims/headline.toml::altman-returns-as-ceo@2023-11-22 PASSED*",
            ]
        )

    def test_borrowed_rootdir_noted(
        self, pytester: pytest.Pytester, book: BookWriter, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When pytest takes a separate PATH for its rootdir, the header says how to avoid it."""
        book(EXPECT, name="project/book")
        pytester.path.joinpath("project", "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        desk = pytester.mkdir("desk")
        desk.joinpath("test_desk.py").write_text(USES_FIXTURE, encoding="utf-8")
        monkeypatch.chdir(desk)
        result = pytester.runpytest("--casebook", "../project/book")

        result.assert_outcomes(passed=4)
        result.stdout.fnmatch_lines(
            [
                f"casebook: pytest chose rootdir {pytester.path / 'project'} from the value of "
                "--casebook; write --casebook=PATH to keep the rootdir where you run pytest",
            ]
        )

    def test_deselect(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """``-k`` applies to the expectations ``--casebook`` adds."""
        book(EXPECT)
        pytester.makepyfile(test_desk=USES_FIXTURE)
        result = pytester.runpytest("--casebook=book", "-k", "not altman-returns-as-ceo")

        result.assert_outcomes(passed=3, deselected=1)

    def test_no_casebook_there(self, pytester: pytest.Pytester) -> None:
        """A PATH that is no casebook folder is a usage error, said in one line."""
        pytester.mkdir("empty")
        result = pytester.runpytest("--casebook=empty")

        assert pytest.ExitCode.USAGE_ERROR == result.ret
        result.stderr.fnmatch_lines(
            [
                "ERROR: --casebook empty: no casebook there (a casebook folder holds sources/ and "
                "claims/; missing: sources/, claims/)",
            ]
        )

    def test_broken_casebook(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """A casebook that cannot be loaded fails the session with the loader's findings."""
        folder = book()
        (folder / "sources" / "nadella.toml").write_text('id = "nadella"\n', encoding="utf-8")
        pytester.makepyfile(test_desk=USES_FIXTURE)
        result = pytester.runpytest("--casebook=book")

        assert pytest.ExitCode.INTERRUPTED == result.ret
        result.stdout.fnmatch_lines(
            [
                "the casebook at book could not be loaded: * problem(s) in the casebook:",
                "  error: sources/nadella.toml: *",
            ]
        )
        assert "Traceback" not in result.stdout.str()


class TestIniOption:
    """``factcheck_casebook`` names the fixture's casebook without collecting its expectations."""

    def test_relative_to_ini_file(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """The path is read relative to the ini file; only the test file's tests run."""
        book(EXPECT, name="data/openai")
        pytester.makeini("[pytest]\nfactcheck_casebook = data/openai\n")
        pytester.makepyfile(test_desk=USES_FIXTURE)
        result = pytester.runpytest("test_desk.py")

        result.assert_outcomes(passed=2)
        result.stdout.fnmatch_lines(["casebook: data/openai"])

    def test_option_wins(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """``--casebook`` overrides the ini option."""
        book(EXPECT)
        pytester.makeini("[pytest]\nfactcheck_casebook = nowhere\n")
        pytester.makepyfile(test_desk=USES_FIXTURE)
        result = pytester.runpytest("--casebook=book", "test_desk.py")

        result.assert_outcomes(passed=4)

    def test_default_is_rootdir(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """With neither, the fixture loads the rootdir, which may itself be the casebook."""
        book(EXPECT, name=".")
        pytester.makepyfile(test_desk=USES_FIXTURE)
        result = pytester.runpytest("test_desk.py")

        result.assert_outcomes(passed=2)

    def test_broken_casebook(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """Each test using the fixture errors with the loader's findings, not a traceback."""
        folder = book(name="data/openai")
        (folder / "claims" / "headline.toml").write_text("zone = 1\n[[claims]\n", encoding="utf-8")
        pytester.makeini("[pytest]\nfactcheck_casebook = data/openai\n")
        pytester.makepyfile(test_desk=USES_FIXTURE)
        result = pytester.runpytest("test_desk.py")

        result.assert_outcomes(errors=2)
        result.stdout.fnmatch_lines(
            [
                "*ERROR at setup of test_title*",
                "the casebook at data/openai could not be loaded: 1 problem(s) in the casebook:",
                "  error: claims/headline.toml:*: not valid TOML: *" + literal("[broken-toml]"),
            ]
        )
        assert "Traceback" not in result.stdout.str()
        assert "During handling" not in result.stdout.str()
        assert 2 == result.stdout.str().count("not valid TOML")

    def test_rootdir_no_casebook(self, pytester: pytest.Pytester) -> None:
        """With neither option, a rootdir that is no casebook says how to name one."""
        pytester.makepyfile(test_desk=USES_FIXTURE)
        result = pytester.runpytest("test_desk.py")

        result.assert_outcomes(errors=2)
        result.stdout.fnmatch_lines(
            [
                "the casebook at . could not be loaded: 2 problem(s) in the casebook:",
                "  error: */sources: the casebook has no sources/ folder "
                + literal("[missing-folder]"),
                "  error: */claims: the casebook has no claims/ folder "
                + literal("[missing-folder]"),
                "(the `casebook` fixture loads the rootdir unless --casebook PATH or the ini "
                "option factcheck_casebook names a casebook folder)",
            ]
        )
        assert "Traceback" not in result.stdout.str()


class TestHelpersInTests:
    """The helpers fail a user's test at the user's line, with the report."""

    def test_failure_shows_report(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """Changing the expected status fails with expected, actual, why and the timeline."""
        book()
        pytester.makepyfile(test_desk=WRONG_STATUS)
        result = pytester.runpytest("--casebook=book", "test_desk.py")

        result.assert_outcomes(failed=1, passed=1)
        result.stdout.fnmatch_lines(
            [
                ">       assert_status(casebook, *",
                "E       AssertionError: altman-joins-microsoft as of 2023-11-22 00:00 KST: "
                "expected refuted, got confirmed",
                "E       statuses: unreported, confirmed from 2023-11-20 16:53:28 KST, "
                "superseded from 2023-11-22 15:05 KST",
                "E       why: confirmed since 2023-11-20 16:53:28 KST: first-party: nadella *",
                "E       timeline of altman-joins-microsoft (times in Asia/Seoul):",
                "E         >   2023-11-20 16:53:28 KST  confirmed   first-party: nadella *",
                "test_desk.py:4: AssertionError",
            ]
        )

    def test_helper_frames_hidden(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """The traceback stops at the user's call: the helper's own lines are hidden."""
        book()
        pytester.makepyfile(test_desk=WRONG_STATUS)
        result = pytester.runpytest("--casebook=book", "test_desk.py", "--tb=long")

        result.assert_outcomes(failed=1, passed=1)
        assert "raise AssertionError" not in result.stdout.str()
        assert "factcheck/testing.py" not in result.stdout.str()


class TestPlainAssert:
    """``assert resolution == "status"`` fails with the reasons and the timeline."""

    def test_reasons_and_timeline(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """The explanation names the claim, the statuses and the reasons, then the timeline."""
        book()
        pytester.makepyfile(
            test_desk="""
            def test_joined(casebook):
                assert casebook.status("altman-joins-microsoft", "2023-11-21") == "refuted"
        """
        )
        result = pytester.runpytest("--casebook=book", "test_desk.py", "-vv")

        result.assert_outcomes(failed=1, passed=1)
        result.stdout.fnmatch_lines(
            [
                "E       AssertionError: assert <altman-joins-microsoft: confirmed> == 'refuted'",
                "E         altman-joins-microsoft as of 2023-11-22 00:00 KST: expected refuted, "
                "got confirmed",
                "E         statuses: unreported, confirmed from 2023-11-20 16:53:28 KST, "
                "superseded from 2023-11-22 15:05 KST",
                "E         why: confirmed since 2023-11-20 16:53:28 KST: first-party: nadella *",
                "E         timeline of altman-joins-microsoft (times in Asia/Seoul):",
                "E               from * status * why",
                "E               (start) * unreported * nothing published by then *",
                "E           >   2023-11-20 16:53:28 KST  confirmed * first-party: nadella *",
                "E               2023-11-22 15:05 KST     superseded  by altman-returns-as-ceo *",
            ]
        )

    def test_essentials_survive_truncation(
        self, pytester: pytest.Pytester, book: BookWriter
    ) -> None:
        """Without ``-vv`` pytest cuts long explanations; the statuses and reasons come first."""
        book()
        pytester.makepyfile(
            test_desk="""
            def test_joined(casebook):
                assert casebook.status("altman-joins-microsoft", "2023-11-21") == "refuted"
        """
        )
        result = pytester.runpytest("--casebook=book", "test_desk.py")

        result.assert_outcomes(failed=1, passed=1)
        result.stdout.fnmatch_lines(
            [
                "E         statuses: unreported, confirmed from *",
                "E         why: confirmed since *",
            ]
        )

    def test_not_equal_and_flipped(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """``!=`` and a status on the left are explained too."""
        book()
        pytester.makepyfile(
            test_desk="""
            def test_not(casebook):
                assert casebook.status("altman-joins-microsoft", "2023-11-21") != "confirmed"

            def test_flipped(casebook):
                assert "refuted" == casebook.status("altman-joins-microsoft", "2023-11-21")
        """
        )
        result = pytester.runpytest("--casebook=book", "test_desk.py")

        result.assert_outcomes(failed=2, passed=1)
        result.stdout.fnmatch_lines(
            [
                "E       AssertionError: assert <altman-joins-microsoft: confirmed> != 'confirmed'",
                "E         altman-joins-microsoft as of * expected anything but confirmed, "
                "got confirmed",
                "E       AssertionError: assert 'refuted' == <altman-joins-microsoft: confirmed>",
                "E         altman-joins-microsoft as of * expected refuted, got confirmed",
            ]
        )

    def test_misspelt_status(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """A string that is no status is called out, with the choices."""
        book()
        pytester.makepyfile(
            test_desk="""
            def test_typo(casebook):
                assert casebook.status("altman-joins-microsoft", "2023-11-21") == "confirmd"
        """
        )
        result = pytester.runpytest("--casebook=book", "test_desk.py")

        result.stdout.fnmatch_lines(
            [
                "E         * expected 'confirmd', which is not a status (unreported | reported *), "
                "got confirmed",
            ]
        )

    def test_casebook_loaded_by_the_test(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """A casebook the test loads itself is found, so the timeline is shown."""
        book()
        pytester.makepyfile(
            test_desk="""
            import factcheck

            def test_own():
                mine = factcheck.load("book")
                assert mine.status("board-accepts-demands", "2023-11-21") == "reported"
        """
        )
        result = pytester.runpytest("test_desk.py", "-vv")

        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(
            [
                "E         board-accepts-demands as of * expected reported, got refuted",
                "E         statuses: unreported, reported from 2023-11-20 00:00 KST, "
                "refuted from *",
                "E         timeline of board-accepts-demands (times in Asia/Seoul):",
            ]
        )

    def test_casebook_out_of_reach(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """Without its casebook the resolution still explains itself, and says why no timeline."""
        book()
        pytester.makepyfile(
            test_desk="""
            import factcheck

            def resolution():
                return factcheck.load("book").status("board-accepts-demands", "2023-11-21")

            def test_gone():
                assert resolution() == "reported"
        """
        )
        result = pytester.runpytest("test_desk.py", "-vv")

        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(
            [
                "E         board-accepts-demands as of * expected reported, got refuted",
                "E         why: refuted since *",
                "E         (no timeline: the casebook this resolution came from is not in reach; "
                "use the `casebook` fixture)",
            ]
        )
        assert "statuses:" not in result.stdout.str()

    def test_holds(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """A resolution equal to the status passes."""
        book()
        pytester.makepyfile(
            test_desk="""
            def test_joined(casebook):
                assert casebook.status("altman-joins-microsoft", "2023-11-21") == "confirmed"
        """
        )
        result = pytester.runpytest("test_desk.py", "--casebook=book")

        result.assert_outcomes(passed=2)

    def test_in_statuses(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """``in`` and ``not in`` a collection of statuses are explained too."""
        book()
        pytester.makepyfile(
            test_desk="""
            def test_in(casebook):
                res = casebook.status("altman-joins-microsoft", "2023-11-21")
                assert res in ("refuted", "disputed")

            def test_not_in(casebook):
                res = casebook.status("altman-joins-microsoft", "2023-11-21")
                assert res not in ["superseded", "confirmed"]
        """
        )
        result = pytester.runpytest("--casebook=book", "test_desk.py")

        result.assert_outcomes(failed=2, passed=1)
        result.stdout.fnmatch_lines(
            [
                "E       AssertionError: assert <altman-joins-microsoft: confirmed> in "
                "('refuted', 'disputed')",
                "E         altman-joins-microsoft as of * expected refuted or disputed, "
                "got confirmed",
                "E         timeline of altman-joins-microsoft (times in Asia/Seoul):",
                "E       AssertionError: assert <altman-joins-microsoft: confirmed> not in *",
                "E         altman-joins-microsoft as of * expected anything but superseded or "
                "confirmed, got confirmed",
            ]
        )

    def test_other_operators_untouched(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """``is`` is not ours: pytest explains it its own way."""
        book()
        pytester.makepyfile(
            test_desk="""
            def test_is(casebook):
                wanted = "confirmed"
                assert casebook.status("altman-joins-microsoft", "2023-11-21") is wanted
        """
        )
        result = pytester.runpytest("--casebook=book", "test_desk.py")

        result.assert_outcomes(failed=1, passed=1)
        assert "timeline of" not in result.stdout.str()
        assert "expected confirmed" not in result.stdout.str()

    def test_other_types_untouched(self, pytester: pytest.Pytester) -> None:
        """Comparisons that involve no resolution keep pytest's own explanation."""
        pytester.makepyfile(
            test_desk="""
            def test_numbers():
                assert [1, 2] == [1, 3]
        """
        )
        result = pytester.runpytest("test_desk.py")

        result.stdout.fnmatch_lines(
            [
                "E       assert [1, 2] == [1, 3]",
                "E         At index 1 diff: 2 != 3",
            ]
        )


class TestAsAPlugin:
    """Run in a fresh interpreter, as CI would, with strict settings."""

    @pytest.mark.parametrize(
        "flags",
        [
            ["-W", "error"],
            ["-p", "no:cacheprovider"],
            ["--import-mode=importlib"],
            ["-W", "error", "-p", "no:cacheprovider", "--import-mode=importlib"],
        ],
        ids=["warnings-as-errors", "no-cacheprovider", "importlib", "all"],
    )
    def test_strict_flags(
        self, pytester: pytest.Pytester, book: BookWriter, flags: list[str]
    ) -> None:
        """Tests, expectations and the findings item pass, with no warning at all."""
        book(EXPECT)
        pytester.makepyfile(test_desk=USES_FIXTURE)
        result = pytester.runpytest_subprocess("--casebook=book", *flags)

        result.assert_outcomes(passed=4)
        assert "warning" not in result.stdout.str().lower()

    @pytest.mark.parametrize(
        "flags",
        [
            ["-W", "error"],
            ["-p", "no:cacheprovider"],
            ["--import-mode=importlib"],
        ],
        ids=["warnings-as-errors", "no-cacheprovider", "importlib"],
    )
    def test_strict_flags_failures(
        self, pytester: pytest.Pytester, book: BookWriter, flags: list[str]
    ) -> None:
        """Failures still read as reports: a helper, a plain assert and an expectation."""
        book({"altman-returns-as-ceo": [{"as_of": "2023-11-21", "status": "confirmed"}]})
        pytester.makepyfile(
            test_desk=WRONG_STATUS
            + """
def test_plain(casebook):
    assert casebook.status("altman-joins-microsoft", "2023-11-21") == "refuted"
"""
        )
        result = pytester.runpytest_subprocess("--casebook=book", *flags)

        result.assert_outcomes(passed=1, failed=3)
        result.stdout.fnmatch_lines(
            [
                "altman-returns-as-ceo as of 2023-11-22 00:00 KST: expected confirmed, "
                "got unreported",
                "timeline of altman-returns-as-ceo (times in Asia/Seoul):",
                "E       AssertionError: altman-joins-microsoft as of 2023-11-22 00:00 KST: "
                "expected refuted, got confirmed",
                "E         altman-joins-microsoft as of 2023-11-22 00:00 KST: expected refuted, "
                "got confirmed",
            ]
        )
        assert "warning" not in result.stdout.str().lower()

    def test_helpers_rewritten_without_warning(
        self, pytester: pytest.Pytester, book: BookWriter
    ) -> None:
        """factcheck.testing is assert-rewritten, even when a conftest imports it first."""
        book()
        pytester.makeconftest("from factcheck.testing import assert_status\n")
        pytester.makepyfile(
            test_desk="""
            import factcheck.testing

            def test_rewritten():
                assert "AssertionRewritingHook" == type(factcheck.testing.__loader__).__name__
        """
        )
        result = pytester.runpytest_subprocess("-W", "error", "test_desk.py")

        result.assert_outcomes(passed=1)
        assert "cannot be rewritten" not in result.stdout.str() + result.stderr.str()

    def test_loaded_once(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """The casebook is loaded once per session, for the fixture and the collection alike."""
        book(EXPECT)
        pytester.makeconftest("""
            import factcheck._load

            LOADS = []
            _load = factcheck._load.load

            def counting(path):
                LOADS.append(path)
                return _load(path)

            factcheck._load.load = counting
        """)
        pytester.makepyfile(
            test_desk="""
            from conftest import LOADS

            def test_first(casebook):
                assert 1 == len(LOADS)

            def test_second(casebook):
                assert 1 == len(LOADS)
        """
        )
        result = pytester.runpytest_subprocess("--casebook=book")

        result.assert_outcomes(passed=4)
