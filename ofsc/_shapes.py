"""Building a typed result from a successful body that does not fit its model (no I/O).

Runs only after the model's own validator refused the body, so a body that fits costs
nothing here. Each value is validated against its declared type; a value that fits is
typed as usual, a model, list or map that does not fit is entered and built the same way,
and any other value that does not fit is kept exactly as received and recorded as a
:class:`ShapeMismatch`. The records reach the caller three ways: the result's
``shape_mismatches``, a :class:`~ofsc.ResponseShapeWarning` once per operation and field
path per process, and the same message on the ``ofsc`` logger.
"""

from __future__ import annotations

import re
import sys
import threading
import types
import typing
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import BaseModel, RootModel, TypeAdapter, ValidationError

from ._exceptions import ResponseShapeWarning
from ._instrument import logger  # the "ofsc" logger, with its NullHandler
from ._internals import set_private_state

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ._operation import Operation

SHAPE_KEY = "shape_mismatches"  # the records' key in a built model's private state
Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class ShapeMismatch:
    """One value of a successful response that did not fit its declared type.

    ``path`` names it with the API's field names (``"areas[0].calendar"``; ``""`` for the
    whole body), ``loc`` is the same as a tuple, ``expected`` the declared type,
    ``value`` the value as received (``None`` for a missing field), ``message`` pydantic's
    explanation and ``error_type`` its error code (``"missing"`` for a missing field).
    """

    loc: Loc
    expected: str
    value: Any
    message: str
    error_type: str

    @property
    def path(self) -> str:
        return format_loc(self.loc)

    @property
    def missing(self) -> bool:
        """Whether a required field was absent (rather than present with a wrong value)."""
        return self.error_type == "missing"


def format_loc(loc: Loc) -> str:
    """``("areas", 0, "calendar")`` -> ``"areas[0].calendar"``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def build_tolerantly(model: type[BaseModel], data: Any) -> tuple[BaseModel, tuple[ShapeMismatch, ...]]:
    """``model`` built from decoded JSON ``data`` that its validator refused, with what did not fit."""
    found: list[ShapeMismatch] = []
    if issubclass(model, RootModel) or isinstance(data, dict):
        return _model(model, data, (), found), tuple(found)
    # An object was declared and something else came: no field can be filled.
    found.append(_mismatch((), model, data, _error(model, data)))
    result = model.model_construct()
    _remember(result, found, 0)
    return result, tuple(found)


def _model(model: type[BaseModel], data: Any, loc: Loc, found: list[ShapeMismatch]) -> BaseModel:
    start = len(found)
    result: BaseModel
    if issubclass(model, RootModel):
        result = model.model_construct(root=_value(_field_type(model, "root"), data, loc, found))
    else:
        names = _wire_names(model)
        values: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in data.items():
            name = names.get(key)
            if name is None:
                extra[key] = value
            else:
                values[name] = _value(_field_type(model, name), value, (*loc, key), found)
        present = set(values)
        for name, field in model.model_fields.items():
            if name not in values and field.is_required():
                wire = field.alias or name
                expected = _type_name(field.annotation)
                found.append(ShapeMismatch((*loc, wire), expected, None, "Field required", "missing"))
                values[name] = None  # readable as None; not "set", so to_api() leaves it out
        result = model.model_construct(_fields_set=present, **values)
        if extra and result.__pydantic_extra__ is not None:
            result.__pydantic_extra__.update(extra)
    _remember(result, found[start:], len(loc))
    return result


def _value(annotation: Any, value: Any, loc: Loc, found: list[ShapeMismatch]) -> Any:
    """``value`` typed as ``annotation`` where it fits, entered where it is a container, else as received."""
    try:
        return _adapter(annotation).validate_python(value)
    except ValidationError as exc:
        error = exc
    target = _declared(annotation)
    if (
        isinstance(target, type)
        and issubclass(target, BaseModel)
        and (issubclass(target, RootModel) or isinstance(value, dict))
    ):
        return _model(target, value, loc, found)
    origin = typing.get_origin(target)
    arguments = typing.get_args(target)
    if origin is list and isinstance(value, list) and len(arguments) == 1:
        return [_value(arguments[0], item, (*loc, index), found) for index, item in enumerate(value)]
    if origin is dict and isinstance(value, dict) and len(arguments) == 2:
        return {key: _value(arguments[1], item, (*loc, key), found) for key, item in value.items()}
    found.append(_mismatch(loc, annotation, value, error))
    return value


def _mismatch(loc: Loc, annotation: Any, value: Any, error: ValidationError) -> ShapeMismatch:
    first = error.errors(include_url=False)[0]
    messages = dict.fromkeys(e["msg"] for e in error.errors(include_url=False))
    return ShapeMismatch(loc, _type_name(annotation), value, "; ".join(messages), first["type"])


def _error(annotation: Any, value: Any) -> ValidationError:
    try:
        _adapter(annotation).validate_python(value)
    except ValidationError as exc:
        return exc
    raise AssertionError("the value fits")  # pragma: no cover - called only after it did not


def _remember(model: BaseModel, found: Iterable[ShapeMismatch], depth: int) -> None:
    """Keep the records on the model they concern, relative to it, beside its data."""
    own = tuple(ShapeMismatch(m.loc[depth:], m.expected, m.value, m.message, m.error_type) for m in found)
    if own:
        set_private_state(model, {SHAPE_KEY: own})


def _declared(annotation: Any) -> Any:
    """The type a value is meant to have: ``X`` for ``Annotated[X, ...]`` and ``X | None``."""
    if typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return _declared(members[0])
    return annotation


# Built once per model or type: the tolerant path is rare, but a page may hold many items.
_adapters: dict[Any, TypeAdapter[Any]] = {}
_field_types: dict[tuple[type[BaseModel], str], Any] = {}
_names: dict[type[BaseModel], dict[str, str]] = {}


def _adapter(annotation: Any) -> TypeAdapter[Any]:
    try:
        adapter = _adapters.get(annotation)
    except TypeError:  # an unhashable annotation: not cached
        return TypeAdapter(annotation)
    if adapter is None:
        adapter = _adapters[annotation] = TypeAdapter(annotation)
    return adapter


def _field_type(model: type[BaseModel], name: str) -> Any:
    """The field's type with its constraints, as the model's validator checks it."""
    key = (model, name)
    if key not in _field_types:
        field = model.model_fields[name]
        annotation = field.annotation
        _field_types[key] = Annotated[annotation, *field.metadata] if field.metadata else annotation
    return _field_types[key]


def _wire_names(model: type[BaseModel]) -> dict[str, str]:
    """Each name a field may arrive under (its alias, and its own name) -> the field's name."""
    names = _names.get(model)
    if names is None:
        names = {}
        for name, field in model.model_fields.items():
            names[name] = name
            alias = field.validation_alias if isinstance(field.validation_alias, str) else field.alias
            if alias:
                names[alias] = name
        _names[model] = names
    return names


