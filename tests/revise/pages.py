"""Small synthetic casebooks: one page, saved once, then edited in the ways pages are edited."""

from __future__ import annotations

import hashlib
from pathlib import Path

#: The page as first saved: a list of events, each one sentence or two.
PAGE = """\
Board news
Updated as events unfold.
- On Friday the board dismissed the chief executive. Staff were told by email.
- Revenue reached $1.3B this year, and 80% of developers prefer the product.
- The chair resigned the same evening.
- "We will not comment," a spokesperson said. Later: "We will not comment," the chair said.
Share article
"""

SOURCE = """\
# The page, as the desk keeps it.
id = "page"
title = "Board news"
kind = "article"
publisher = "Daily"
language = "en"
zone = "Asia/Seoul"

[[revisions]]
id = "original"
published = "2023-11-19"
snapshot = "sources/snapshots/page/original.txt"
sha256 = "{sha256}"

# --- excerpts ---

[[excerpts]]
id = "dismissed"
revision = "original"
quote = "the board dismissed the chief executive."
stances = {{ dismissed = "asserts" }}

[[excerpts]]
id = "revenue"
revision = "original"
quote = "Revenue reached $1.3B this year"
stances = {{ revenue = "asserts" }}

[[excerpts]]
id = "developers"
revision = "original"
quote = "80% of developers prefer the product."
stances = {{ developers = "asserts" }}

[[excerpts]]
id = "chair"
revision = "original"
quote = "The chair resigned the same evening."
stances = {{ chair-resigned = "asserts" }}

[[excerpts]]
id = "no-comment"
revision = "original"
quote = "We will not comment,"
stances = {{ no-comment = "mentions" }}

[[excerpts]]
id = "chair-no-comment"
revision = "original"
quote = "We will not comment,"
prefix = 'Later: "'
suffix = '" the chair said.'
stances = {{ no-comment = "asserts" }}
"""

CLAIMS = """\
zone = "Asia/Seoul"

[[stakeholders]]
id = "board"
name = "Board"
kind = "group"

[[claims]]
id = "dismissed"
kind = "event"
text = "The board dismissed the chief executive."
subjects = ["board"]
claimant = "board"
valid = "2023-11-17"

[[claims]]
id = "revenue"
kind = "state"
text = "Revenue reached $1.3B."
subjects = ["board"]
claimant = "board"
valid = "2023"

[[claims]]
id = "developers"
kind = "state"
text = "80% of developers prefer the product."
subjects = ["board"]
claimant = "board"
valid = "2023"

[[claims]]
id = "chair-resigned"
kind = "event"
text = "The chair resigned."
subjects = ["board"]
claimant = "board"
valid = "2023-11-17"

[[claims]]
id = "no-comment"
kind = "event"
text = "The board declines to comment."
subjects = ["board"]
claimant = "board"
valid = "2023-11-18"
"""


def make_book(root: Path, page: str = PAGE) -> Path:
    """A casebook in ``root`` whose one source was saved once, as ``page``."""
    (root / "sources" / "snapshots" / "page").mkdir(parents=True)
    (root / "claims").mkdir()
    (root / "sources" / "snapshots" / "page" / "original.txt").write_text(page, "utf-8")
    digest = hashlib.sha256(page.encode("utf-8")).hexdigest()
    (root / "sources" / "page.toml").write_text(SOURCE.format(sha256=digest), "utf-8")
    (root / "claims" / "board.toml").write_text(CLAIMS, "utf-8")
    return root


def edited(folder: Path, text: str, name: str = "edited.txt") -> Path:
    """The page as saved again after an edit, outside the casebook (as a user saves it)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, "utf-8")
    return path
