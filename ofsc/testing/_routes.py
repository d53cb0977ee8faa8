"""Finding the spec operation a request path and method belong to.

Several path templates can match one path: ``/activities/custom-actions/search`` also fits
``/activities/{activityId}/{propertyLabel}``. Literal segments win over ``{param}``
segments, position by position from the left, as OFS routes them; among the matching
templates the best one that has the request's method is taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

if TYPE_CHECKING:
    from ofsc._operation import Operation

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One operation of the spec: its index entry and its spec text."""

    operation: Operation[Any]
    spec: dict[str, Any]  # the spec's operation object

    @property
    def template(self) -> str:
        return self.operation.path


@dataclass(frozen=True, slots=True)
class Match:
    endpoint: Endpoint
    path_params: dict[str, str]  # decoded values, by wire name


@dataclass(frozen=True, slots=True)
class _Template:
    path: str
    segments: tuple[str | None, ...]  # None for a {param} segment
    names: tuple[str, ...]  # the param names, in order
    methods: dict[str, Endpoint]

    @property
    def rank(self) -> tuple[int, ...]:
        return tuple(0 if segment is not None else 1 for segment in self.segments)


class MethodNotAllowed(LookupError):
    def __init__(self, allowed: list[str]) -> None:
        super().__init__(", ".join(allowed))
        self.allowed = allowed


class Router:
    def __init__(self, document: dict[str, Any], operations: list[Operation[Any]]) -> None:
        by_key = {op.key: op for op in operations}
        self._by_length: dict[int, list[_Template]] = {}
        for path, item in document["paths"].items():
            methods = {
                method.upper(): Endpoint(by_key[f"{method.upper()} {path}"], item[method])
                for method in HTTP_METHODS
                if method in item
            }
            parts = path.strip("/").split("/")
            template = _Template(
                path,
                tuple(None if p.startswith("{") else p for p in parts),
                tuple(p[1:-1] for p in parts if p.startswith("{")),
                methods,
            )
            self._by_length.setdefault(len(parts), []).append(template)
        for templates in self._by_length.values():
            templates.sort(key=lambda t: t.rank)

    def match(self, method: str, raw_path: str) -> Match | None:
        """The operation for ``method`` on ``raw_path`` (still percent-encoded), None when no
        template fits; raises :class:`MethodNotAllowed` when templates fit but lack the method."""
        parts = raw_path.strip("/").split("/")
        candidates = [
            t
            for t in self._by_length.get(len(parts), ())
            if all(s is None or s == p for s, p in zip(t.segments, parts, strict=True))
        ]
        if not candidates:
            return None
        for template in candidates:
            endpoint = template.methods.get(method.upper())
            if endpoint is not None:
                values = [unquote(p) for s, p in zip(template.segments, parts, strict=True) if s is None]
                return Match(endpoint, dict(zip(template.names, values, strict=True)))
        raise MethodNotAllowed(sorted(candidates[0].methods))