_QUALIFIED = re.compile(r"\b(?:[A-Za-z_]\w*\.)+([A-Za-z_]\w*)")


def _type_name(annotation: Any) -> str:
    """A short, readable name of a type: ``list[CapacityAreasItemCalendarItem] | None``."""
    if isinstance(annotation, type) and not typing.get_args(annotation):
        return annotation.__name__
    return _QUALIFIED.sub(r"\1", repr(annotation)).replace("NoneType", "None")


# ---- telling the caller ------------------------------------------------------------------

_warned: set[tuple[str, str]] = set()
_warned_lock = threading.Lock()


def report(op: Operation[Any], mismatches: Iterable[ShapeMismatch]) -> None:
    """Warn and log each (operation, field path) the first time this process sees it."""
    operation = f"{op.family}.{op.name}"
    for mismatch in mismatches:
        key = (operation, re.sub(r"\[\d+\]", "[]", mismatch.path))
        with _warned_lock:
            if key in _warned:
                continue
            _warned.add(key)
        message = describe(operation, mismatch)
        logger.warning("%s", message)
        warnings.warn(message, ResponseShapeWarning, skip_file_prefixes=_sdk_dirs())


def describe(operation: str, mismatch: ShapeMismatch) -> str:
    """The warning's text. It names the value's type, never the value: answers hold customer
    data, and logs are read by more people than results are."""
    where = f"field {mismatch.path}" if mismatch.path else "body"
    found = "is missing" if mismatch.missing else f"is {_kind(mismatch.value)}"
    return (
        f"{operation}(): the response's {where} {found} where the model declares {mismatch.expected} "
        f"({mismatch.message}); the result keeps it as received (strict_responses=True raises instead)"
    )


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", int: "an integer", float: "a number",
             bool: "a boolean", type(None): "null"}  # fmt: skip
    return names.get(type(value), f"a {type(value).__name__}")


@cache
def _sdk_dirs() -> tuple[str, ...]:
    """Where the SDK's own frames live: a warning points at the first frame outside them (and
    outside asyncio's, which run an async call: the warning lands where the loop was started)."""
    import asyncio

    import ofsc_generated

    return tuple(
        str(Path(m.__file__ or "").parent) for m in (sys.modules[__package__], ofsc_generated, asyncio)
    )


def forget_warnings() -> None:
    """Warn again about paths already reported (for tests)."""
    with _warned_lock:
        _warned.clear()
