"""Stage 3: decide every name and every Python type; produce the IR the templates render.

Models (:mod:`codegen.name_models`) and operations (:mod:`codegen.name_operations`) are
named in two passes over one spec: operations ask for the classes of their bodies and
results, then every remaining definition gets its class, then each class learns whether
requests or responses reach it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .ir import SdkIR
from .name_models import ModelNamer, NamingError
from .name_operations import OperationNamer

if TYPE_CHECKING:
    from .overlay import Overlay

__all__ = ["NamingError", "build_ir"]


def build_ir(doc: dict[str, Any], overlay: Overlay, sha256: str) -> SdkIR:
    namer = ModelNamer(doc, overlay)
    families = OperationNamer(namer).build_families()
    namer.mark_sides(families)
    namer.check_model_names()
    models = sorted(namer.models.values(), key=lambda m: m.class_name)
    return SdkIR(
        spec_version=str(doc["info"].get("version", "unknown")),
        spec_sha256=sha256,
        spec_title=str(doc["info"].get("title", "")),
        models=models,
        families=families,
        warnings=namer.warnings,
    )
