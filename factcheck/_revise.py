"""A new revision from a new snapshot of a page: what it withdrew, what it changed, what it added.

:func:`plan_revision` compares the new snapshot with the previous revision's and returns a
:class:`Revised`: the new revision, the excerpts whose quote is gone (marked ``withdrawn_in``),
those whose quote is still there but whose sentence changed (for a person to judge), the passages
the revision added (candidates for excerpts, each with its place), and the claims whose status
changes as of the new revision's time. :func:`write_revision` writes it into the casebook,
keeping the source file's comments.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import attrs
import pendulum

from ._bounds import anchor, parse_time
from ._model import Casebook, Excerpt, Revision, Source
from ._paths import OutsideCasebook, within
from ._snapshots import HTML_SUFFIXES, extract_text, page_text, sha256_of, text_beside
from ._textdiff import Page, core, word_changes
from ._when import When

__all__ = ["Passage", "Revised", "StatusChange", "plan_revision", "revision_page", "source_of",
           "write_revision"]


@attrs.frozen
class Passage:
    """A passage the new revision added: its text, its line in the snapshot, what precedes it."""

    text: str
    line: int
    after: str | None


@attrs.frozen
class SentenceChanged:
    """An excerpt whose quote is still in the page, but whose sentence around it changed."""

    excerpt: str
    before: str
    after: str


@attrs.frozen
class StatusChange:
    """A claim whose status the revision changes, as of the revision's time."""

    claim: str
    before: str
    after: str


@attrs.frozen
class Revised:
    """What adding a revision does; ``casebook`` is the casebook with it (unchanged when
    ``already`` names a revision that holds this snapshot already)."""

    source: str
    revision: Revision
    already: bool
    previous: Revision | None
    withdrawn: tuple[Excerpt, ...]
    sentence_changed: tuple[SentenceChanged, ...]
    ambiguous: tuple[tuple[str, int], ...]
    passages: tuple[Passage, ...]
    status_changes: tuple[StatusChange, ...]
    as_of: pendulum.DateTime | None
    casebook: Casebook
    #: Where the snapshot is copied to (relative to the casebook), and the text beside it.
    copy_to: str | None = None
    text: str = ""
    #: ``already`` because the page's text is the same as that revision's, though its bytes differ.
    same_text: bool = False


def revision_page(casebook: Casebook, source: Source, revision: Revision) -> Page | None:
    """The page as it stood in ``revision``: its own snapshot, or (for the latest revision that
    has none) the source's snapshot; None when there is none or it cannot be read."""
    root = Path(casebook.path or ".")
    if revision.snapshot is not None:
        text, _ = page_text(root, revision.snapshot, revision.sha256, None, "")
    elif source.snapshot is not None and revision == _latest(source.revisions):
        text, _ = page_text(root, source.snapshot, source.sha256, None, "")
    else:
        return None
    return Page.of(text) if text is not None else None


def source_of(casebook: Casebook, source_id: str) -> Source:
    """The source with this id, or a ``ValueError`` suggesting the nearest ids."""
    source = casebook.source_by_id.get(source_id)
    if source is None:
        from ._suggest import did_you_mean

        raise ValueError(f"no source {source_id!r} in the casebook"
                         + did_you_mean(source_id, casebook.source_by_id))
    return source


def _latest(revisions: tuple[Revision, ...]) -> Revision | None:
    return max(revisions, key=lambda r: anchor(r.published).start, default=None)


