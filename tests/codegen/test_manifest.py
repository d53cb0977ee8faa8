"""Bringing a pinned spec in: the sources a manifest lists, the cache, and a source given
on the command line (``make specs SPEC_SOURCE=...``)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from codegen.cli import main
from codegen.manifest import ORACLE_DOCS, ManifestError, PinnedSpec, bring_in, pinned, read_manifest

CONTENT = b'{"swagger": "2.0", "info": {"version": "2025.12.23"}}'


def spec_in(tmp_path: Path, *sources: str) -> PinnedSpec:
    sha = hashlib.sha256(CONTENT).hexdigest()
    return PinnedSpec("2025.12.23", "ofsc-rest.json", sha, sources, tmp_path / "cache")


def test_sources_are_tried_in_order(tmp_path: Path) -> None:
    """The first source that holds the pinned file is used; a missing one is skipped."""
    (tmp_path / "second.json").write_bytes(CONTENT)
    (tmp_path / "third.json").write_bytes(CONTENT)
    spec = spec_in(
        tmp_path, str(tmp_path / "missing.json"), str(tmp_path / "second.json"), str(tmp_path / "third.json")
    )

    fetched = bring_in(spec)

    assert fetched.origin == str(tmp_path / "second.json")
    assert fetched.path.read_bytes() == CONTENT


def test_a_source_with_another_file_is_not_taken(tmp_path: Path) -> None:
    """A file whose sha256 is not the pinned one never enters the cache; the next source is tried."""
    (tmp_path / "other.json").write_bytes(CONTENT + b" ")
    (tmp_path / "right.json").write_bytes(CONTENT)
    spec = spec_in(tmp_path, str(tmp_path / "other.json"), str(tmp_path / "right.json"))

    assert bring_in(spec).origin == str(tmp_path / "right.json")


def test_when_no_source_has_it_the_error_names_each_and_says_how_to_give_one(tmp_path: Path) -> None:
    """The error lists every source tried and why it failed, where Oracle publishes the
    spec, and how to point at a downloaded copy."""
    (tmp_path / "other.json").write_bytes(b"{}")
    spec = spec_in(tmp_path, str(tmp_path / "missing.json"), str(tmp_path / "other.json"))

    with pytest.raises(ManifestError) as caught:
        bring_in(spec)

    message = str(caught.value)
    assert f"{tmp_path / 'missing.json'}: [Errno 2]" in message
    assert f"{tmp_path / 'other.json'} has sha256" in message
    assert ORACLE_DOCS in message and "SPEC_SOURCE=" in message
    assert not spec.cached.exists()


def test_a_cached_copy_is_kept_and_said_to_be_used(tmp_path: Path) -> None:
    """Once cached, no source is read: the result says the cached copy was used."""
    spec = spec_in(tmp_path, str(tmp_path / "gone.json"))
    spec.cached.parent.mkdir()
    spec.cached.write_bytes(CONTENT)

    assert bring_in(spec).origin is None


def test_a_given_source_is_checked_even_when_cached(tmp_path: Path) -> None:
    """A source given explicitly is read and verified although a good copy is cached: a
    wrong path is an error, never silently ignored."""
    spec = spec_in(tmp_path, str(tmp_path / "gone.json"))
    spec.cached.parent.mkdir()
    spec.cached.write_bytes(CONTENT)
    (tmp_path / "tampered.json").write_bytes(CONTENT + b" ")

    with pytest.raises(ManifestError, match=r"nope\.json"):
        bring_in(spec, str(tmp_path / "nope.json"))
    with pytest.raises(ManifestError, match="has sha256"):
        bring_in(spec, str(tmp_path / "tampered.json"))
    assert spec.cached.read_bytes() == CONTENT
    (tmp_path / "copy.json").write_bytes(CONTENT)
    assert bring_in(spec, str(tmp_path / "copy.json")).origin == str(tmp_path / "copy.json")


def test_the_command_line_checks_a_given_source_and_names_the_cached_copy(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``make specs SPEC_SOURCE=/nope.json`` fails on the missing file although the pinned
    spec is cached; without a source it says the cached copy is used."""
    assert pinned().cached.exists()  # the test suite runs after `make specs`

    assert main(["fetch", "--source", "/nope.json"]) == 1
    assert "cannot read spec 2025.12.23 from /nope.json" in capsys.readouterr().err

    assert main(["fetch"]) == 0
    assert "(the cached copy, sha256 verified)" in capsys.readouterr().out


def test_the_manifest_reads_a_list_of_sources_or_a_single_one(tmp_path: Path) -> None:
    """``sources`` lists several places in order; ``source`` is one."""
    manifest = tmp_path / "manifest.toml"
    manifest.write_text(
        'current = "2"\n'
        '[[spec]]\nversion = "1"\nfile = "a.json"\nsha256 = "00"\nsource = "a.json"\n'
        '[[spec]]\nversion = "2"\nfile = "b.json"\nsha256 = "00"\nsources = ["b.json", "~/b.json"]\n'
    )
    _, specs = read_manifest(manifest)
    assert [s.sources for s in specs] == [("a.json",), ("b.json", "~/b.json")]

    manifest.write_text('[[spec]]\nversion = "3"\nfile = "c.json"\nsha256 = "00"\nsources = []\n')
    with pytest.raises(ManifestError, match="needs `sources`"):
        read_manifest(manifest)
