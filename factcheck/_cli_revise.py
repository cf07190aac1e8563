"""``factcheck revise`` and ``factcheck diff``: a page updated in place, read as a new revision."""

from __future__ import annotations

import argparse

from ._cliargs import EXIT_OK, Command, UsageError, open_casebook
from ._revdiff import render_diff, revision_diff, shown
from ._revise import Revised, plan_revision, source_of, write_revision
from ._when import format_instant

__all__ = ["DIFF", "REVISE", "render_revised"]


def _source_and_path(args: argparse.Namespace) -> None:
    if args.path_arg is not None and args.path_opt is not None and args.path_arg != args.path_opt:
        raise UsageError(f"the casebook is named twice ({args.path_arg!r} and --path "
                         f"{args.path_opt!r}): name it once")
    args.path = args.path_arg or args.path_opt or "."


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help="the id of the source")
    parser.add_argument("path_arg", nargs="?", metavar="PATH",
                        help="casebook folder (default: .)")
    parser.add_argument("--path", dest="path_opt", metavar="PATH",
                        help="casebook folder, as an option (the same as the positional PATH)")
    parser.add_argument("--tz", help="zone for output (default: the casebook's)")


# -- revise --------------------------------------------------------------------------------------


def _revise_arguments(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument("--snapshot", required=True, metavar="FILE",
                        help="the page as it stands now (text, or HTML)")
    parser.add_argument("--published", required=True, metavar="T",
                        help="when this revision became public (a time value; the source's zone "
                        "when it names none)")
    parser.add_argument("--label", help="how the page labels the update")
    parser.add_argument("--id", dest="revision_id", metavar="REV",
                        help="the new revision's id (default: update-YYYYMMDD)")
    parser.add_argument("--dry-run", action="store_true",
                        help="print what it would do, and write nothing")


def _run_revise(args: argparse.Namespace) -> int:
    _source_and_path(args)
    casebook = open_casebook(args)
    zone = args.tz or casebook.zone
    revised = plan_revision(casebook, args.source, args.snapshot, args.published, args.label,
                            args.revision_id)
    written = [] if args.dry_run else write_revision(revised, args.snapshot)
    print(render_revised(revised, zone, dry_run=args.dry_run, written=written), end="")
    return EXIT_OK


def render_revised(revised: Revised, zone: str | None, *, dry_run: bool = False,
                   written: list[str] | None = None) -> str:
    """What ``factcheck revise`` prints."""
    rev = revised.revision
    if revised.already and revised.same_text:
        return (f"{revised.source}: the page's text is the same as revision {rev.id}'s (only its "
                "layout differs: line breaks, spaces, quotation marks): nothing to do\n")
    if revised.already:
        return (f"{revised.source}: revision {rev.id} holds this snapshot already "
                f"(sha256 {rev.sha256}): nothing to do\n")
    label = f" ({shown(rev.label)})" if rev.label else ""
    lines = [f"{revised.source}: new revision {rev.id}{label}, published {rev.published.text()}",
             f"  snapshot {rev.snapshot} (sha256 {rev.sha256})"]
    if revised.previous is not None:
        lines.append(f"  compared with revision {revised.previous.id}")
    else:
        lines.append("  no earlier revision has a snapshot: nothing to compare with, quotes "
                     "checked against the new page only")
    lines += ["", f"withdrawn: {len(revised.withdrawn)} excerpt(s) whose quote is no longer in "
              f"the page (withdrawn_in = \"{rev.id}\")"]
    lines += [f"  {e.id}: \"{shown(e.quote, 90)}\"" for e in revised.withdrawn]
    lines += ["", f"to judge: {len(revised.sentence_changed)} excerpt(s) whose quote is still "
              "there but whose sentence changed"]
    for c in revised.sentence_changed:
        lines += [f"  {c.excerpt}:", f"    before: {shown(c.before, 160)}",
                  f"    after:  {shown(c.after, 160)}"]
    if revised.ambiguous:
        lines += ["", f"to judge: {len(revised.ambiguous)} excerpt(s) whose quote cannot be told "
                  "apart in the page (pin it with prefix and suffix)"]
        lines += [f"  {e}: found {n} time(s)" for e, n in revised.ambiguous]
    lines += ["", f"added: {len(revised.passages)} passage(s), candidates for excerpts"]
    for p in revised.passages:
        after = f" (after \"{shown(p.after, 40)}\")" if p.after else " (at the top)"
        lines.append(f"  line {p.line}{after}: {shown(p.text)}")
    when = format_instant(revised.as_of, zone) if revised.as_of else "-"
    lines += ["", f"status changes as of {when}: {len(revised.status_changes)}"]
    lines += [f"  {c.claim}: {c.before} -> {c.after}" for c in revised.status_changes]
    lines.append("")
    if dry_run:
        lines.append("dry run: nothing written")
    else:
        lines += [f"wrote {name}" for name in written or []]
    return "\n".join(lines) + "\n"


REVISE = Command(
    "revise", "Add a revision of a source from a new snapshot of its page, and see what it "
    "withdrew.", _revise_arguments, _run_revise, casebook=False)


# -- diff ----------------------------------------------------------------------------------------


def _diff_arguments(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument("--from", dest="from_rev", metavar="REV",
                        help="the earlier revision (default: the one before --to)")
    parser.add_argument("--to", dest="to_rev", metavar="REV",
                        help="the later revision (default: the latest with a snapshot)")


def _run_diff(args: argparse.Namespace) -> int:
    _source_and_path(args)
    casebook = open_casebook(args)
    source = source_of(casebook, args.source)
    diff = revision_diff(casebook, source, args.from_rev, args.to_rev)
    print(render_diff(diff), end="")
    return EXIT_OK


DIFF = Command(
    "diff", "The text changes between two revisions of a source, with the excerpts each touches.",
    _diff_arguments, _run_diff, casebook=False)