def plan_revision(casebook: Casebook, source_id: str, snapshot: str | Path, published: str,
                  label: str | None = None, revision_id: str | None = None) -> Revised:
    """What adding a revision of ``source_id`` from the file ``snapshot``, published at
    ``published`` (a time value, in the source's zone when it names none), does.

    Raises ``ValueError`` for an unknown source, an unreadable snapshot, or a revision id taken.
    """
    source = source_of(casebook, source_id)
    file = casebook.source_files.get(source.id, "")
    if file.endswith(".jsonl"):
        raise ValueError(f"source {source_id} is in the JSON Lines file {file}: revise edits a "
                         "source's TOML file (save the casebook as TOML first)")
    path = Path(snapshot)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot read the snapshot {snapshot}: {exc.strerror or exc}") from None
    sha256 = sha256_of(data)
    for revision in source.revisions:
        if revision.sha256 == sha256:
            return _nothing(casebook, source, revision)
    when = parse_time(published, source.zone)  # "<= T": the page as it stood by T
    new_id = revision_id or _new_id(source, when)
    if any(r.id == new_id for r in source.revisions):
        raise ValueError(f"source {source_id} has a revision {new_id!r} already, with another "
                         "snapshot: give the new one another id (--id)")
    html = path.suffix.lower() in HTML_SUFFIXES
    text = data.decode("utf-8", errors="replace")
    if html:
        try:
            text = extract_text(text)
        except ImportError as exc:
            raise ValueError(str(exc)) from None
    new_page = Page.of(text)
    copy_to = _place(casebook, source, new_id, path)
    revision = Revision(new_id, when, label, None, copy_to, sha256)

    # A bounded time is placed at its bound: a snapshot known by T comes after what came before T.
    earlier = [r for r in source.revisions if anchor(r.published).start <= anchor(when).start]
    previous = _latest(tuple(r for r in earlier if revision_page(casebook, source, r)))
    old_page = revision_page(casebook, source, previous) if previous else None
    if previous is not None and old_page is not None and old_page.text == new_page.text:
        # Saved again with another layout (line breaks, quotation marks): not a new revision.
        return attrs.evolve(_nothing(casebook, source, previous), same_text=True)

    withdrawn: list[Excerpt] = []
    changed: list[SentenceChanged] = []
    ambiguous: list[tuple[str, int]] = []
    earlier_ids = {r.id for r in earlier}
    for excerpt in source.excerpts:
        if excerpt.withdrawn_in is not None or excerpt.revision not in earlier_ids:
            continue
        found = new_page.find(excerpt.quote, excerpt.prefix, excerpt.suffix)
        anywhere = new_page.find(excerpt.quote)
        was = len(old_page.find(excerpt.quote)) if old_page is not None else None
        pinned = excerpt.prefix is not None or excerpt.suffix is not None
        if not anywhere or (pinned and not found and was is not None and len(anywhere) < was):
            # Gone; or pinned, and the occurrence it pinned is the one that went.
            withdrawn.append(excerpt)
            continue
        if not pinned and (len(anywhere) > 1 or (was or 0) > 1):
            # There more than once, with no telling which is which: only when it is there more
            # or less often than before has something happened to one of them.
            if len(anywhere) != was:
                ambiguous.append((excerpt.id, len(anywhere)))
            continue
        if len(found) != 1:
            ambiguous.append((excerpt.id, len(anywhere)))  # not (only) where it was pinned
            continue
        before = _context(old_page, excerpt)
        after = new_page.context(found[0], found[0] + len(_folded_quote(excerpt)))
        if before is not None and core(before) != core(after):
            changed.append(SentenceChanged(excerpt.id, before, after))

    passages = _passages(old_page, new_page) if old_page is not None else []
    updated = _with_revision(casebook, source, revision, {e.id for e in withdrawn})
    as_of = when.end
    return Revised(
        source.id, revision, False, previous, tuple(withdrawn), tuple(changed), tuple(ambiguous),
        tuple(passages), _status_changes(casebook, updated, as_of), as_of, updated,
        copy_to, text if html else "")


def _nothing(casebook: Casebook, source: Source, revision: Revision) -> Revised:
    return Revised(source.id, revision, True, None, (), (), (), (), (), None, casebook)


def _folded_quote(excerpt: Excerpt) -> str:
    from ._textnorm import folded

    return folded(excerpt.quote)


