"""Moving code written for the 2.x async client (``ofsc.async_client``) to v3's ``AsyncOFSC``.

A file is moved when every 2.x piece of it maps mechanically: the import, the
``AsyncOFSC(clientID=..., companyName=..., secret=..., baseUrl=..., useToken=...)`` call,
each sub-API call (positional arguments become v3 keywords, ``get_all_workzones`` becomes
``client.paginate(...)``), the 2.x exceptions (imported as the v3 class under the 2.x name)
and the camelCase attributes of results (``zone.workZoneLabel`` -> ``zone.work_zone_label``).
Otherwise nothing moves (the file keeps running on ``ofsc.async_client``) and each piece
that needs a person gets a ``# ofsc.migrate:`` note saying what to do.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import libcst as cst

from ._cst import code, dotted
from ._mapping import MethodMapping, find_async

ASYNC_MODULE = "ofsc.async_client"
NOTE = "# ofsc.migrate:"
SUB_API_NAMES = ("core", "metadata", "capacity", "statistics", "oauth2")
# 2.x exceptions -> the v3 class raised in their place.
EXCEPTIONS = {
    "OFSCNotFoundError": "NotFoundError", "OFSCAuthenticationError": "AuthenticationError",
    "OFSCAuthorizationError": "PermissionDeniedError", "OFSCConflictError": "ConflictError",
    "OFSCRateLimitError": "RateLimitError", "OFSCServerError": "InternalServerError",
    "OFSCApiError": "APIStatusError", "OFSCNetworkError": "APIConnectionError", "OFSAPIException": "OFSCError",
}  # fmt: skip
# 2.x constructor keywords -> v3 keywords (the others need a person).
CLIENT_KEYWORDS = {"clientID": "client_id", "companyName": "instance", "secret": "client_secret",
                   "baseUrl": "base_url"}  # fmt: skip
CLIENT_POSITIONAL = ("clientID", "companyName", "secret", "root", "baseUrl", "useToken", "access_token")


@functools.cache
def _snake_fields() -> dict[str, str]:
    """camelCase field names of the v3 models -> their attribute names."""
    import ofsc_generated.models as generated

    names: dict[str, str] = {}
    for model_name in generated.__all__:
        model = getattr(generated, model_name)
        for attribute, info in getattr(model, "model_fields", {}).items():
            if info.alias and info.alias != attribute and re.fullmatch(r"[a-z]+[A-Z]\w*", info.alias):
                names.setdefault(info.alias, attribute)
    return names


def is_2x_async_client_call(node: cst.Call) -> bool:
    """``AsyncOFSC("cid", ...)`` or ``AsyncOFSC(clientID=...)``: the 2.x constructor."""
    if (dotted(node.func) or "").split(".")[-1] != "AsyncOFSC":
        return False
    return any(arg.keyword is None or arg.keyword.value in CLIENT_POSITIONAL for arg in node.args)


@dataclass
class Piece:
    """A 2.x async call: its v3 replacement, or why a person must move it."""

    node: cst.Call
    replacement: str | None
    reason: str = ""


def client_piece(call: cst.Call) -> Piece:
    arguments: dict[str, str] = {}
    for index, arg in enumerate(call.args):
        name = arg.keyword.value if arg.keyword is not None else CLIENT_POSITIONAL[min(index, 6)]
        arguments[name] = code(arg.value)
    keywords = [f"{CLIENT_KEYWORDS[k]}={v}" for k, v in arguments.items() if k in CLIENT_KEYWORDS]
    use_token = arguments.pop("useToken", "False")
    if use_token == "True":
        keywords.append("auth='oauth2'")
    elif use_token != "False":
        keywords.append(f"auth='oauth2' if {use_token} else 'basic'")
    others = [k for k in arguments if k not in CLIENT_KEYWORDS]
    func = dotted(call.func) or ""
    v3_func = "ofsc.AsyncOFSC" if func == f"{ASYNC_MODULE}.AsyncOFSC" else func
    replacement = f"{v3_func}({', '.join(keywords)})"
    if v3_func not in ("AsyncOFSC", "ofsc.AsyncOFSC"):
        return Piece(call, None, f"{replacement}: the client is reached as {func}")
    if others:
        reason = (
            f"AsyncOFSC arguments {', '.join(others)} have no v3 keyword: root becomes resources=[root] on "
            "the calls, a supplied access_token is not needed (v3 fetches and refreshes it), "
            "HTTPClientConfig becomes timeout=, max_retries= and http_client=httpx.AsyncClient(...)"
        )
        return Piece(call, None, reason)
    return Piece(call, replacement)


def _bind(row: MethodMapping, call: cst.Call) -> dict[str, str] | None:
    positional = [p.name for p in row.params if not p.keyword_only]
    bound: dict[str, str] = {}
    for index, arg in enumerate(call.args):
        if arg.star:
            return None
        if arg.keyword is not None:
            bound[arg.keyword.value] = code(arg.value)
        elif index < len(positional):
            bound[positional[index]] = code(arg.value)
        else:
            return None
    return bound


def method_piece(row: MethodMapping, call: cst.Call) -> Piece:
    assert isinstance(call.func, cst.Attribute)
    holder = call.func.value  # client.core (or a name bound to the sub-API)
    arguments = _bind(row, call)
    if arguments is None:
        return Piece(call, None, "the arguments could not be matched to the 2.x parameters")
    if row.name == "get_all_workzones" and isinstance(holder, cst.Attribute):
        client = code(holder.value)
        limit = f", limit={arguments['limit']}" if "limit" in arguments else ""
        return Piece(call, f"{client}.paginate({client}.metadata.get_workzones{limit})")
    if not row.v3.is_endpoint:
        return Piece(call, None, row.v3.target)
    # An argument without a v3 keyword (unmapped, or mapped to None with a note) needs a person.
    unmapped = [p for p in arguments if row.v3_keyword(p) is None]
    if unmapped:
        details = row.v3.note or f"no v3 keyword for {', '.join(unmapped)}"
        return Piece(call, None, f"{row.v3_call(arguments)}; {details}")
    v3 = row.v3_call(arguments).removeprefix("client.")
    family, _, rest = v3.partition(".")
    if isinstance(holder, cst.Attribute):
        return Piece(call, f"{code(holder.value)}.{family}.{rest}")
    if family == row.api:  # a name bound to the sub-API: the v3 family has the same name
        return Piece(call, f"{code(holder)}.{rest}")
    return Piece(call, None, f"{row.v3_call(arguments)}: the sub-API is {family} in v3")


@dataclass
class AsyncSurvey(cst.CSTVisitor):
    """The 2.x async pieces of a file."""

    pieces: list[Piece] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)  # imports nothing in v3 replaces
    sub_apis: dict[str, str] = field(default_factory=dict)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if (
            node.module is None
            or dotted(node.module) != ASYNC_MODULE
            or isinstance(node.names, cst.ImportStar)
        ):
            return
        for alias in node.names:
            name = dotted(alias.name) or ""
            if name != "AsyncOFSC" and name not in EXCEPTIONS:
                self.blockers.append(f"{name} has no v3 counterpart to import")
            elif name == "AsyncOFSC" and alias.asname is not None:
                self.blockers.append("AsyncOFSC is imported under another name")

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            if dotted(alias.name) == ASYNC_MODULE and alias.asname is not None:
                self.blockers.append(f"{ASYNC_MODULE} is imported under another name")

    def visit_Assign(self, node: cst.Assign) -> None:
        value = node.value
        if isinstance(value, cst.Attribute) and value.attr.value in SUB_API_NAMES:
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    self.sub_apis[target.target.value] = value.attr.value

    def api_of(self, node: cst.BaseExpression) -> str | None:
        if isinstance(node, cst.Attribute) and node.attr.value in SUB_API_NAMES:
            return node.attr.value
        if isinstance(node, cst.Name):
            return self.sub_apis.get(node.value)
        return None

    def visit_Call(self, node: cst.Call) -> None:
        if is_2x_async_client_call(node):
            self.pieces.append(client_piece(node))
            return
        if isinstance(node.func, cst.Attribute):
            api = self.api_of(node.func.value)
            row = find_async(api, node.func.attr.value) if api else None
            if row is not None:
                self.pieces.append(method_piece(row, node))


class AsyncMover(cst.CSTTransformer):
    """Rewrites a file all of whose pieces are mechanical (see the module docstring)."""

    def __init__(self, pieces: list[Piece]) -> None:
        self.replacements = {id(p.node): p.replacement for p in pieces if p.replacement}
        self.changes: list[str] = []
        self._in_import = 0

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._in_import += 1

    def leave_ImportFrom(self, original: cst.ImportFrom, updated: cst.ImportFrom) -> cst.ImportFrom:
        self._in_import -= 1
        module = dotted(updated.module) if updated.module is not None else None
        if module not in (ASYNC_MODULE, "ofsc.exceptions") or isinstance(updated.names, cst.ImportStar):
            return updated
        names = []
        for alias in updated.names:
            name = dotted(alias.name) or ""
            if name in EXCEPTIONS:
                as_name = alias.asname or cst.AsName(name=cst.Name(name))
                names.append(alias.with_changes(name=cst.Name(EXCEPTIONS[name]), asname=as_name))
            else:
                names.append(alias)
        target = "ofsc" if module == ASYNC_MODULE else "ofsc.exceptions"
        result = updated.with_changes(module=cst.parse_expression(target), names=names)
        if not result.deep_equals(original):
            self.changes.append(f"{code(original)} -> {code(result)}")
        return result

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        replacement = self.replacements.get(id(original))
        if replacement is None:
            return updated
        self.changes.append(f"{code(original)} -> {replacement}")
        if is_2x_async_client_call(original):
            return _client_keywords(updated)
        # Attributes in the new arguments (label=zone.workZoneLabel) are v3 models' too.
        expression = cst.parse_expression(replacement).visit(SnakeAttributes(self.changes))
        assert isinstance(expression, cst.BaseExpression)
        return expression

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        if self._in_import:
            return updated
        return SnakeAttributes(self.changes).leave_Attribute(original, updated)


class SnakeAttributes(cst.CSTTransformer):
    """``result.workZoneLabel`` -> ``result.work_zone_label`` for the fields of v3 models."""

    def __init__(self, changes: list[str]) -> None:
        self.changes = changes

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        snake = _snake_fields().get(updated.attr.value)
        if snake is None:
            return updated
        self.changes.append(f".{updated.attr.value} -> .{snake}")
        return updated.with_changes(attr=cst.Name(snake))


def _client_keywords(call: cst.Call) -> cst.Call:
    """The 2.x constructor call with v3 keywords, its layout kept (``useToken=`` -> ``auth=``)."""
    equal = cst.AssignEqual(
        whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
    )
    args: list[cst.Arg] = []
    for index, arg in enumerate(call.args):
        name = arg.keyword.value if arg.keyword is not None else CLIENT_POSITIONAL[index]
        if name == "useToken":
            value = code(arg.value)
            if value == "False":
                continue
            auth = "'oauth2'" if value == "True" else f"'oauth2' if {value} else 'basic'"
            args.append(
                arg.with_changes(keyword=cst.Name("auth"), equal=equal, value=cst.parse_expression(auth))
            )
        else:
            args.append(arg.with_changes(keyword=cst.Name(CLIENT_KEYWORDS[name]), equal=equal))
    if (
        args
        and args[-1].comma is cst.MaybeSentinel.DEFAULT
        and call.args
        and call.args[-1].comma != args[-1].comma
    ):
        args[-1] = args[-1].with_changes(comma=call.args[-1].comma)
    func = call.func
    if dotted(func) == f"{ASYNC_MODULE}.AsyncOFSC":  # ``import ofsc.async_client`` binds ofsc too
        func = cst.parse_expression("ofsc.AsyncOFSC")
    return call.with_changes(func=func, args=args)


class NoteWriter(cst.CSTTransformer):
    """Puts a ``# ofsc.migrate:`` note above each statement holding a piece a person must move."""

    def __init__(self, pieces: list[Piece]) -> None:
        self.reasons = {id(p.node): p.reason for p in pieces if p.replacement is None}
        self.changes: list[str] = []
        self._statements: list[list[str]] = []  # the notes of each statement being visited

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.SimpleStatementLine | cst.BaseCompoundStatement):
            self._statements.append([])
        reason = self.reasons.get(id(node))
        if reason and self._statements:
            self._statements[-1].append(reason)
        return True

    def on_leave(self, original: cst.CSTNode, updated: cst.CSTNode) -> cst.CSTNode:  # type: ignore[override]
        if not isinstance(original, cst.SimpleStatementLine | cst.BaseCompoundStatement):
            return updated
        notes = self._statements.pop()
        assert isinstance(updated, cst.SimpleStatementLine | cst.BaseCompoundStatement)
        lines = list(updated.leading_lines)
        present = {line.comment.value for line in lines if line.comment is not None}
        added = [
            text for note in notes if (text := f"{NOTE} stays on ofsc.async_client: {note}") not in present
        ]
        if not added:
            return updated
        self.changes.extend(added)
        new = [cst.EmptyLine(comment=cst.Comment(text)) for text in added]
        return updated.with_changes(leading_lines=[*lines, *new])


def migrate_async(tree: cst.Module) -> tuple[cst.Module, list[str], bool]:
    """The moved (or annotated) module, what changed, and whether it moved to v3."""
    survey = AsyncSurvey()
    tree.visit(survey)
    if not survey.blockers and all(p.replacement for p in survey.pieces):
        mover = AsyncMover(survey.pieces)
        return tree.visit(mover), mover.changes, True
    if survey.blockers:  # said once: on the client's construction, or else the first call
        first = next((p for p in survey.pieces if is_2x_async_client_call(p.node)), None)
        first = first or next(iter(survey.pieces), None)
        if first is not None:
            first.reason = "; ".join(
                [*survey.blockers, *([first.reason] if first.replacement is None else [])]
            )
            first.replacement = None
    writer = NoteWriter(survey.pieces)
    return tree.visit(writer), writer.changes, False
