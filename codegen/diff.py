"""What changed for SDK users between two specs: a diff of the SDKs they generate.

Both specs go through the generator's own stages (normalise, then ``build_ir``, with the
current overlays in ``specs/``), so the diff speaks of what user code touches, not of
JSON: methods ``client.<family>.<method>``, their keyword parameters, and model fields
by class and attribute (``Activity.status``). Operations are matched by
``METHOD /path``, parameters by keyword, models by class name, fields by their API name.
A field whose model class was renamed (inline classes are named after where they sit)
is followed into the new class and reported by path (``Parent.items[].field``), so a
rename shows what really changed inside. Descriptions, examples, nullability and value
constraints (lengths, ranges, patterns) are not compared.

A change is *breaking* when code written against the old SDK can fail, at type-check
time or at run time, against the new SDK and the server that serves the new spec.
A model's side decides most cases: *response* models are parsed leniently (every
field optional, unknown fields and enum values kept), *request* models are what the
user sends, and *unused* models are reached by no operation.

Operations
  - added: not breaking. Removed, or renamed (the method name changes): breaking.
  - newly deprecated by Oracle: not breaking.
  - return type: breaking when the kind of result changes (e.g. a model becomes
    ``None`` or a download), except from ``None``; a renamed result class alone is not
    (the old class's removal, if it is gone, is reported and breaking on its own).
  - no longer pageable with ``client.paginate``: breaking; newly pageable: not.

Parameters (and the request body)
  - added: breaking when required, not when optional. Removed: breaking.
  - made required: breaking; made optional: not. Type changed: breaking.
  - a body of another kind (JSON, form, multipart, file): breaking. A JSON body typed
    by a renamed class is not in itself, and is followed into the new class.

Models
  - class added: not breaking. Class removed from ``ofsc_generated.models``: breaking
    (imports of it fail), even when no operation used it; one renamed (the same place in
    the spec, under a new name) is reported as removed, with its new name. A class that turns from an
    object into a list or map, or back: breaking on any model an operation uses.
  - field added: breaking only when it is required on a model the user sends.
  - field removed or its type changed: breaking on any model an operation uses.
  - field made required or optional: reported only for models the user sends (the
    SDK declares every response field optional anyway); made required is breaking.

Enum values (on fields and parameters; the SDK's enums are open: ``Literal[...] | str``)
  - value added: never breaking (responses tolerate unknown values; requests gain one).
  - value removed: breaking where the user sends it (a parameter or request model);
    not on a response-only enum (the server stops sending it, and parsing never
    rejected any value).
  - a free value becomes an enum: breaking where the user sends it (values outside
    the list are now refused); an enum becomes a free value: not breaking.

Besides the changes, the report lists what needs a maintainer's review: operations
without a reviewed name in ``specs/names.toml`` and the generator's other warnings.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .load import load_spec
from .name import build_ir
from .normalise import normalise
from .overlay import SPECS_DIR, load_overlay
from .types import ListOf, MapOf, OpenEnum, Ref, Scalar, Union

if TYPE_CHECKING:
    from pathlib import Path

    from .ir import FieldIR, ModelIR, OperationIR, SdkIR
    from .types import TypeExpr

Side = Literal["request", "response", "request and response", "unused"]
_SENT: frozenset[Side] = frozenset({"request", "request and response"})
_UNNAMED = "has no reviewed name in specs/names.toml"


@dataclass(frozen=True)
class Change:
    kind: str  # e.g. "parameter-removed", "field-added", "enum-values-added"
    target: str  # what user code touches: client.core.get_activity(date_from), Activity.status
    detail: str  # Markdown, one line
    breaking: bool
    side: Side | None = None  # for model fields and models


@dataclass(frozen=True)
class SpecRef:
    version: str
    sha256: str


@dataclass(frozen=True)
class UnnamedOperation:
    operation: str  # METHOD /path
    method: str  # the name the generator made up: client.core.activities_get_foo


@dataclass
class SpecDiff:
    old: SpecRef
    new: SpecRef
    changes: list[Change]
    unnamed: list[UnnamedOperation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # the new spec's other generator warnings

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.breaking]

    def to_json(self) -> dict[str, Any]:
        return {
            "old": asdict(self.old),
            "new": asdict(self.new),
            "breaking": len(self.breaking),
            "changes": [asdict(c) for c in self.changes],
            "unnamed_operations": [asdict(u) for u in self.unnamed],
            "warnings": list(self.warnings),
        }

    def to_markdown(self) -> str:
        """A section for CHANGELOG.md."""
        lines = [
            f"## OFS REST spec {self.new.version}",
            "",
            f"Generated from OFS REST spec {self.new.version} (sha256 `{self.new.sha256[:12]}`), "
            f"previously {self.old.version} (sha256 `{self.old.sha256[:12]}`).",
        ]
        others = [c for c in self.changes if not c.breaking]
        if not self.changes:
            lines += ["", "No change for SDK users."]
        for title, changes in (("Breaking changes", self.breaking), ("Other changes", others)):
            if changes:
                lines += ["", f"### {title}", ""]
                lines += [_markdown_line(c) for c in changes]
        review = [
            f"- `{u.operation}` has no reviewed name in `specs/names.toml`; generated as `{u.method}`"
            for u in self.unnamed
        ] + [f"- {w}" for w in self.warnings]
        if review:
            lines += ["", "### Needs review", "", *review]
        return "\n".join(lines) + "\n"


def _markdown_line(change: Change) -> str:
    side = f" ({change.side})" if change.side else ""
    return f"- `{change.target}`: {change.detail}{side}"


def load_ir(spec: Path, specs_dir: Path = SPECS_DIR) -> SdkIR:
    """The IR ``generate`` would render from ``spec``, with the overlays in ``specs_dir``."""
    loaded = load_spec(spec)
    overlay = load_overlay(specs_dir)
    return build_ir(normalise(loaded.document, overlay).document, overlay, loaded.sha256)


def diff_specs(old: Path, new: Path, specs_dir: Path = SPECS_DIR) -> SpecDiff:
    return diff_ir(load_ir(old, specs_dir), load_ir(new, specs_dir))


def diff_ir(old: SdkIR, new: SdkIR) -> SpecDiff:
    changes = _Differ(old, new).run()
    unnamed = [UnnamedOperation(_key(op), _method(op)) for op in new.operations if not op.named_by_overlay]
    return SpecDiff(
        old=SpecRef(old.spec_version, old.spec_sha256),
        new=SpecRef(new.spec_version, new.spec_sha256),
        changes=changes,
        unnamed=sorted(unnamed, key=lambda u: u.operation),
        warnings=[w for w in new.warnings if _UNNAMED not in w],
    )


def _key(op: OperationIR) -> str:
    return f"{op.http_method} {op.path}"


def _method(op: OperationIR) -> str:
    return f"client.{op.family}.{op.name}"


def _values(values: tuple[object, ...]) -> str:
    listed = ", ".join(f"`{json.dumps(v)}`" for v in values)
    return f"value {listed}" if len(values) == 1 else f"values {listed}"


class _Differ:
    def __init__(self, old: SdkIR, new: SdkIR) -> None:
        self.old_models = {m.class_name: m for m in old.models}
        self.new_models = {m.class_name: m for m in new.models}
        # A class renamed in specs/names.toml keeps its place in the spec.
        self.new_by_source = {
            m.source: m.class_name for m in new.models if m.class_name not in self.old_models
        }
        self.old_ops = {_key(op): op for op in old.operations}
        self.new_ops = {_key(op): op for op in new.operations}
        self.changes: list[Change] = []
        self._followed: set[tuple[str, str]] = set()

    def run(self) -> list[Change]:
        for key in sorted(self.old_ops.keys() | self.new_ops.keys()):
            self._operation(key, self.old_ops.get(key), self.new_ops.get(key))
        for name in sorted(self.old_models.keys() | self.new_models.keys()):
            before, after = self.old_models.get(name), self.new_models.get(name)
            if before is None:
                assert after is not None
                self.add("model-added", name, "new model", False, _side(after))
            elif after is None:
                renamed = self.new_by_source.get(before.source)
                detail = f"renamed `{renamed}`" if renamed else "removed from `ofsc_generated.models`"
                self.add("model-removed", name, detail, True, _side(before))
            else:
                self._model(name, before, after)
        # Operations first, then models; each group by target.
        return sorted(self.changes, key=lambda c: (not c.target.startswith("client."), c.target, c.kind))

    def add(self, kind: str, target: str, detail: str, breaking: bool, side: Side | None = None) -> None:
        self.changes.append(Change(kind, target, detail, breaking, side))

    # ---- operations ----------------------------------------------------------------

    def _operation(self, key: str, before: OperationIR | None, after: OperationIR | None) -> None:
        if before is None:
            assert after is not None
            self.add("operation-added", _method(after), f"new method for `{key}`", False)
            return
        if after is None:
            self.add("operation-removed", _method(before), f"removed with `{key}`", True)
            return
        target = _method(after)
        if _method(before) != target:
            self.add("operation-renamed", target, f"renamed from `{_method(before)}` (`{key}`)", True)
        if after.deprecated and not before.deprecated:
            self.add("operation-deprecated", target, "deprecated by Oracle", False)
        self._parameters(target, before, after)
        self._body(target, before, after)
        self._result(target, before, after)
        if before.paging and not after.paging:
            self.add("paging-removed", target, "no longer pageable with `client.paginate()`", True)
        elif after.paging and not before.paging:
            self.add("paging-added", target, "now pageable with `client.paginate()`", False)

    def _parameters(self, target: str, before: OperationIR, after: OperationIR) -> None:
        old = {p.name: p for p in before.params}
        new = {p.name: p for p in after.params}
        for name in sorted(old.keys() | new.keys()):
            where = f"{target}({name})"
            was, now = old.get(name), new.get(name)
            if was is None:
                assert now is not None
                need = "required" if now.required else "optional"
                self.add("parameter-added", where, f"new {need} parameter, `{now.annotation}`", now.required)
            elif now is None:
                self.add("parameter-removed", where, "parameter removed", True)
            else:
                if now.required != was.required:
                    self._required("parameter", where, now.required, "request")
                self._types("parameter", where, was.annotation, now.annotation, "request")

    def _body(self, target: str, before: OperationIR, after: OperationIR) -> None:
        was, now = before.body, after.body
        if was is None and now is None:
            return
        if was is None or now is None or was.kind != now.kind:
            old_kind = f"a {was.kind} body" if was else "no body"
            new_kind = f"a {now.kind} body" if now else "no body"
            # Dropping or changing the body breaks callers; a new optional body does not.
            breaking = was is not None or (now is not None and now.required)
            self.add("body-changed", target, f"takes {new_kind} (was {old_kind})", breaking)
            return
        where = f"{target}({now.name or 'body'})"
        if now.required != was.required:
            self._required("body", where, now.required, "request")
        if was.model and now.model and was.model != now.model:
            self.add("body-changed", where, f"typed `{now.model}` (was `{was.model}`)", False)
            self._follow(where, was.model, now.model)

    def _result(self, target: str, before: OperationIR, after: OperationIR) -> None:
        was, now = _result_annotation(before), _result_annotation(after)
        if was != now:
            breaking = before.response_kind != after.response_kind and before.response_kind != "none"
            self.add("result-changed", target, f"returns `{now}` (was `{was}`)", breaking)
        if before.response_model and after.response_model:
            self._follow(after.response_model, before.response_model, after.response_model)

    # ---- models --------------------------------------------------------------------

    def _follow(self, path: str, old_class: str, new_class: str) -> None:
        """Compare two classes that sit at the same place; same-named ones are compared on their own."""
        if old_class == new_class or (old_class, new_class) in self._followed:
            return
        self._followed.add((old_class, new_class))
        self._model(path, self.old_models[old_class], self.new_models[new_class])

    def _model(self, path: str, before: ModelIR, after: ModelIR) -> None:
        side = _merge_sides(before, after)
        if (before.root is None) != (after.root is None):
            shape = "a list or map (`.root`)" if after.root else "an object"
            self.add("model-changed", path, f"now {shape}", side != "unused", side)
            return
        if before.root is not None and after.root is not None:
            self._types("field", f"{path}.root", before.root, after.root, side)
            return
        old = {f.wire: f for f in self._all_fields(before, self.old_models)}
        new = {f.wire: f for f in self._all_fields(after, self.new_models)}
        for wire in sorted(old.keys() | new.keys()):
            was, now = old.get(wire), new.get(wire)
            if was is None:
                assert now is not None
                required = now.required and side in _SENT
                need = "required field" if required else "field"
                self.add(
                    "field-added", f"{path}.{now.name}", f"new {need}, `{now.annotation}`", required, side
                )
            elif now is None:
                self.add("field-removed", f"{path}.{was.name}", "field removed", side != "unused", side)
            else:
                where = f"{path}.{now.name}"
                if now.required != was.required and side in _SENT:
                    self._required("field", where, now.required, side)
                self._types("field", where, was.annotation, now.annotation, side)

    def _all_fields(self, model: ModelIR, models: dict[str, ModelIR]) -> list[FieldIR]:
        inherited = [f for base in model.bases for f in self._all_fields(models[base], models)]
        return inherited + model.fields

    # ---- types ---------------------------------------------------------------------

    def _required(self, noun: str, where: str, required: bool, side: Side) -> None:
        if required:
            self.add(f"{noun}-required", where, "now required", True, _field_side(noun, side))
        else:
            self.add(f"{noun}-optional", where, "now optional", False, _field_side(noun, side))

    def _types(self, noun: str, where: str, was: TypeExpr, now: TypeExpr, side: Side) -> None:
        old = _TypeShape.of(was)
        new = _TypeShape.of(now)
        shown = _field_side(noun, side)
        if old.shape != new.shape:
            self.add(f"{noun}-type", where, f"type `{was}` -> `{now}`", side != "unused", shown)
            return
        for old_values, new_values in zip(old.enums, new.enums, strict=True):
            self._enum(where, old_values, new_values, side in _SENT, shown)
        for (old_class, suffix), (new_class, _) in zip(old.models, new.models, strict=True):
            self._follow(where + suffix, old_class, new_class)

    def _enum(
        self,
        where: str,
        was: tuple[object, ...] | None,
        now: tuple[object, ...] | None,
        sent: bool,
        shown: Side | None,
    ) -> None:
        if was is None and now is not None:
            self.add("enum-restricted", where, f"now limited to {_values(now)}", sent, shown)
        elif was is not None and now is None:
            self.add("enum-unrestricted", where, "no longer limited to listed values", False, shown)
        elif was is not None and now is not None:
            added = tuple(v for v in now if v not in was)
            removed = tuple(v for v in was if v not in now)
            if added:
                self.add("enum-values-added", where, f"new {_values(added)}", False, shown)
            if removed:
                self.add("enum-values-removed", where, f"{_values(removed)} removed", sent, shown)


def _field_side(noun: str, side: Side) -> Side | None:
    # A parameter's side goes without saying.
    return side if noun == "field" else None


def _side(model: ModelIR) -> Side:
    return _side_of(model.request_side, model.response_side)


def _merge_sides(before: ModelIR, after: ModelIR) -> Side:
    return _side_of(before.request_side or after.request_side, before.response_side or after.response_side)


def _side_of(request: bool, response: bool) -> Side:
    if request and response:
        return "request and response"
    return "request" if request else "response" if response else "unused"


def _result_annotation(op: OperationIR) -> str:
    return {
        "model": str(op.response_model),
        "optional_model": f"{op.response_model} | None",
        "none": "None",
        "binary": "a download",
    }[op.response_kind]


@dataclass(frozen=True)
class _TypeShape:
    """A type annotation taken apart: what it is with model classes and enum values left out,
    the classes it names (with where they sit: ``[]`` list item, ``{}`` map value), and for
    each ``str``/``int`` in it the values it lists (None when any value goes)."""

    shape: str
    models: tuple[tuple[str, str], ...]
    enums: tuple[tuple[object, ...] | None, ...]

    @classmethod
    def of(cls, annotation: TypeExpr) -> _TypeShape:
        models: list[tuple[str, str]] = []
        enums: list[tuple[object, ...] | None] = []

        def walk(node: TypeExpr, suffix: str) -> str:
            match node:
                case OpenEnum(values=values, base=base):
                    enums.append(values)
                    return base
                case Union(members=members):
                    return " | ".join(walk(m, suffix) for m in members)
                case Ref(name=name):
                    models.append((name, suffix))
                    return "Model"
                case Scalar(name=("str" | "int") as name):
                    enums.append(None)
                    return name
                case MapOf(value=value, any_mapping=any_mapping):
                    enums.append(None)  # its str key
                    return f"{'Mapping' if any_mapping else 'dict'}[str, {walk(value, suffix + '{}')}]"
                case ListOf(item=item, any_sequence=any_sequence):
                    return f"{'Sequence' if any_sequence else 'list'}[{walk(item, suffix + '[]')}]"
            return str(node)

        shape = walk(annotation, "")
        return cls(shape, tuple(models), tuple(enums))
