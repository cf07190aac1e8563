"""factcheck: check claims made by and about stakeholders in news coverage, as of any moment.

A casebook holds stakeholders, sources (with revisions and verbatim excerpts) and claims; it
resolves every claim's status as of any time, says why, and checks itself for inconsistencies.

>>> import factcheck
>>> casebook = factcheck.load(".")                                      # doctest: +SKIP
>>> casebook.status("altman-joins-microsoft", "2023-11-21").status   # doctest: +SKIP
<Status.CONFIRMED: 'confirmed'>
"""

from importlib.metadata import PackageNotFoundError, version

from . import _questions  # noqa: F401  (registers how casebooks answer questions)
from ._asof import parse_as_of
from ._bounds import Bounded, BoundSide, parse_time
from ._due import DueIn
from ._errors import (
    CasebookChangedError,
    CasebookError,
    LoadError,
    TimeValueError,
    UnknownClaimError,
)
from ._findings import Finding, Severity
from ._load import load, save
from ._model import (
    Approx,
    Casebook,
    CasebookSettings,
    Claim,
    ClaimKind,
    Excerpt,
    Expectation,
    Fact,
    Property,
    Quantity,
    Relation,
    RelationKind,
    Revision,
    Source,
    SourceKind,
    Stakeholder,
    StakeholderKind,
    Stance,
    Stances,
)
from ._outcome import Quote
from ._report import Report, build_report, render_report
from ._resolution import Evidence, RelationReason, Resolution, Status, Step, Strength, Timeline
from ._revise import Revised, plan_revision, write_revision
from ._status_tables import statuses_frame, steps_frame
from ._when import Order, Precision, When, format_instant

try:
    __version__ = version("factcheck-casebook")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

__all__ = [
    "Approx",
    "BoundSide",
    "Bounded",
    "Casebook",
    "CasebookChangedError",
    "CasebookError",
    "CasebookSettings",
    "Claim",
    "ClaimKind",
    "DueIn",
    "Evidence",
    "Excerpt",
    "Expectation",
    "Fact",
    "Finding",
    "LoadError",
    "Order",
    "Precision",
    "Property",
    "Quantity",
    "Quote",
    "Relation",
    "RelationKind",
    "RelationReason",
    "Report",
    "Resolution",
    "Revised",
    "Revision",
    "Severity",
    "Source",
    "SourceKind",
    "Stakeholder",
    "StakeholderKind",
    "Stance",
    "Stances",
    "Status",
    "Step",
    "Strength",
    "TimeValueError",
    "Timeline",
    "UnknownClaimError",
    "When",
    "__version__",
    "build_report",
    "format_instant",
    "load",
    "parse_as_of",
    "parse_time",
    "plan_revision",
    "render_report",
    "save",
    "statuses_frame",
    "steps_frame",
    "write_revision",
]
