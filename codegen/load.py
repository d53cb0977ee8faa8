"""Stage 1: read a Swagger 2.0 document from disk and check that it is one."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class SpecError(Exception):
    """The input is not a spec this generator can read."""


@dataclass(frozen=True)
class LoadedSpec:
    document: dict[str, Any]
    sha256: str
    path: Path

    @property
    def version(self) -> str:
        return str(self.document.get("info", {}).get("version", "unknown"))


def load_spec(path: str | Path) -> LoadedSpec:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecError(f"cannot read spec {path}: {exc.strerror}") from exc
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise SpecError(f"{path} is not JSON: {exc}") from exc
    if not isinstance(document, dict) or document.get("swagger") != "2.0":
        raise SpecError(f"{path} is not a Swagger 2.0 document (no 'swagger: \"2.0\"' at the top)")
    for key in ("paths", "definitions", "info"):
        if not isinstance(document.get(key), dict):
            raise SpecError(f"{path} has no '{key}' object")
    return LoadedSpec(document=document, sha256=hashlib.sha256(raw).hexdigest(), path=path)
