"""A casebook full of hostile strings: markup, attribute breakers, script URLs, control characters.

Ids are restricted to lowercase letters, digits and hyphens, so the hostility sits in every free
text field a report shows: the title, names and aliases, source titles, publishers, authors, URLs,
quotes, translations, claim texts and notes; and in what findings show: a file name and a snapshot
path (a claim with no excerpt, in a file with a hostile name; on request, a snapshot that is not
there).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w

SCRIPT = "<script>alert('x')</script>"
BREAKERS = "\"><img src=x onerror=alert(1)>' onmouseover='alert(2)"
#: A claims file name: findings name their file.
ODD_FILE = '<img src=x onerror=alert(14)> & "odd" \'name.toml'
ODD_SNAPSHOT = f"snapshots/{SCRIPT}\"'.txt"
#: A language tag that would break out of a ``lang`` attribute.
LANGUAGE = "ko\" onmouseover=\"alert(15)"
LONG = "A long claim text | with a pipe\nand a newline, " + "blah " * 80 + "the end."

CASEBOOK: dict[str, Any] = {"title": f"Hostile {SCRIPT} casebook", "zone": "UTC"}

STAKEHOLDERS: dict[str, Any] = {
    "stakeholders": [
        {"id": "villain", "name": f"Villain {BREAKERS}", "kind": "person",
         "aliases": ["</title><script>alert(3)</script>", "x\" autofocus onfocus=\"alert(4)",
                     "\x1b[31mred\x1b[0m \u202eevil\u202c"]},
        {"id": "outlet", "name": "<svg onload=alert(5)>", "kind": "organisation"},
    ],
}

CLAIMS: dict[str, Any] = {
    "zone": "UTC",
    "claims": [
        {"id": "hostile-claim", "kind": "event", "text": f"{SCRIPT} `code` **bold** "
         "[link](javascript:alert(6)) | pipe\nnew line & amp", "subjects": ["villain"],
         "claimant": "outlet", "valid": "2023-11-20T10:00", "note": "<!-- note -->"},
        {"id": "long-claim", "kind": "state", "text": LONG, "subjects": ["villain", "outlet"],
         "claimant": "villain", "valid": "2023-11-20"},
        {"id": "counter-claim", "kind": "event", "text": "</td></tr></table><h1>broken</h1>",
         "subjects": ["villain"], "claimant": "villain", "valid": "2023-11-21"},
        {"id": "hostile-prediction", "kind": "prediction", "text": "<a href=\"javascript:x\">x</a>",
         "subjects": ["outlet"], "claimant": "villain", "due": "2023-11-20T18:00"},
        {"id": "hostile-opinion", "kind": "opinion", "text": "<style>body{display:none}</style>",
         "subjects": ["outlet"], "claimant": "villain"},
    ],
    "relations": [
        {"kind": "contradicts", "from": "counter-claim", "to": "hostile-claim",
         "note": "<iframe src=\"javascript:alert(7)\"></iframe>"},
        {"kind": "supersedes", "from": "counter-claim", "to": "long-claim",
         "note": "'\"><script>alert(8)</script>"},
    ],
}

#: A claim nothing bears on (a no-excerpt finding located in ODD_FILE).
LONELY: dict[str, Any] = {
    "zone": "UTC",
    "claims": [
        {"id": "lonely-claim", "kind": "event", "text": "<blink>nobody</blink> says so",
         "subjects": ["outlet"], "claimant": "villain", "valid": "2023-11-19"},
    ],
}

SOURCES: dict[str, dict[str, Any]] = {
    "evil-post": {
        "id": "evil-post", "title": f"<svg onload=alert(9)> {SCRIPT}", "kind": "social-post",
        "publisher": "A | B\nC <b>bold</b>", "author": "&lt;script&gt; & \"quotes\"",
        "language": "en", "zone": "UTC", "url": "javascript:alert(10)", "speaks_for": ["villain"],
        "note": "</style><script>alert(11)</script>",
        "revisions": [
            {"id": "original", "published": "2023-11-20T12:00", "label": SCRIPT},
            {"id": "update", "published": "2023-11-21", "label": BREAKERS},
        ],
        "excerpts": [
            {"id": "evil-1", "revision": "original", "quote": f"</textarea>{SCRIPT}",
             "translation": "]]><!-- -->", "stances": {"hostile-claim": "asserts",
                                                          "long-claim": "supports",
                                                          "hostile-prediction": "asserts"},
             "withdrawn_in": "update"},
            {"id": "evil-2", "revision": "update", "quote": BREAKERS,
             "stances": {"counter-claim": "asserts", "hostile-opinion": "asserts"}},
        ],
    },
    "quoted-url": {
        "id": "quoted-url", "title": "Quoted URL", "kind": "article",
        "publisher": "<marquee>Outlet</marquee>", "language": "en", "zone": "UTC",
        "url": "https://example.org/a?b=\"><script>alert(12)</script>",
        "revisions": [{"id": "r1", "published": "2023-11-20 evening"}],
        "excerpts": [{"id": "quoted-1", "revision": "r1", "quote": "JaVaScRiPt:alert(13)",
                      "stances": {"long-claim": "asserts"}, "via": "evil-post"}],
    },
    "plain-link": {
        "id": "plain-link", "title": "A plain link", "kind": "article", "publisher": "Wire",
        "language": LANGUAGE, "zone": "UTC", "url": "https://example.org/story?id=1&x=2",
        "revisions": [{"id": "r1", "published": "2023-11-22T08:00"}],
        "excerpts": [{"id": "plain-1", "revision": "r1", "quote": "It happened.",
                      "stances": {"hostile-prediction": "supports"}}],
    },
}


#: Ids are free text too: the format does not restrict them. These break out of Markdown's code
#: fence and table cells, HTML attributes and elements, and send terminal escapes.
ODD_CLAIM = "```\n<script>alert(20)</script> | \x1b[2J"
ODD_STAKEHOLDER = '"><svg onload=alert(21)>'
ODD_SOURCE = "src' onmouseover='alert(22)"
ODD_REVISION = "</title><script>alert(23)</script>"

ODD_IDS: dict[str, Any] = {
    "zone": "UTC",
    "stakeholders": [{"id": ODD_STAKEHOLDER, "name": "Odd", "kind": "group"}],
    "claims": [
        {"id": ODD_CLAIM, "kind": "event", "text": "An id that is hostile.",
         "subjects": [ODD_STAKEHOLDER], "claimant": ODD_STAKEHOLDER, "valid": "2023-11-20"},
    ],
    "relations": [{"kind": "contradicts", "from": ODD_CLAIM, "to": "lonely-claim"}],
}

ODD_SOURCE_FILE: dict[str, Any] = {
    "id": ODD_SOURCE, "title": "Odd ids", "kind": "article", "publisher": "Odd", "language": "en",
    "zone": "UTC", "revisions": [{"id": ODD_REVISION, "published": "2023-11-21T09:00"}],
    "excerpts": [{"id": "odd<b>excerpt</b>", "revision": ODD_REVISION, "quote": "Odd.",
                  "stances": {ODD_CLAIM: "asserts"}}],
}


def write_hostile(folder: Path, *, reverse: bool = False, snapshot: bool = False,
                  odd_ids: bool = False) -> Path:
    """Write the hostile casebook into ``folder``: files written in reverse order if asked; with a
    missing snapshot of a hostile name if asked (its finding names its absolute path); with
    hostile ids (a claim, a stakeholder, a source, a revision) if asked."""
    sources = dict(SOURCES)
    if snapshot:
        sources["quoted-url"] = {**SOURCES["quoted-url"], "snapshot": ODD_SNAPSHOT}
    files: list[tuple[Path, dict[str, Any]]] = [
        (folder / "casebook.toml", CASEBOOK),
        (folder / "claims" / "stakeholders.toml", STAKEHOLDERS),
        (folder / "claims" / "hostile.toml", CLAIMS),
        (folder / "claims" / ODD_FILE, LONELY),
        *((folder / "sources" / f"{sid}.toml", data) for sid, data in sources.items()),
    ]
    if odd_ids:
        files += [(folder / "claims" / "odd-ids.toml", ODD_IDS),
                  (folder / "sources" / "odd-ids.toml", ODD_SOURCE_FILE)]
    (folder / "claims").mkdir(parents=True, exist_ok=True)
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    for path, data in reversed(files) if reverse else files:
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return folder
