"""Shared fixtures: the CLI binary, ../shared, and AllSides articles.

Tests that compare with the CLI run the binary built from this repository
(``FRAMELEX_BIN``, else ``target/release`` or ``target/debug``); tests that read
``../shared`` fail, not skip, when it is missing."""

import gzip
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def cli() -> Path:
    env = os.environ.get("FRAMELEX_BIN")
    candidates = [Path(env)] if env else [ROOT / "target" / "release" / "framelex", ROOT / "target" / "debug" / "framelex"]
    for c in candidates:
        if c.is_file():
            return c
    pytest.fail(f"no framelex binary at {', '.join(map(str, candidates))}: run `cargo build --release` (or set FRAMELEX_BIN)")


def run_cli(cli: Path, *args: str, input: bytes = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(cli), *args], input=input, capture_output=True, check=False)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.fail(f"{SHARED} is missing: these tests read ../shared beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def allsides_path(shared) -> Path:
    return shared / "data" / "allsides-article-bias" / "allsides_articles.jsonl.gz"


def allsides_lines(path: Path, n: int) -> list:
    """The first ``n`` lines of the AllSides dump, as bytes."""
    lines = []
    with gzip.open(path, "rb") as f:
        for line in f:
            if line.strip():
                lines.append(line)
            if len(lines) == n:
                break
    assert len(lines) == n, f"{path} has fewer than {n} records"
    return lines


@pytest.fixture(scope="session")
def allsides_2000(allsides_path, tmp_path_factory):
    """2,000 AllSides articles: (path of a JSONL file holding them, their parsed records)."""
    lines = allsides_lines(allsides_path, 2000)
    path = tmp_path_factory.mktemp("allsides") / "allsides-2000.jsonl"
    path.write_bytes(b"".join(lines))
    return path, [json.loads(l) for l in lines]
