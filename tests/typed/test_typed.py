"""`mypy --strict` on a user's code sees factcheck's types, as an installed package (py.typed)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

USER_CODE = '''\
"""A user's script, typed strictly."""

import factcheck


def main() -> None:
    casebook = factcheck.load("casebook")
    resolution = casebook.status("altman-joins-microsoft", "2023-11-21", tz="Asia/Seoul")
    status: factcheck.Status = resolution.status
    explanation: str = resolution.explain()
    timeline = casebook.timeline("altman-joins-microsoft")
    statuses: list[factcheck.Status] = timeline.statuses()
    findings: list[factcheck.Finding] = casebook.findings()
    text: str = factcheck.render_report(casebook, "2023-11-22", fmt="markdown")
    reveal_type(casebook)
    reveal_type(resolution)
    reveal_type(resolution.since)
    reveal_type(timeline)
    reveal_type(casebook.statuses("2023-11-21"))
    print(status, explanation, statuses, findings, text)
'''

#: Revealed types, with the private module a class lives in left out (it may move).
EXPECTED_TYPES = [
    "factcheck.Casebook",
    "factcheck.Resolution",
    "pendulum.datetime.DateTime | None",
    "factcheck.Timeline",
    "dict[str, factcheck.Resolution]",
]


def _public(revealed: str) -> str:
    return re.sub(r"\bfactcheck\.(?:_\w+\.)+", "factcheck.", revealed).replace("builtins.", "")


def _shipped_files() -> list[Path]:
    """What the wheel holds of the package: its modules, and the package data pyproject names."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = config["tool"]["setuptools"].get("package-data", {}).get("factcheck", [])
    package = ROOT / "factcheck"
    files = set(package.rglob("*.py"))
    for pattern in data:
        files.update(package.glob(pattern))
    return sorted(files)


def _install(site: Path, *, typed: bool) -> None:
    """Lay the package out in ``site`` as pip would, beside a path to the dependencies."""
    for file in _shipped_files():
        if file.name == "py.typed" and not typed:
            continue
        target = site / "factcheck" / file.relative_to(ROOT / "factcheck")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(file, target)
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")


def _mypy(tmp_path: Path, *, typed: bool) -> subprocess.CompletedProcess[str]:
    env_dir = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()"
                                "['purelib'])"], check=True, capture_output=True,
                               text=True).stdout.strip())
    _install(site, typed=typed)
    user = tmp_path / "user.py"
    user.write_text(USER_CODE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MYPY")}
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-executable",
         str(python), str(user)],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300,
    )


class TestTyped:
    """py.typed ships, and mypy --strict types a user's code from it."""

    def test_strict_passes_with_real_types(self, tmp_path: Path) -> None:
        """The user's file passes --strict; revealed types are the library's, none Any."""
        result = _mypy(tmp_path, typed=True)

        revealed = [_public(t) for t in re.findall(r'Revealed type is "([^"]*)"', result.stdout)]
        assert EXPECTED_TYPES == revealed, result.stdout
        assert not [t for t in revealed if "Any" in t]
        errors = [line for line in result.stdout.splitlines() if ": error:" in line]
        assert [] == errors
        assert 0 == result.returncode, result.stdout

    def test_without_marker_everything_is_any(self, tmp_path: Path) -> None:
        """Control: the same package without py.typed is refused by mypy (so the marker matters)."""
        result = _mypy(tmp_path, typed=False)

        assert 1 == result.returncode
        assert "missing library stubs or py.typed marker" in result.stdout
