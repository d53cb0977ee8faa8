"""Every use of another library's private parts, in one place, each for a measured reason.

Nothing else in ``ofsc`` reads or writes a private attribute of httpx, pydantic, aiohttp or
OpenTelemetry. Each function here falls back to the public way when the private part is not
there, and ``tests/facade/test_internals.py`` fails loudly when a library changes one, so a
new release is noticed by the tests, not by users as a slowdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx
    from pydantic import BaseModel


# httpx ---------------------------------------------------------------------------------


def join_url(base: httpx.URL, path: str, query: str | None) -> httpx.URL | None:
    """``base`` with ``path`` appended and ``query`` set, without parsing the URL again, or
    None when httpx's URL internals are not what this expects (parse the text then).

    Why: parsing makes httpx check the URL character by character, more than the rest of
    building a request; the SDK checked the base once and percent-encoded the path itself.
    """
    import httpx

    reference: Any = getattr(base, "_uri_reference", None)
    if not (hasattr(reference, "_replace") and hasattr(reference, "path")):
        return None
    url = object.__new__(httpx.URL)
    url._uri_reference = reference._replace(path=reference.path.rstrip("/") + path, query=query)
    return url


def keep_body(response: httpx.Response, content: bytes) -> httpx.Response:
    """Give a streamed response the decoded body read from it, as httpx's own ``read()``
    stores it, so ``content``, ``text`` and ``json()`` work as on any read response.

    Why: the SDK reads bodies itself, in bounded steps within the size limit and deadline;
    httpx has no public way to hand a response a body read elsewhere.
    """
    response._content = content
    return response


def send_through_transport(client: httpx.Client, request: httpx.Request) -> httpx.Response:
    """``client.send(request, stream=True)``, straight to the transport the client picks for
    the URL (its mounts, proxy and pool), or through ``send`` when the client is closed or
    httpx no longer has ``_transport_for_url``.

    Used only on a client the SDK built, which has nothing for the layers this leaves out:
    auth flows and redirects (the SDK authorizes each request and follows no redirect),
    event hooks (the SDK has its own) and the cookie jar (answers' cookies are not kept, as
    on every backend). Why: those layers cost about 75 us a call, a quarter of a call on a
    loopback connection.
    """
    transport_for = getattr(client, "_transport_for_url", None)
    if transport_for is None or client.is_closed:
        return client.send(request, stream=True)
    response: httpx.Response = transport_for(request.url).handle_request(request)
    response.request = request
    return response


async def send_through_async_transport(client: httpx.AsyncClient, request: httpx.Request) -> httpx.Response:
    """The async :func:`send_through_transport`."""
    transport_for = getattr(client, "_transport_for_url", None)
    if transport_for is None or client.is_closed:
        return await client.send(request, stream=True)
    response: httpx.Response = await transport_for(request.url).handle_async_request(request)
    response.request = request
    return response


# pydantic ------------------------------------------------------------------------------


def validate_json[M: BaseModel](model: type[M], content: bytes) -> M:
    """``model.model_validate_json(content)``, calling the validator directly.

    Why: ``model_validate_json`` only adds keyword handling, about 6% of parsing a page.
    """
    result: M = model.__pydantic_validator__.validate_json(content)
    return result


def private_state(model: BaseModel) -> dict[str, Any] | None:
    """The model instance's private-state dict (where results keep their answer), if any."""
    state: dict[str, Any] | None = getattr(model, "__pydantic_private__", None)
    return state


def set_private_state(model: BaseModel, state: dict[str, Any]) -> None:
    """Replace the instance's private state.

    Why: a declared private attribute would make pydantic initialise it on every nested
    model of every response, which doubles the cost of parsing a page; only the top-level
    result (and misfit models) ever carry one.
    """
    object.__setattr__(model, "__pydantic_private__", state)


# aiohttp -------------------------------------------------------------------------------


def no_aiohttp_replays(session: Any) -> None:
    """Stop ``session`` re-sending an idempotent request by itself after a reset on a reused
    connection: every attempt is the pipeline's (aiohttp has no public switch for it)."""
    if hasattr(session, "_retry_connection"):
        session._retry_connection = False


# OpenTelemetry -------------------------------------------------------------------------

UNKNOWN = object()


def installed_tracer_provider(trace: Any) -> object:
    """The tracer provider the application installed (None if none yet), or :data:`UNKNOWN`
    when OpenTelemetry's module no longer keeps it where this looks (ask the public API then).

    Why: ``trace.get_tracer_provider()`` looks the environment up, and raises and catches a
    KeyError, on every call until a provider is set: more than the rest of an untraced call's
    tracing, on every attempt.
    """
    return getattr(trace, "_TRACER_PROVIDER", UNKNOWN)
