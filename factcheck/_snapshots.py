"""Snapshots of a page: reading one (text, or HTML with its main text kept beside it), checking its
sha256, and checking quotes against the snapshot of their own revision."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ._findings import Finding, Severity
from ._model import Casebook, Excerpt, Source
from ._paths import OutsideCasebook, within
from ._textnorm import folded, occurrences

__all__ = ["HTML_SUFFIXES", "extract_text", "page_text", "quote_findings", "revision_findings",
           "sha256_of", "text_beside"]

#: Snapshot files read as HTML: their main text is extracted, and kept beside them as text.
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def sha256_of(data: bytes) -> str:
    """The sha256 recorded for a snapshot file: 64 lowercase hexadecimal digits."""
    return hashlib.sha256(data).hexdigest()


def text_beside(snapshot: str) -> str:
    """Where an HTML snapshot's extracted text is kept: the same path with ``.txt`` added."""
    return f"{snapshot}.txt"


def extract_text(html: str) -> str:
    """The main text of an HTML page (without menus, footers and comments), by trafilatura.

    Paragraphs are separated by line breaks. Raises ``ImportError`` with what to install when the
    ``html`` extra is not there.
    """
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - the test extra installs it
        raise ImportError("reading HTML snapshots needs trafilatura: "
                          "pip install 'factcheck-casebook[html]'") from None
    text = trafilatura.extract(html, include_comments=False, include_tables=True,
                               deduplicate=False, favor_recall=True)
    return text or ""


def page_text(root: Path, snapshot: str, sha256: str | None, file: str | None,
              where: str, path: Path | None = None) -> tuple[str | None, list[Finding]]:
    """The text of the snapshot ``snapshot`` (relative to ``root``), or None with the findings that
    say why not: missing, unreadable, or not the file its sha256 names. An HTML snapshot's text is
    the text kept beside it (see :func:`text_beside`), so results do not change with the
    extractor's version; without one, it is extracted now.

    ``path``, when given, is read instead: a file the user names (``check --snapshot``), theirs to
    name anywhere; a path from the casebook always stays inside its folder."""
    key = f"{where}.snapshot" if where else "snapshot"
    try:
        path = path or within(root, snapshot)
        if not path.is_file():
            return None, [Finding(Severity.INFO, "snapshot-missing",
                                  f"snapshot {snapshot} is not available: quotes not verified",
                                  file, key)]
        data = path.read_bytes()
    except OutsideCasebook as exc:
        return None, [Finding(Severity.ERROR, "snapshot-outside",
                              f"snapshot {snapshot} is not read: {exc}", file, key)]
    except OSError as exc:
        return None, [Finding(Severity.ERROR, "snapshot-unreadable",
                              f"snapshot {snapshot} cannot be read ({exc.strerror or exc}): "
                              "quotes not verified", file, key)]
    if sha256 is not None and sha256_of(data) != sha256.lower():
        return None, [Finding(Severity.ERROR, "snapshot-changed",
                              f"snapshot {snapshot} does not match the recorded sha256: the text "
                              "is not the one the excerpts were quoted from", file,
                              f"{where}.sha256" if where else "sha256")]
    text = data.decode("utf-8", errors="replace")
    if not snapshot.lower().endswith(HTML_SUFFIXES):
        return text, []
    try:
        beside = within(root, text_beside(snapshot))
        if beside.is_file():
            return beside.read_bytes().decode("utf-8", errors="replace"), []
    except (OutsideCasebook, OSError):
        pass  # extracted again below: the snapshot itself was read and matched its sha256
    try:
        return extract_text(text), []
    except ImportError as exc:
        return None, [Finding(Severity.INFO, "snapshot-missing",
                              f"snapshot {snapshot} is HTML and its text is not kept beside it "
                              f"({text_beside(snapshot)}): {exc}", file, key)]


def quote_findings(page: str, excerpt: Excerpt, shown: str, file: str | None,
                   where: str) -> list[Finding]:
    """Whether the excerpt's quote is in the folded ``page``, between its prefix and suffix when
    it has them, and only once when it has them."""
    if not excerpt.verbatim:
        return []  # a paraphrase is not the page's words: nothing to find
    found = occurrences(page, excerpt.quote, excerpt.prefix, excerpt.suffix)
    pinned = excerpt.prefix is not None or excerpt.suffix is not None
    if not found:
        if pinned and occurrences(page, excerpt.quote):
            message = (f"excerpt {excerpt.id}: the quote is in snapshot {shown}, but not between "
                       "its prefix and suffix")
        else:
            message = f"excerpt {excerpt.id}: the quote is not in snapshot {shown}"
        return [Finding(Severity.ERROR, "quote-not-found", message, file, f"{where}.quote")]
    if pinned and len(found) > 1:
        return [Finding(Severity.WARNING, "quote-ambiguous",
                        f"excerpt {excerpt.id}: the quote occurs {len(found)} times in snapshot "
                        f"{shown} even with its prefix and suffix: lengthen them", file,
                        f"{where}.quote")]
    return []


def revision_findings(casebook: Casebook, source: Source) -> list[Finding]:
    """Each revision's snapshot read and checked, and each excerpt's quote checked against the
    snapshot of its own revision."""
    file = casebook.source_files.get(source.id)
    found: list[Finding] = []
    pages: dict[str, tuple[str, str]] = {}
    for i, revision in enumerate(source.revisions):
        if revision.snapshot is None:
            continue
        root = Path(casebook.path or ".")
        text, problems = page_text(root, revision.snapshot, revision.sha256, file,
                                   f"revisions[{i}]")
        found += problems
        if text is not None:
            pages[revision.id] = (folded(text), revision.snapshot)
    # Only a revision with a snapshot has its quotes checked: without any, no excerpt is made
    # (a bulk source's are read from their file one by one).
    for i, excerpt in enumerate(source.excerpts if pages else ()):
        if excerpt.revision in pages:
            page, shown = pages[excerpt.revision]
            found += quote_findings(page, excerpt, shown, file, f"excerpts[{i}]")
    return found
