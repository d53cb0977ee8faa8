"""Stage 4: render the IR through the Jinja templates in ``templates/`` into source files.

Returns ``{relative path: text}``; nothing touches the disk here. Decisions that need
logic (a field's declaration, a method's signature, the imports a module needs) are
made by the small functions below and handed to the templates, which stay declarative.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from .text import docstring
from .types import STR, ListOf, Scalar

if TYPE_CHECKING:
    from .ir import FamilyIR, FieldIR, ModelIR, OperationIR, ParamIR, SdkIR
    from .types import TypeExpr

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
PACKAGE = "ofsc_generated"

_RUNTIME_TYPES = {"date": "dt.date", "IOBase": "io.IOBase"}


def render(
    ir: SdkIR, normalised_spec: dict[str, object], templates_dir: Path = TEMPLATES_DIR
) -> dict[str, str]:
    import jinja2  # codegen-only dependency

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["docstring"] = docstring
    env.filters["pyrepr"] = _pyrepr
    models_by_name = {m.class_name: m for m in ir.models}
    common = {"ir": ir, "package": PACKAGE}
    root = PACKAGE
    files: dict[str, str] = {
        f"{root}/__init__.py": env.get_template("package_init.py.jinja").render(**common),
        f"{root}/py.typed": "",
        f"{root}/models/__init__.py": env.get_template("models_init.py.jinja").render(**common),
        f"{root}/operations/__init__.py": env.get_template("operations_init.py.jinja").render(**common),
        f"{root}/resources/__init__.py": env.get_template("resources_init.py.jinja").render(**common),
        f"{root}/clients.py": env.get_template("clients.py.jinja").render(**common),
        f"{root}/raw/__init__.py": env.get_template("raw_init.py.jinja").render(**common),
    }
    model_template = env.get_template("model.py.jinja")
    for model in ir.models:
        files[f"{root}/models/{model.module}.py"] = model_template.render(
            model=model,
            fields=[field_declaration(f, lenient=_lenient(model)) for f in model.fields],
            imports=model_imports(model, models_by_name),
            **common,
        )
    operations_template = env.get_template("operations.py.jinja")
    resources_template = env.get_template("resources.py.jinja")
    raw_template = env.get_template("raw.py.jinja")
    for family in ir.families:
        files[f"{root}/operations/{family.name}.py"] = operations_template.render(
            family=family,
            constants=(constants := [operation_constant(op, models_by_name) for op in family.operations]),
            runtime_imports=_operations_imports(constants),
            model_imports=_family_model_imports(family, models_by_name),
            **common,
        )
        # The endpoint classes and their raw forms (protocols for type checkers) share the
        # methods' parts, so a raw method always takes what its endpoint method takes.
        family_parts = {
            "family": family,
            "methods": [method_parts(op) for op in family.operations],
            "model_imports": _family_model_imports(family, models_by_name),
        }
        files[f"{root}/resources/{family.name}.py"] = resources_template.render(**family_parts, **common)
        files[f"{root}/raw/{family.name}.py"] = raw_template.render(**family_parts, **common)
    files[f"{root}/openapi.normalised.json"] = (
        json.dumps(normalised_spec, indent=1, ensure_ascii=False) + "\n"
    )
    return files


def _lenient(model: ModelIR) -> bool:
    # Anything the server sends is parsed leniently; request-only models enforce the spec.
    return model.response_side or not model.request_side


def field_declaration(f: FieldIR, lenient: bool) -> str:
    optional = lenient or not f.required
    annotation = f"{f.annotation} | None" if optional or f.nullable else f.annotation
    args = []
    if optional:
        args.append("default=None")
    if f.name != f.wire:
        args.append(f"alias={json.dumps(f.wire)}")
    if not lenient:
        args.extend(
            f"{k}={_pyrepr(v)}" for k, v in f.constraints.items() if _constraint_fits(k, f.annotation)
        )
    if args == ["default=None"]:
        return f"{f.name}: {annotation} = None"
    if args:
        return f"{f.name}: {annotation} = Field({', '.join(args)})"
    return f"{f.name}: {annotation}"


def _constraint_fits(key: str, annotation: TypeExpr) -> bool:
    if key in ("min_length", "max_length"):
        return annotation == STR or isinstance(annotation, ListOf)
    if key == "pattern":
        return annotation == STR
    return annotation in (Scalar("int"), Scalar("float"))


def model_imports(model: ModelIR, models: dict[str, ModelIR]) -> dict[str, object]:
    types = [f.annotation for f in model.fields] + ([model.root] if model.root else [])
    names = {name for t in types for name in t.imports()}
    return {
        "dt": "dt" in names,
        "typing": sorted(name for name in ("Any", "Literal") if name in names),
        "field": any(" = Field(" in field_declaration(f, _lenient(model)) for f in model.fields),
        "models": sorted((models[d].module, d) for d in model.deps),
    }


def _family_model_imports(family: FamilyIR, models: dict[str, ModelIR]) -> list[tuple[str, str]]:
    names = set()
    for op in family.operations:
        if op.response_model:
            names.add(op.response_model)
        if op.body and op.body.model:
            names.add(op.body.model)
    return sorted((models[n].module, n) for n in names)


def _operations_imports(constants: list[dict[str, object]]) -> dict[str, object]:
    text = " ".join(str(c["params"]) + str(c["type"]) + str(c["body"]) + str(c["paging"]) for c in constants)
    names = ["Operation", "Param"] + [n for n in ("Binary", "Body", "Paging") if f"{n}(" in text or n == text]
    names += ["Binary"] if "Binary" in text and "Binary" not in names else []
    return {"dt": "dt.date" in text, "io": "io.IOBase" in text, "names": sorted(set(names))}


def _response_annotation(op: OperationIR) -> str:
    return {
        "model": op.response_model or "None",
        "optional_model": f"{op.response_model} | None",
        "none": "None",
        "binary": "Binary",
    }[op.response_kind]


def _param_constructor(p: ParamIR) -> str:
    types = ", ".join(_RUNTIME_TYPES.get(t, t) for t in p.runtime_types)
    args = [json.dumps(p.name), json.dumps(p.wire), json.dumps(p.location), str(p.required), f"({types},)"]
    if p.array:
        args.append("array=True")
    args.extend(f"{k}={_pyrepr(v)}" for k, v in p.constraints.items())
    return f"Param({', '.join(args)})"


def operation_constant(op: OperationIR, models: dict[str, ModelIR]) -> dict[str, object]:
    def ref(class_name: str) -> str:
        return f"{PACKAGE}.models.{models[class_name].module}:{class_name}"

    body = None
    if op.body:
        parts = [json.dumps(op.body.kind)]
        if op.body.name:
            parts.append(f"name={json.dumps(op.body.name)}")
        parts.append(f"required={op.body.required}")
        if op.body.model:
            parts.append(f"model={json.dumps(ref(op.body.model))}")
        body = f"Body({', '.join(parts)})"
    paging = None
    if op.paging:
        paging = f'Paging("{op.paging.kind}", has_more={op.paging.has_more}, total_results={op.paging.total_results})'
    return {
        "op": op,
        "type": _response_annotation(op),
        "params": [_param_constructor(p) for p in op.params],
        "body": body,
        "paging": paging,
        "response_model": ref(op.response_model) if op.response_model else None,
    }


def method_parts(op: OperationIR) -> dict[str, object]:
    """The pieces of one endpoint method, shared by its sync and async forms."""
    ordered = [p for p in op.params if p.location == "path"]
    rest = [p for p in op.params if p.location != "path"]
    signature = [f"{p.name}: {p.annotation}" for p in ordered]
    arguments = [p.name for p in ordered]
    if op.body and op.body.name:
        default = "" if op.body.required else " | None = None"
        signature.append(f"{op.body.name}: {op.body.annotation}{default}")
        arguments.append(op.body.name)
    signature += [f"{p.name}: {p.annotation}" for p in rest if p.required]
    signature += [f"{p.name}: {p.annotation} | None = None" for p in rest if not p.required]
    arguments += [p.name for p in rest if p.required] + [p.name for p in rest if not p.required]
    return {
        "op": op,
        "signature": signature,
        "arguments": arguments,
        "returns": _response_annotation(op),
        "binary": op.response_kind == "binary",
        "doc": (doc := _method_doc(op)),
        "summary": doc.split("\n", 1)[0],
    }


def _method_doc(op: OperationIR) -> str:
    lines = [op.summary.rstrip(".") + "." if op.summary else op.name.replace("_", " ").capitalize() + "."]
    if op.deprecated:
        lines += ["", "Deprecated by Oracle."]
    if op.description and op.description != op.summary:
        lines += ["", op.description]
    # In signature order: path parameters, the body, then the rest.
    documented = [(p.name, p.description, p.required) for p in op.params if p.location == "path"]
    if op.body and op.body.name:
        documented.append((op.body.name, op.body.description or "The request body.", op.body.required))
    documented += [(p.name, p.description, p.required) for p in op.params if p.location != "path"]
    if documented:
        lines += ["", "Args:"]
        for name, description, required in documented:
            text = " ".join(description.split()) or "See the OFS documentation."
            lines.append(f"    {name}: {'' if required else '(optional) '}{text}")
    if op.paging:
        lines += ["", "Pageable: pass this method to ``client.paginate(...)`` to iterate over every item."]
    lines += ["", f"``{op.http_method} {op.path}``"]
    return "\n".join(lines)


def _pyrepr(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)