def _context(page: Page | None, excerpt: Excerpt) -> str | None:
    """The quote's sentence in ``page`` (None when it is not there exactly once)."""
    if page is None:
        return None
    found = page.find(excerpt.quote, excerpt.prefix, excerpt.suffix)
    if len(found) != 1:
        return None
    return page.context(found[0], found[0] + len(_folded_quote(excerpt)))


def _passages(old: Page, new: Page) -> list[Passage]:
    """The new page's sentences holding added wording (not moved), each once, in page order."""
    seen: set[tuple[int, int]] = set()
    passages = []
    for change in word_changes(old, new):
        start, end = change.new
        if change.moved or end <= start:
            continue
        for a, b in new.sentences:
            if a < end and b > start and (a, b) not in seen:
                seen.add((a, b))
                passages.append(Passage(new.written(a, b), new.line(a), new.sentence_before(a)))
    return passages


def _new_id(source: Source, when: When) -> str:
    """``update-YYYYMMDD`` from the publication date, with ``-2``, ``-3``… when taken."""
    start = anchor(when).start
    base = f"update-{start.in_timezone(when.zone or 'UTC').format('YYYYMMDD')}"
    taken = {r.id for r in source.revisions}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _place(casebook: Casebook, source: Source, revision_id: str, path: Path) -> str:
    """Where the snapshot lives in the casebook: where it is, when it is inside it already; else
    ``sources/snapshots/<source>/<revision><suffix>``."""
    root = Path(casebook.path or ".").resolve()
    try:
        inside = path.resolve().relative_to(root).as_posix()
        within(root, inside)
        return inside
    except (ValueError, OutsideCasebook):
        suffix = path.suffix.lower() if re.fullmatch(r"\.[a-z0-9]{1,8}", path.suffix.lower()) \
            else ".txt"
        return f"sources/snapshots/{source.id}/{revision_id}{suffix}"


def _with_revision(casebook: Casebook, source: Source, revision: Revision,
                   withdrawn: set[str]) -> Casebook:
    revisions = list(source.revisions)
    at = max((i + 1 for i, r in enumerate(revisions)
              if anchor(r.published).start <= anchor(revision.published).start), default=0)
    revisions.insert(at, revision)
    excerpts = [attrs.evolve(e, withdrawn_in=revision.id) if e.id in withdrawn else e
                for e in source.excerpts]
    changed = attrs.evolve(source, revisions=revisions, excerpts=excerpts)
    return attrs.evolve(casebook, sources=[changed if s.id == source.id else s
                                           for s in casebook.sources],
                        files=casebook.files, source_files=casebook.source_files)


def _status_changes(before: Casebook, after: Casebook,
                    as_of: pendulum.DateTime) -> tuple[StatusChange, ...]:
    old, new = before.statuses(as_of), after.statuses(as_of)
    return tuple(StatusChange(c, old[c].status.value, new[c].status.value)
                 for c in sorted(new) if old[c].status != new[c].status)


def write_revision(revised: Revised, snapshot: str | Path) -> list[str]:
    """Copy the snapshot into the casebook (with its text beside it when HTML) and save the
    source; returns the files written, relative to the casebook. Nothing when ``already``."""
    if revised.already or revised.copy_to is None:
        return []
    from ._save import save_source

    root = Path(revised.casebook.path or ".")
    written = []
    target = within(root, revised.copy_to)
    if not target.exists() or not target.samefile(snapshot):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(snapshot, target)
        written.append(revised.copy_to)
    if revised.copy_to.lower().endswith(HTML_SUFFIXES):
        within(root, text_beside(revised.copy_to)).write_text(revised.text, encoding="utf-8")
        written.append(text_beside(revised.copy_to))
    # Only the source's file: the rest of the casebook is as it was (and may be large).
    written.append(save_source(revised.casebook, revised.casebook.source_by_id[revised.source],
                               root))
    return written
