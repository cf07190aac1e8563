"""``factcheck schemas [DIR]``: the JSON Schemas of casebook files and reports, for editors."""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

from ._cliargs import EXIT_OK, Command, UsageError

__all__ = ["SCHEMAS", "SCHEMAS_COMMAND", "TAPLO"]

#: The shipped schemas: which files each one describes.
SCHEMAS = {
    "source.schema.json": "sources/*.toml",
    "claims.schema.json": "claims/*.toml",
    "casebook.schema.json": "casebook.toml",
    "report.schema.json": "factcheck report --format json",
    "claimreview.schema.json": "factcheck export claimreview",
}

#: What a Taplo (Even Better TOML) configuration beside the casebook needs, for schemas in DIR.
TAPLO = """\
[[rule]]
include = ["sources/*.toml"]
schema.path = "{dir}/source.schema.json"

[[rule]]
include = ["claims/*.toml"]
schema.path = "{dir}/claims.schema.json"

[[rule]]
include = ["casebook.toml"]
schema.path = "{dir}/casebook.schema.json"
"""


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", nargs="?", default=".schemas", metavar="DIR",
                        help="where to write them (default: .schemas)")


def _run(args: argparse.Namespace) -> int:
    target = Path(args.dir)
    shipped = resources.files("factcheck").joinpath("schemas")
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name in SCHEMAS:
            (target / name).write_bytes(shipped.joinpath(name).read_bytes())
    except OSError as exc:
        raise UsageError(f"cannot write the schemas to {target}: {exc.strerror}") from None
    print(f"wrote {len(SCHEMAS)} schemas to {target}; for Taplo / Even Better TOML, put this in "
          ".taplo.toml beside casebook.toml:\n", file=sys.stderr)
    print(TAPLO.format(dir=args.dir.rstrip("/")), end="")
    return EXIT_OK


SCHEMAS_COMMAND = Command("schemas", "Write the JSON Schemas of casebook files and reports, for "
                          "editors and validators.", _arguments, _run, casebook=False)
