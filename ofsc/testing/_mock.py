"""``MockOFS``: a local OFS that serves every operation of the spec, without network or
credentials.

One core, :meth:`MockOFS.handle`, answers every request; the in-process httpx transports
(:meth:`MockOFS.transport`, :meth:`MockOFS.async_transport`) and the loopback HTTP server
(:meth:`MockOFS.serve`) only carry requests to it and its replies back. A request is:

1. recorded in ``mock.calls``;
2. subjected to the injected faults (``mock.faults``);
3. authenticated (Basic ``client_id@instance:client_secret``, or a bearer token that the
   mock's token service issued and that has not expired) or answered with 401;
4. routed (404 for an unknown path, 405 for a method the path lacks) and validated
   against the spec (400, naming the offending fields; 415 for a wrong body type);
5. answered: from the store for the collections it keeps (activities, resources, users,
   inventories, work zones, work skills, properties, activity types and other metadata;
   404 for an unknown id), with file content for file downloads, and with a sampled
   body, deterministic per seed and request, for everything else; a ``fields``
   parameter keeps only the fields it names, and the activity search applies its
   resource, date, work-order and ``q`` filters (see :mod:`ofsc.testing._filters`).
   The Events API is answered from ``mock.events``, which store writes feed
   (see :mod:`ofsc.testing._events`).

OFS's published limits are enforced on the way (``mock.limits``, see
:mod:`ofsc.testing._limits`): 413 for a bulk body over 5 MB, 400 for an activity range
over 31 days, 429 beyond an operation's concurrency cap, answers cut short with
``hasMore``, per-item failures in bulk answers.

Every success body is valid for the operation's response schema.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import parse_qsl

from ofsc_generated.operations import all_operations

from ._auth import Credentials, TokenIssuer
from ._events import EVENTS_PATH, EventFeed, apply_activity_action
from ._faults import FaultPlan
from ._filters import activity_search, project, requested_fields
from ._http import CHUNK, JSON, OFSError, Reply, error_body, json_reply
from ._limits import MockLimits
from ._query import QuerySyntaxError
from ._routes import Endpoint, MethodNotAllowed, Router
from ._schema import SchemaChecker
from ._store import COLLECTIONS, CollectionSpec, Store
from ._validate import validate
from .samples import SchemaSampler, normalised_spec

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping
    from pathlib import Path

    import httpx

    from ofsc import OFSC, AsyncOFSC

    from ._http import MockRequest
    from ._routes import Match
    from ._schema import Schema
    from ._server import LoopbackServer
    from ._store import StoredFile
    from ._validate import ValidRequest

MOCK_BASE_URL = "http://mock.localhost"
FEED_END = "ofsc-mock-feed-end"  # the nextPage after which the mock's event feed is empty
Role = Literal["list", "item", "file", "child"]


@dataclass(slots=True)
class Call:
    """One request the mock received (``mock.calls``).

    ``path`` is as sent (percent-encoded, without the query); ``query`` maps each query
    parameter to its text; ``headers`` have lower-case names; ``operation`` is the endpoint method's name (``"get_activity"``) when the path
    and method are known; ``status`` is what the mock answered (None when it reset the
    connection).
    """

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    operation: str | None = None
    status: int | None = None

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass(frozen=True, slots=True)
class _Spec:
    """What the mock derives from the spec once per process."""

    document: dict[str, Any]
    checker: SchemaChecker
    router: Router
    roles: dict[str, tuple[Role, CollectionSpec]]
    object_schemas: dict[str, Schema]  # collection name -> the schema of one object


@cache
def _spec() -> _Spec:
    document = normalised_spec()
    checker = SchemaChecker(document)
    router = Router(document, list(all_operations()))
    paths = document["paths"]
    roles: dict[str, tuple[Role, CollectionSpec]] = {}
    object_schemas: dict[str, Schema] = {}
    for spec in COLLECTIONS:
        roles[spec.path] = ("list", spec)
        roles[spec.item_path] = ("item", spec)
        roles[f"{spec.item_path}/{{propertyLabel}}"] = ("file", spec)
        for path in paths:
            if path.startswith(f"{spec.item_path}/") and path not in roles:
                roles[path] = ("child", spec)
        item_get = paths.get(spec.item_path, {}).get("get")
        if item_get is not None:
            object_schemas[spec.name] = _success_schema(item_get) or {}
        else:
            envelope = checker.object_view(_success_schema(paths[spec.path]["get"]) or {})
            object_schemas[spec.name] = envelope.properties["items"].get("items", {})
    return _Spec(document, checker, router, roles, object_schemas)


def _success_schema(spec_operation: dict[str, Any]) -> Schema | None:
    for code, response in sorted(spec_operation.get("responses", {}).items()):
        if code.startswith("2") and "schema" in response:
            schema: Schema = response["schema"]
            return schema
    return None


class MockOFS:
    """A local OFS for tests and demos (see the module docstring).

    ``seed`` makes sampled bodies and rate-based faults reproducible; ``fixture`` (a path
    to a JSON or TOML file, or a dict) fills the store (see :mod:`ofsc.testing._store`);
    ``file_size`` is the size of the synthetic content served for file properties nobody
    uploaded; ``clock`` is what token expiry is measured with; ``check_references`` makes
    writes that name an unknown object (an activity type's group, a skill group's skills...)
    fail with 400, as OFS does (off by default, so that sampled bodies can be written).

    Use it in-process::

        mock = MockOFS(seed=7)
        client = OFSC(instance="acme", client_id="cid", client_secret="s3cr3t",
                      base_url="http://mock.localhost", transport=mock.transport())

    or over HTTP on loopback: ``with mock.serve(port=0) as base_url: ...``.
    """

    def __init__(
        self,
        *,
        seed: int = 0,
        fixture: str | Path | Mapping[str, Any] | None = None,
        instance: str = "acme",
        client_id: str = "cid",
        client_secret: str = "s3cr3t",
        token_lifetime: float = 3600.0,
        file_size: int = 64 * 1024,
        clock: Callable[[], float] = time.time,
        check_references: bool = False,
    ) -> None:
        self.seed = seed
        self.check_references = check_references
        self.credentials = Credentials(instance, client_id, client_secret)
        self.file_size = file_size
        self.faults = FaultPlan(seed)
        self.limits = MockLimits(seed)  # OFS's published limits (see ._limits)
        self.calls: list[Call] = []
        self._spec = _spec()
        self._tokens = TokenIssuer(self.credentials, token_lifetime, clock, seed)
        self.store = Store(self._spec.object_schemas, self._spec.checker, self.sampler_for)
        self.events = EventFeed(client_id, clock)  # subscriptions and the change stream
        self.store.observers.append(self.events.on_store_change)
        if fixture is not None:
            self.store.load(fixture)

    # ---- the API for tests -----------------------------------------------------------

    @property
    def tokens_issued(self) -> int:
        """How many tokens the token service has issued."""
        return self._tokens.issued

    def revoke_tokens(self) -> None:
        """Make every issued token unknown: the next bearer request gets 401."""
        self._tokens.revoke_all()

    @property
    def basic_auth(self) -> str:
        """The ``Authorization`` header value the configured credentials make."""
        return self.credentials.basic

    def transport(self) -> httpx.BaseTransport:
        """An httpx transport that hands each request to this mock, in-process."""
        from ._transport import MockTransport

        return MockTransport(self)

    def async_transport(self) -> httpx.AsyncBaseTransport:
        """The async form of :meth:`transport`."""
        from ._transport import AsyncMockTransport

        return AsyncMockTransport(self)

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> LoopbackServer:
        """Start serving over HTTP in a background thread (``port=0``: any free port).

        ``with mock.serve() as base_url: ...`` stops the server on exit; otherwise call
        ``.close()`` on the returned server (``.base_url`` tells where it listens)."""
        from ._server import LoopbackServer

        return LoopbackServer(self, host, port)

    def client(self, base_url: str = MOCK_BASE_URL, **settings: Any) -> OFSC:
        """An :class:`ofsc.OFSC` with this mock's credentials; in-process unless ``base_url``
        is a loopback server's. Extra keywords are client settings (``auth="oauth2"``, ...)."""
        from ofsc import OFSC

        transport = self.transport() if base_url == MOCK_BASE_URL else None
        return OFSC(**self._client_settings(base_url, settings), transport=transport)

    def async_client(self, base_url: str = MOCK_BASE_URL, **settings: Any) -> AsyncOFSC:
        """The async form of :meth:`client`."""
        from ofsc import AsyncOFSC

        transport = self.async_transport() if base_url == MOCK_BASE_URL else None
        return AsyncOFSC(**self._client_settings(base_url, settings), transport=transport)

    def _client_settings(self, base_url: str, settings: Mapping[str, Any]) -> dict[str, Any]:
        credentials = self.credentials
        return {
            "instance": credentials.instance,
            "client_id": credentials.client_id,
            "client_secret": credentials.client_secret,
            "base_url": base_url,
            **settings,
        }

    def sampler_for(self, label: str) -> SchemaSampler:
        """A sampler seeded from the mock's seed and ``label``: the same label always gives
        the same values, whatever was asked before."""
        digest = hashlib.sha256(f"{self.seed}:{label}".encode()).digest()
        return SchemaSampler(self._spec.document, seed=int.from_bytes(digest[:8]))

    # ---- the core ------------------------------------------------------------------

    def handle(self, request: MockRequest) -> Reply:
        """Answer one request (what both transports and the server call)."""
        call = Call(
            request.method,
            request.raw_path,
            dict(parse_qsl(request.query, keep_blank_values=True)),
            dict(request.headers),
            request.body,
        )
        self.calls.append(call)
        decision = self.faults.decide(request.method, request.raw_path)
        fault = decision.outcome
        if fault is not None and fault.reset:
            reply = Reply(0, reset=True)
        elif fault is not None and fault.status is not None:
            headers = {"Retry-After": f"{fault.retry_after:g}"} if fault.retry_after is not None else {}
            reply = json_reply(fault.status, error_body(fault.status, "injected fault"), headers)
        else:
            reply = self._answer(request, call, decision.latency)
            if fault is not None and fault.truncate:
                # A body that is empty cannot be cut short: drop the connection instead.
                reply.truncate, reply.reset = reply.content_length > 0, reply.content_length == 0
        reply.delay = decision.latency
        call.status = None if reply.reset else reply.status
        return reply

    def _answer(self, request: MockRequest, call: Call, service_time: float = 0.0) -> Reply:
        try:
            match = self._route(request)
            call.operation = match.endpoint.operation.name
            self.limits.check_size(match.endpoint, request)
            valid = validate(request, match, self._spec.checker)
            self.limits.admit(match.endpoint, valid, service_time)
            return self.limits.bulk_reply(match.endpoint, valid) or self._dispatch(match, valid, request)
        except OFSError as exc:
            return exc.reply()

    def _route(self, request: MockRequest) -> Match:
        """The operation ``request`` is for, once its credentials are accepted (they are
        checked first, so that an unauthenticated caller learns nothing about paths)."""
        authorization = request.headers.get("authorization")
        try:
            match = self._spec.router.match(request.method, request.raw_path)
        except MethodNotAllowed as exc:
            self._tokens.check(authorization)
            allow = {"Allow": ", ".join(exc.allowed)}
            raise OFSError(405, f"{request.method} is not allowed on {request.raw_path}", allow) from None
        # The token service takes the client's own credentials, never a token.
        self._tokens.check(
            authorization, basic_only=match is not None and match.endpoint.operation.family == "auth"
        )
        if match is None:
            raise OFSError(404, f"no such resource: {request.raw_path}")
        return match

    def _dispatch(self, match: Match, valid: ValidRequest, request: MockRequest) -> Reply:
        endpoint = match.endpoint
        op = endpoint.operation
        if op.family == "auth":
            return self._issue_token(endpoint, valid)
        if endpoint.template.startswith(EVENTS_PATH):
            return self._on_events(endpoint, valid)
        kind, collection = self._spec.roles.get(endpoint.template, (None, None))
        if collection is None:
            if op.response_kind == "binary":
                return self._file(request, None)
            return self._sampled(endpoint, valid, request)
        with self.store.lock:
            if kind == "list":
                return self._on_list(endpoint, collection, valid)
            key = str(valid.path[collection.param])
            if kind == "item":
                return self._on_item(endpoint, collection, key, valid)
            if self.store.get(collection.name, key) is None:
                raise _not_found(collection, key)  # a sub-resource of an unknown object
            if kind == "file":
                return self._on_file(endpoint, collection, key, valid, request)
            apply_activity_action(self.store, endpoint.template, key, valid.body)
        return self._sampled(endpoint, valid, request)

    # ---- stateful collections ---------------------------------------------------------

    def _on_list(self, endpoint: Endpoint, collection: CollectionSpec, valid: ValidRequest) -> Reply:
        method = endpoint.operation.method
        if method == "GET":
            objects = self.store.items(collection.name)
            if collection.name == "activities":
                try:
                    objects = activity_search(objects, valid.query, self.store.items("resources"))
                except QuerySyntaxError as exc:
                    raise OFSError(400, f"q: {exc}") from None
            offset, limit = self._window(endpoint, valid)
            page = objects[offset : offset + self.limits.page_size(endpoint, limit)]
            envelope = self._envelope(endpoint, page, offset, limit, len(objects))
            return self._respond(endpoint, _success(endpoint), self._requested(endpoint, valid, envelope))
        body = valid.body if isinstance(valid.body, dict) else {}
        if method == "POST":
            self._check_references(collection, body)
            if collection.numeric:
                key = str(self.store.collection(collection.name).next_id())
            else:
                key = _required_key(body, collection)
                if self.store.get(collection.name, key) is not None:
                    raise OFSError(409, f"{collection.name} already has {collection.key} {key!r}")
            return self._respond(endpoint, _success(endpoint), self.store.put(collection.name, key, body))
        # PUT and PATCH on a list path replace or update several objects at once.
        for obj in body.get("items") or []:
            key = _required_key(obj, collection)
            existing = self.store.get(collection.name, key) if method == "PATCH" else None
            self.store.put(collection.name, key, {**(existing or {}), **obj})
        return self._respond(endpoint, _success(endpoint), None)

    def _on_item(
        self, endpoint: Endpoint, collection: CollectionSpec, key: str, valid: ValidRequest
    ) -> Reply:
        method = endpoint.operation.method
        existing = self.store.get(collection.name, key)
        body = valid.body if isinstance(valid.body, dict) else {}
        if method == "GET":
            if existing is None:
                raise _not_found(collection, key)
            return self._respond(endpoint, _success(endpoint), self._requested(endpoint, valid, existing))
        if method == "DELETE":
            if not self.store.remove(collection.name, key):
                raise _not_found(collection, key)
            return self._respond(endpoint, _success(endpoint), None)
        if method == "PATCH":
            if existing is None:
                raise _not_found(collection, key)
            return self._respond(
                endpoint, _success(endpoint), self.store.put(collection.name, key, {**existing, **body})
            )
        if method == "POST" and existing is not None:
            raise OFSError(409, f"{collection.name} already has {collection.key} {key!r}")
        self._check_references(collection, body)
        stored = self.store.put(collection.name, key, body)
        created = existing is None and 201 in endpoint.operation.success
        return self._respond(endpoint, 201 if created else _success(endpoint), stored)

    def _on_file(
        self,
        endpoint: Endpoint,
        collection: CollectionSpec,
        key: str,
        valid: ValidRequest,
        request: MockRequest,
    ) -> Reply:
        label = valid.path["propertyLabel"]
        method = endpoint.operation.method
        if method == "PUT":
            disposition = valid.headers.get("Content-Disposition", "")
            filename = disposition.partition("filename=")[2].strip('"') or None
            content_type = valid.headers.get("Content-Type") or "application/octet-stream"
            self.store.set_file(collection.name, key, label, bytes(valid.body or b""), content_type, filename)
        elif method == "DELETE":
            self.store.files.pop((collection.name, key, label), None)
        else:
            return self._file(request, self.store.file(collection.name, key, label))
        return self._respond(endpoint, _success(endpoint), None)

    def _check_references(self, collection: CollectionSpec, body: Mapping[str, Any]) -> None:
        problem = self.store.missing_reference(collection.name, body) if self.check_references else None
        if problem is not None:
            raise OFSError(400, f"{collection.name}: {problem}")

    def _envelope(
        self, endpoint: Endpoint, page: list[Any], offset: int, limit: int, total: int
    ) -> dict[str, Any]:
        """A list page with the paging fields the operation's response declares."""
        declared = self._spec.checker.object_view(_success_schema(endpoint.spec) or {}).properties
        fields = {
            "items": page,
            "offset": offset,
            "limit": limit,
            "totalResults": total,
            "hasMore": offset + len(page) < total,
        }
        return {name: value for name, value in fields.items() if name in declared}

    def _window(self, endpoint: Endpoint, valid: ValidRequest) -> tuple[int, int]:
        """The offset and limit a list request asks for, with OFS's defaults."""
        params = {p["name"]: p for p in endpoint.spec.get("parameters", [])}
        limit_param = params.get("limit", {})
        offset = max(0, int(valid.query.get("offset") or 0))
        limit = int(valid.query.get("limit") or 0)
        if limit <= 0:
            limit = int(limit_param.get("default", 100))
        return offset, min(limit, int(limit_param.get("maximum", limit)))

    def _on_events(self, endpoint: Endpoint, valid: ValidRequest) -> Reply:
        """The Events API, from ``mock.events`` (see :mod:`ofsc.testing._events`)."""
        body = self.events.answer(endpoint.operation.name, valid.path, valid.query, valid.body)
        if body is None:
            return self._respond(endpoint, _success(endpoint), None)
        schema = self._spec.checker.object_view(_success_schema(endpoint.spec) or {})
        if isinstance(body, list) and "items" in schema.properties:
            body = {"items": body, "totalResults": len(body)}  # the envelope OFS answers with
        return json_reply(_success(endpoint), body)

    # ---- everything else -------------------------------------------------------------

    def _sampled(self, endpoint: Endpoint, valid: ValidRequest, request: MockRequest) -> Reply:
        sampler = self.sampler_for(f"{request.method} {request.raw_path}?{request.query}")
        body = sampler.response_body(endpoint.operation)
        if isinstance(body, dict) and isinstance(body.get("items"), list):
            # A sampled page is the last one, so that paginating a sampled list ends.
            offset, limit = self._window(endpoint, valid)
            items = body["items"][:limit]
            body.update(self._envelope(endpoint, items, offset, limit, offset + len(items)))
        return self._respond(endpoint, _success(endpoint), self._requested(endpoint, valid, body), sampler)

    def _requested(self, endpoint: Endpoint, valid: ValidRequest, body: Any) -> Any:
        """``body`` with only the fields the request's ``fields`` parameter names (see _filters)."""
        names = requested_fields(valid.query)
        schema = _success_schema(endpoint.spec)
        if names is None or schema is None:
            return body
        return project(body, names, self._spec.checker, schema)

    def _respond(
        self, endpoint: Endpoint, status: int, body: Any, sampler: SchemaSampler | None = None
    ) -> Reply:
        schema = _success_schema(endpoint.spec)
        if status == 204 or schema is None or body is None:
            # Swagger 2.0 gives every response of an operation its "produces" types, bodiless ones too.
            return Reply(status, {"Content-Type": JSON})
        sampler = sampler or self.sampler_for(f"conform:{endpoint.operation.key}")
        return json_reply(status, self._spec.checker.conform(body, schema, sampler))

    def _issue_token(self, endpoint: Endpoint, valid: ValidRequest) -> Reply:
        token, lifetime = self._tokens.issue(valid.form["grant_type"], valid.form.get("assertion"))
        view = self._spec.checker.object_view(_success_schema(endpoint.spec) or {})
        name = "access_token" if "access_token" in view.properties else "token"
        return json_reply(200, {name: token, "token_type": "bearer", "expires_in": lifetime})

    def _file(self, request: MockRequest, stored: StoredFile | None) -> Reply:
        name = request.raw_path.rsplit("/", 1)[-1]
        if stored is not None:
            headers = {
                "Content-Type": stored.content_type,
                "Content-Disposition": f'attachment; filename="{stored.filename or name}"',
            }
            return Reply(200, headers, stored.content)
        size = self.file_size
        block = random.Random(f"{self.seed}:{request.raw_path}").randbytes(CHUNK)

        def chunks() -> Iterator[bytes]:
            for start in range(0, size, CHUNK):
                yield block[: min(CHUNK, size - start)]

        headers = {
            "Content-Type": "application/octet-stream",
            "Content-Disposition": f'attachment; filename="{name}.bin"',
        }
        return Reply(200, headers, stream=chunks, length=size)


def _success(endpoint: Endpoint) -> int:
    codes = endpoint.operation.success
    return 200 if 200 in codes else min(codes)


def _required_key(obj: Mapping[str, Any], collection: CollectionSpec) -> str:
    value = obj.get(collection.key)
    if value is None or value == "":
        raise OFSError(400, f"body field '{collection.key}' is required")
    return str(value)


def _not_found(collection: CollectionSpec, key: object) -> OFSError:
    return OFSError(404, f"{collection.key} {str(key)!r} not found in {collection.name}")
