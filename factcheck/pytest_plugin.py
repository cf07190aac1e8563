"""The pytest plugin: ``--casebook``, the ``casebook`` fixture, and claim-file expectations.

Registered through the ``pytest11`` entry point, so installing the package is enough. It gives

- the option ``--casebook PATH`` and the ini option ``factcheck_casebook``, naming the casebook
  the session-scoped ``casebook`` fixture loads (default: the rootdir);
- one test item per ``[[claims.expect]]`` table of every claim file pytest collects (a file in a
  ``claims/`` folder beside a ``sources/`` folder), with ids like
  ``claims/openai.toml::altman-returns-as-ceo@2023-11-22``, and one ``casebook-findings`` item per
  casebook that fails on error findings; ``--casebook PATH`` collects PATH's claim files too;
- failure output for ``assert resolution == "confirmed"`` that shows the resolution, its reasons
  and the claim's timeline.

Every casebook is loaded once per session, whichever of these asks first.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest

from ._errors import CasebookError, LoadError
from ._findings import Severity
from ._model import Casebook, Expectation
from ._resolution import Resolution, Status

# Before anything imports factcheck.testing, so its asserts are rewritten. Were it imported
# already (pytest started from a program that imported it), asking would only make pytest warn
# that the module cannot be rewritten any more.
if "factcheck.testing" not in sys.modules:
    pytest.register_assert_rewrite("factcheck.testing")

from .testing import (
    _failure_report,
    _findings_report,
    _origins_text,
    _statuses,
)

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr, TracebackStyle

__all__ = [
    "ClaimFileCollector",
    "ExpectationItem",
    "FindingsItem",
    "casebook",
    "pytest_addoption",
    "pytest_assertrepr_compare",
    "pytest_collect_file",
    "pytest_collection_modifyitems",
    "pytest_configure",
    "pytest_report_header",
]

#: The id of the item that fails when a casebook has error findings.
FINDINGS_ITEM = "casebook-findings"
_SUFFIXES = (".toml", ".jsonl")


@attrs.define
class _State:
    """What the plugin remembers during one session."""

    #: Every casebook asked for, by resolved folder: loaded, or why it could not be.
    casebooks: dict[Path, Casebook | LoadError] = attrs.Factory(dict)
    #: Casebook folders whose findings item (or load failure) has been collected already.
    reported: set[Path] = attrs.Factory(set)
    #: Claim files collected, resolved: ``--casebook`` adds only the others.
    collected: set[Path] = attrs.Factory(set)


_STATE = pytest.StashKey[_State]()


def _state(config: pytest.Config) -> _State:
    return config.stash.setdefault(_STATE, _State())


def _load(config: pytest.Config, path: Path) -> Casebook:
    """The casebook in ``path``, loaded once per session; raises the cached :class:`LoadError`."""
    key = path.resolve()
    cache = _state(config).casebooks
    if key not in cache:
        try:
            cache[key] = _loaded(path)
        except LoadError as exc:
            cache[key] = exc
    result = cache[key]
    if isinstance(result, LoadError):
        raise result
    return result


def _loaded(path: Path) -> Casebook:
    from ._load import load

    return load(path)


def _shown(config: pytest.Config, path: Path) -> str:
    """``path`` relative to where pytest was started, when it lies below; else absolute."""
    try:
        return path.resolve().relative_to(config.invocation_params.dir.resolve()).as_posix() or "."
    except ValueError:
        return str(path.resolve())


def _load_failure(config: pytest.Config, path: Path, exc: LoadError) -> str:
    return f"the casebook at {_shown(config, path)} could not be loaded: {exc}"


# -- options and the fixture --------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--casebook PATH`` and the ini option ``factcheck_casebook``."""
    group = parser.getgroup("factcheck", "claim checking with factcheck")
    group.addoption(
        "--casebook",
        metavar="PATH",
        default=None,
        help="the casebook folder the `casebook` fixture loads; its claim files' expectations "
        "are collected too",
    )
    parser.addini(
        "factcheck_casebook",
        "the casebook folder the `casebook` fixture loads, relative to the ini file "
        "(default: the rootdir)",
        type="string",
        default="",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``factcheck`` marker; refuse a ``--casebook`` that is no casebook folder."""
    config.addinivalue_line(
        "markers", "factcheck: an expectation or findings check collected from a claim file"
    )
    option = config.getoption("casebook")
    if option:
        path = config.invocation_params.dir / str(option)
        missing = [name for name in ("sources", "claims") if not (path / name).is_dir()]
        if missing:
            raise pytest.UsageError(
                f"--casebook {option}: no casebook there (a casebook folder holds sources/ and "
                f"claims/; missing: {', '.join(f'{m}/' for m in missing)})"
            )


def pytest_report_header(config: pytest.Config) -> list[str]:
    """Name the casebook the fixture loads, when one is chosen; warn of a borrowed rootdir."""
    option = config.getoption("casebook")
    if not option and not config.getini("factcheck_casebook"):
        return []
    lines = [f"casebook: {_shown(config, _casebook_path(config))}"]
    if option and _rootdir_from_option(config):
        lines.append(
            f"casebook: pytest chose rootdir {config.rootpath} from the value of --casebook; "
            "write --casebook=PATH to keep the rootdir where you run pytest"
        )
    return lines


def _rootdir_from_option(config: pytest.Config) -> bool:
    """Whether pytest took ``--casebook PATH``'s PATH for a test path when choosing its rootdir.

    pytest settles the rootdir before plugins add their options, so it reads a separate PATH as
    an argument; ``--casebook=PATH`` is one token and is not misread.
    """
    args = list(config.invocation_params.args)
    if "--casebook" not in args[:-1]:
        return False
    value = config.invocation_params.dir / args[args.index("--casebook") + 1]
    here = config.invocation_params.dir.resolve()
    root = config.rootpath.resolve()
    return value.resolve().is_relative_to(root) and not here.is_relative_to(root)


def _casebook_path(config: pytest.Config) -> Path:
    option = config.getoption("casebook")
    if option:
        return config.invocation_params.dir / str(option)
    ini = config.getini("factcheck_casebook")
    if ini:
        base = config.inipath.parent if config.inipath else config.rootpath
        return base / str(ini)
    return config.rootpath


@pytest.fixture(scope="session")
def casebook(pytestconfig: pytest.Config) -> Casebook:
    """The casebook named by ``--casebook`` or ``factcheck_casebook`` (default: the rootdir).

    Loaded once per session. A casebook that cannot be loaded fails every test that uses it with
    the loader's findings.
    """
    path = _casebook_path(pytestconfig)
    try:
        return _load(pytestconfig, path)
    except LoadError as exc:
        failure = _load_failure(pytestconfig, path, exc)
        if not pytestconfig.getoption("casebook") and not pytestconfig.getini("factcheck_casebook"):
            failure += (
                "\n(the `casebook` fixture loads the rootdir unless --casebook PATH or the ini "
                "option factcheck_casebook names a casebook folder)"
            )
    # Failed outside the except block: pytest would print the LoadError too, as the cause.
    pytest.fail(failure, pytrace=False)


# -- collecting expectations from claim files --------------------------------------------------


def _is_claim_file(path: Path) -> bool:
    """A ``.toml`` or ``.jsonl`` file in a ``claims/`` folder that has a ``sources/`` sibling."""
    return (
        path.suffix in _SUFFIXES
        and path.parent.name == "claims"
        and (path.parent.parent / "sources").is_dir()
    )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ClaimFileCollector | None:
    """Collect a casebook's claim files: one item per expectation."""
    if _is_claim_file(file_path):
        return ClaimFileCollector.from_parent(parent, path=file_path)
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    """With ``--casebook PATH``, add the expectations of PATH's claim files not collected yet.

    Runs first, so ``-k``, ``-m`` and ``--deselect`` apply to them as to any other item.
    """
    option = config.getoption("casebook")
    if not option:
        return
    root = (config.invocation_params.dir / str(option)).resolve()
    done = _state(config).collected
    for file in sorted((root / "claims").iterdir()):
        if not _is_claim_file(file) or file.resolve() in done:
            continue
        extra: dict[str, Any] = {}
        try:
            file.relative_to(config.rootpath)
        except ValueError:
            # Outside the rootdir pytest has no relative id for it: name it by its casebook.
            extra["nodeid"] = f"{root.name}/claims/{file.name}"
        node = ClaimFileCollector.from_parent(session, path=file, **extra)
        items.extend(session.genitems(node))


class ClaimFileCollector(pytest.File):
    """One claim file of a casebook: an item per expectation, and the casebook's findings item.

    The findings item goes with the first claim file of its casebook that is collected.
    """

    def collect(self) -> Iterator[pytest.Item]:
        """Load the casebook (once per session) and yield the file's items."""
        state = _state(self.config)
        state.collected.add(self.path.resolve())
        root = self.path.parent.parent
        key = root.resolve()
        first = key not in state.reported
        state.reported.add(key)
        try:
            casebook = _load(self.config, root)
        except LoadError as exc:
            if first:
                raise self.CollectError(_load_failure(self.config, root, exc)) from None
            return
        if first:
            yield FindingsItem.from_parent(self, name=FINDINGS_ITEM, casebook=casebook)
        rel = self.path.relative_to(root).as_posix()
        record = next((f for f in casebook.files if f.path == rel), None)
        if record is None:  # pragma: no cover - every claim file in claims/ is loaded
            return
        entries = [
            (claim_id, position, index, expectation)
            for position, claim_id in enumerate(record.claims)
            for index, expectation in enumerate(casebook.claim_by_id[claim_id].expect)
        ]
        names = _item_names([(c, e) for c, _, _, e in entries], casebook.zone)
        for name, (claim_id, position, index, expectation) in zip(names, entries, strict=True):
            yield ExpectationItem.from_parent(
                self,
                name=name,
                casebook=casebook,
                claim_id=claim_id,
                expectation=expectation,
                where=f"{rel}: claims[{position}].expect[{index}]",
            )


def _item_names(entries: list[tuple[str, Expectation]], zone: str | None) -> list[str]:
    """``claim@as_of``; then ``[tz]``, then a count, only where needed to keep names unique."""
    bases = [f"{claim_id}@{e.as_of}" for claim_id, e in entries]
    counts = Counter(bases)
    zones = [e.tz or zone or "no zone" for _, e in entries]
    names = [
        base if counts[base] == 1 else f"{base}[{z}]" for base, z in zip(bases, zones, strict=True)
    ]
    counts = Counter(names)
    seen: Counter[str] = Counter()
    result = []
    for base, name, z in zip(bases, names, zones, strict=True):
        if counts[name] > 1:
            seen[name] += 1
            name = f"{base}[{z},{seen[name]}]"
        result.append(name)
    return result


class _Failed(Exception):
    """An expectation that does not hold: its message is the whole report."""


class _CasebookItem(pytest.Item):
    """An item checked against a loaded casebook; fails with a report, not a traceback."""

    def __init__(self, *, casebook: Casebook, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.casebook = casebook
        self.add_marker("factcheck")

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: TracebackStyle | None = None
    ) -> str | TerminalRepr:
        """The report for an expectation that does not hold; a traceback for anything else."""
        if isinstance(excinfo.value, _Failed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """The claim file, and the item's name as the heading of its report."""
        return self.path, None, self.name


class ExpectationItem(_CasebookItem):
    """One ``[[claims.expect]]`` table: as of T (in zone Z), status S, and optionally N origins."""

    def __init__(
        self, *, claim_id: str, expectation: Expectation, where: str, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.claim_id = claim_id
        self.expectation = expectation
        self.where = where

    def runtest(self) -> None:
        """Resolve the claim as of the expectation's time and compare."""
        expectation = self.expectation
        expected = _statuses(expectation.status)  # the loader made sure they are statuses
        try:
            resolution = self.casebook.status(self.claim_id, expectation.as_of, tz=expectation.tz)
        except (CasebookError, ValueError) as exc:
            # A date with no zone, where neither the expectation nor the casebook names one.
            raise _Failed(f"{self.where}.as_of: {exc}") from None
        checks = []
        if resolution.status not in expected:
            checks.append((" or ".join(expected), resolution.status.value))
        if expectation.origins is not None and len(resolution.origins) < expectation.origins:
            checks.append(
                (f"at least {expectation.origins} independent origin(s)", _origins_text(resolution))
            )
        if checks:
            raise _Failed(_failure_report(self.casebook, resolution, checks, self.where))


class FindingsItem(_CasebookItem):
    """Fails when the casebook has error findings, listing them."""

    def runtest(self) -> None:
        """Check the casebook and fail on any error."""
        errors = [f for f in self.casebook.findings() if f.severity is Severity.ERROR]
        if errors:
            raise _Failed(_findings_report(self.casebook, errors, Severity.ERROR))


# -- plain asserts ------------------------------------------------------------------------------


def pytest_assertrepr_compare(
    config: pytest.Config, op: str, left: object, right: object
) -> list[str] | None:
    """Explain a failed ``resolution == "status"`` with the reasons and the timeline.

    Ours are ``==`` and ``!=`` between a :class:`~factcheck.Resolution` and a status (or a
    string), and ``in`` and ``not in`` with a resolution on the left and a tuple or list of
    statuses on the right; everything else is left to pytest.
    """
    others: list[str]
    if op in ("==", "!=") and isinstance(left, Resolution) and isinstance(right, str):
        resolution, others, flipped = left, [right], False
    elif op in ("==", "!=") and isinstance(right, Resolution) and isinstance(left, str):
        resolution, others, flipped = right, [left], True
    elif (
        op in ("in", "not in")
        and isinstance(left, Resolution)
        # Not sets: a set looks a resolution up by its hash, which is not its status's.
        and isinstance(right, tuple | list)
        and right
        and all(isinstance(o, str) for o in right)
    ):
        resolution, others, flipped = left, list(right), False
    else:
        return None
    expected = " or ".join(_status_named(o) for o in others)
    if op in ("!=", "not in"):
        expected = f"anything but {expected}"
    shown = f"<{resolution.claim}: {resolution.status.value}>"
    other = others[0] if op in ("==", "!=") else right
    head = f"{other!r} {op} {shown}" if flipped else f"{shown} {op} {other!r}"
    casebook = _casebook_of(config, resolution)
    report = _failure_report(casebook, resolution, [(expected, resolution.status.value)])
    lines = [head, *report.splitlines()]
    if casebook is None:
        lines += [
            "",
            "(no timeline: the casebook this resolution came from is not in reach; "
            "use the `casebook` fixture)",
        ]
    return lines


def _status_named(value: str) -> str:
    """A status as written in a failure: its value, or why the string is none."""
    try:
        return Status(value).value
    except ValueError:
        choices = " | ".join(s.value for s in Status)
        return f"{value!r}, which is not a status ({choices})"


def _casebook_of(config: pytest.Config, resolution: Resolution) -> Casebook | None:
    """The casebook a resolution came from: one the plugin loaded, or one the failing test holds.

    A resolution does not keep its casebook, so this looks at the casebooks loaded this session
    and at the local variables of the frames that are failing the assert (a test's fixtures).
    """
    found: list[Casebook] = [
        c for c in _state(config).casebooks.values() if isinstance(c, Casebook)
    ]
    frame = sys._getframe(1)
    for _ in range(50):
        if frame.f_back is None:
            break
        frame = frame.f_back
        for value in list(frame.f_locals.values()):
            if isinstance(value, Casebook) and all(value is not c for c in found):
                found.append(value)
    holding = [c for c in found if resolution.claim in c.claim_by_id]
    for candidate in holding:
        try:
            again = candidate.resolver().at(resolution.claim, resolution.as_of, resolution.zone)
        except CasebookError:  # pragma: no cover - the claim is in it
            continue
        if again == resolution:
            return candidate
    # Made some other way (a timeline's step, say): trust the only casebook holding the claim.
    return holding[0] if len(holding) == 1 else None
