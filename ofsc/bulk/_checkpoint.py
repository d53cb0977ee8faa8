"""An extract's checkpoint: a small JSON file, replaced whole on every save (never half written)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


class Checkpoint:
    """The file at ``path``; :meth:`load` is None until something was saved."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def load(self) -> dict[str, Any] | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{self.path} is not an extract checkpoint: {exc}") from None
        if not isinstance(data, dict):
            raise ValueError(f"{self.path} is not an extract checkpoint")
        return data

    def save(self, state: dict[str, Any]) -> None:
        temporary = self.path.with_name(f".{self.path.name}.tmp")
        temporary.write_text(json.dumps(state, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, self.path)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)
