"""The decorators that make a 2.x method: ``@endpoint`` (send the described request, shape
the result as 2.x did) and ``@v3_equivalent`` (record what the method is called in v3)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .common import OBJ_RESPONSE, shape_result

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from pydantic import BaseModel

    from ._base import OFSApi
    from ._wire import Call


@dataclass(frozen=True, slots=True)
class V3Equivalent:
    """What a 2.x method is called in v3: the mapping the migration guide and
    ``python -m ofsc.migrate --report`` are built from.

    ``target`` is a v3 endpoint method (``"core.get_activity"``) or, when there is no single
    one, a sentence; ``args`` renames 2.x arguments whose v3 keyword is not simply the same
    name in snake case (``None``: no v3 counterpart, see ``note``); ``derived`` gives v3
    keywords computed from the 2.x arguments (``{"label": "{workzone}.workZoneLabel"}``: the
    template's ``{name}`` is the 2.x argument; a template without one is a constant);
    ``json_text`` names the 2.x arguments that took a JSON text where v3 takes the object.
    """

    target: str
    args: Mapping[str, str | None] = field(default_factory=dict)
    note: str = ""
    derived: Mapping[str, str] = field(default_factory=dict)
    json_text: tuple[str, ...] = ()

    @property
    def is_endpoint(self) -> bool:
        return " " not in self.target and "." in self.target


def v3_equivalent(
    target: str,
    *,
    args: Mapping[str, str | None] | None = None,
    note: str = "",
    derived: Mapping[str, str] | None = None,
    json_text: tuple[str, ...] = (),
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Record the v3 equivalent of a 2.x method (see :class:`V3Equivalent`)."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        func.__ofsc_v3__ = V3Equivalent(target, dict(args or {}), note, dict(derived or {}), json_text)  # type: ignore[attr-defined]
        return func

    return decorate


def endpoint(
    v3: str,
    *,
    expected: tuple[int, ...] = (200,),
    model: str | None = None,
    response_type: int = OBJ_RESPONSE,
    args: Mapping[str, str | None] | None = None,
    note: str = "",
    derived: Mapping[str, str] | None = None,
    json_text: tuple[str, ...] = (),
) -> Callable[[Callable[..., Call]], Callable[..., Any]]:
    """A 2.x API method: the decorated function describes the request as a :class:`Call`;
    the wrapper sends it and returns what ``response_type=`` asks for (2.x's
    ``@wrap_return``). ``model`` names a class of :mod:`ofsc.v2.models`; ``v3``, ``args``
    and ``note`` record the v3 equivalent."""

    def decorate(func: Callable[..., Call]) -> Callable[..., Any]:
        @functools.wraps(func)
        def method(api: OFSApi, /, *a: Any, **kw: Any) -> Any:
            chosen_type = kw.pop("response_type", response_type)
            chosen_model = kw.pop("model") if "model" in kw else (v2_model(model) if model else None)
            response = api._session.send(v3, func(api, *a, **kw))
            return shape_result(response, chosen_type, expected, chosen_model, api.config)

        return v3_equivalent(v3, args=args, note=note, derived=derived, json_text=json_text)(method)

    return decorate


def v2_model(name: str) -> type[BaseModel]:
    from . import models

    model: type[BaseModel] = getattr(models, name)
    return model
