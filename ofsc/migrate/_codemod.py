"""The libcst passes: point a 2.x script's imports at ``ofsc.v2``, and find its 2.x calls."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst
import libcst.matchers as m
from libcst.metadata import MetadataWrapper, PositionProvider

from ._async import ASYNC_MODULE, SUB_API_NAMES, client_piece, is_2x_async_client_call, migrate_async
from ._cst import code, dotted
from ._mapping import RETURN_MODE_ARGUMENTS, SUB_APIS, MethodMapping, find, find_async

V2 = "ofsc.v2"
# 2.x module -> where it lives now. 2.x's ofsc.models was a package; all its names are in ofsc.v2.models.
_MODULES = {
    "ofsc.common": "ofsc.v2.common",
    "ofsc.exceptions": "ofsc.v2.exceptions",
    "ofsc.models": "ofsc.v2.models",
    "ofsc.core": "ofsc.v2.core",
    "ofsc.metadata": "ofsc.v2.metadata",
    "ofsc.capacity": "ofsc.v2.capacity",
    "ofsc.oauth": "ofsc.v2.oauth",
}
# What a 2.x script could reach as ``ofsc.<name>``.
_V2_NAMES = frozenset(
    {
        "OFSC", "OFSCapacity", "OFSCore", "OFSMetadata", "OFSOauth2", "OFSConfig", "OFSApi",
        "FULL_RESPONSE", "OBJ_RESPONSE", "TEXT_RESPONSE", "FILE_RESPONSE",
        "OFSAPIException", "OFSCApiError", "OFSCAuthenticationError", "OFSCAuthorizationError",
        "OFSCConflictError", "OFSCNetworkError", "OFSCNotFoundError", "OFSCRateLimitError",
        "OFSCServerError", "OFSCValidationError",
        "common", "exceptions", "models", "core", "metadata", "capacity", "oauth",
    }
)  # fmt: skip
# Keywords only the v3 client takes: a file that passes them is v3 code already.
_V3_CLIENT_KEYWORDS = frozenset({"instance", "client_id", "client_secret", "base_url", "auth", "profile"})
_CLIENT_NAMES = frozenset({"OFSC", "OFSCV2"})


def _expression(name: str) -> cst.Attribute | cst.Name:
    expr: cst.Attribute | cst.Name = cst.Name(name.split(".")[0])
    for part in name.split(".")[1:]:
        expr = cst.Attribute(value=expr, attr=cst.Name(part))
    return expr


def _new_module(module: str) -> str | None:
    """Where the 2.x module ``module`` lives in v3 (None: it is not a 2.x module)."""
    if module in _MODULES:
        return _MODULES[module]
    if module.startswith("ofsc.models."):
        return _MODULES["ofsc.models"]
    return None


def _is_v3_client_call(node: cst.Call) -> bool:
    """``OFSC(instance=...)``, ``OFSC()``, ``AsyncOFSC(...)``: only v3 code calls the client so."""
    name = (dotted(node.func) or "").split(".")[-1]
    if name == "AsyncOFSC":
        return not is_2x_async_client_call(node)
    if name != "OFSC":
        return False
    return not node.args or any(
        arg.keyword is not None and arg.keyword.value in _V3_CLIENT_KEYWORDS for arg in node.args
    )


class _Survey(cst.CSTVisitor):
    """What a file is: whether it binds the name ``ofsc`` to the package, and whether it is
    v3 code already (which is left alone, as ``v3_evidence`` says why)."""

    def __init__(self) -> None:
        self.binds_ofsc = False
        self.v3_evidence: str | None = None
        self.uses_async_client = False  # code written for the 2.x async client

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            if alias.asname is None and (dotted(alias.name) or "").split(".")[0] == "ofsc":
                self.binds_ofsc = True
            if dotted(alias.name) == ASYNC_MODULE:
                self.uses_async_client = True

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if not node.relative and node.module is not None and dotted(node.module) == ASYNC_MODULE:
            self.uses_async_client = True
        if node.relative or node.module is None or dotted(node.module) != "ofsc":
            return
        if isinstance(node.names, cst.ImportStar):
            return
        v3_names = [name for alias in node.names if (name := dotted(alias.name)) not in _V2_NAMES]
        if v3_names and self.v3_evidence is None:
            self.v3_evidence = f"imports {', '.join(map(str, v3_names))} from ofsc"

    def visit_Call(self, node: cst.Call) -> None:
        if self.v3_evidence is None and _is_v3_client_call(node):
            self.v3_evidence = f"calls {code(node.func)} with v3 arguments"
        if is_2x_async_client_call(node):
            self.uses_async_client = True


@dataclass
class Migration:
    """The result of :func:`migrate_source`."""

    code: str
    changes: list[str] = field(default_factory=list)
    skipped_reason: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.changes)


class _ImportRewriter(cst.CSTTransformer):
    def __init__(self, binds_ofsc: bool, *, keep: frozenset[str] = frozenset()) -> None:
        self.binds_ofsc = binds_ofsc
        self.keep = keep  # modules whose imports are already right (a file moved to v3)
        self.changes: list[str] = []
        self._in_import = 0

    def _record(self, before: cst.CSTNode, after: cst.CSTNode) -> None:
        self.changes.append(f"{code(before)} -> {code(after)}")

    def visit_Import(self, node: cst.Import) -> None:
        self._in_import += 1

    def leave_Import(self, original: cst.Import, updated: cst.Import) -> cst.Import:
        self._in_import -= 1
        names = []
        for alias in updated.names:
            module = dotted(alias.name) or ""
            target = V2 if module == "ofsc" else _new_module(module)
            names.append(alias.with_changes(name=_expression(target)) if target else alias)
        result = updated.with_changes(names=names)
        if not result.deep_equals(original):
            self._record(original, result)
        return result

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._in_import += 1

    def leave_ImportFrom(self, original: cst.ImportFrom, updated: cst.ImportFrom) -> cst.ImportFrom:
        self._in_import -= 1
        if updated.relative or updated.module is None:
            return updated
        # ``from ofsc import`` holds 2.x names only here: a file importing v3 names was skipped.
        module = dotted(updated.module) or ""
        target = V2 if module == "ofsc" else _new_module(module)
        if target is None or module in self.keep:
            return updated
        result = updated.with_changes(module=_expression(target))
        self._record(original, result)
        return result

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        # ofsc.OFSC(...) / ofsc.common.wrap_return / ofsc.models.Workzone in expressions
        if self._in_import or not self.binds_ofsc:
            return updated
        if m.matches(updated.value, m.Name("ofsc")) and updated.attr.value in _V2_NAMES:
            result = updated.with_changes(value=_expression(V2))
            self._record(original, result)
            return result
        return updated


def migrate_source(source: str) -> Migration:
    """Rewrite the 2.x imports of ``source`` (raises :class:`libcst.ParserSyntaxError`
    when it does not parse)."""
    tree = cst.parse_module(source)
    survey = _Survey()
    tree.visit(survey)
    if survey.v3_evidence:
        return Migration(source, skipped_reason=f"v3 code already ({survey.v3_evidence})")
    changes: list[str] = []
    keep: frozenset[str] = frozenset()
    if survey.uses_async_client:
        tree, changes, moved = migrate_async(tree)
        if moved:  # its client, exceptions and calls are v3's now
            keep = frozenset({"ofsc", "ofsc.exceptions"})
    rewriter = _ImportRewriter(survey.binds_ofsc and not keep, keep=keep)
    new_tree = tree.visit(rewriter)
    return Migration(new_tree.code, changes + rewriter.changes)


# -- the report -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    """A 2.x call in a script, and what to write in v3."""

    line: int
    column: int
    call: str
    v3: str
    note: str = ""


class _CallFinder(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, *, async_client: bool = False) -> None:
        self.findings: list[Finding] = []
        self.async_client = async_client  # the file uses the 2.x async client
        # names bound to a 2.x sub-API: ``core = instance.core`` or ``core = OFSCore(config)``
        self._sub_apis: dict[str, str] = {}

    def visit_Assign(self, node: cst.Assign) -> None:
        api = self._sub_api_of(node.value)
        if api is None and isinstance(node.value, cst.Call):
            class_name = (dotted(node.value.func) or "").split(".")[-1]
            api = next((name for name, cls in SUB_APIS.items() if cls.__name__ == class_name), None)
        if api is not None:
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    self._sub_apis[target.target.value] = api

    def _sub_api_of(self, node: cst.BaseExpression) -> str | None:
        names = SUB_API_NAMES if self.async_client else SUB_APIS
        if isinstance(node, cst.Attribute) and node.attr.value in names:
            return node.attr.value
        if isinstance(node, cst.Name):
            return self._sub_apis.get(node.value)
        return None

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute):
            api = self._sub_api_of(func.value)
            if api is not None:
                row = find_async(api, func.attr.value) if self.async_client else find(api, func.attr.value)
                if row is not None:
                    self._add(node, _method_finding(row, node))
                return
        if is_2x_async_client_call(node):
            piece = client_piece(node)
            note = "v3 returns its own models (snake_case attributes) and raises ofsc.NotFoundError, ..."
            self._add(node, (piece.replacement or "ofsc.AsyncOFSC(instance=..., client_id=..., client_secret=...)",
                             piece.reason or note))  # fmt: skip
        elif (dotted(func) or "").split(".")[-1] in _CLIENT_NAMES and not _is_v3_client_call(node):
            self._add(node, _client_finding(node))

    def _add(self, node: cst.Call, finding: tuple[str, str]) -> None:
        position = self.get_metadata(PositionProvider, node).start
        v3, note = finding
        self.findings.append(Finding(position.line, position.column + 1, code(node), v3, note))


def _bind(row: MethodMapping, call: cst.Call) -> dict[str, str]:
    """The call's arguments by 2.x parameter name (source text)."""
    positional = [p.name for p in row.params if not p.keyword_only]
    bound: dict[str, str] = {}
    index = 0
    for arg in call.args:
        text = code(arg.value)
        if arg.keyword is not None:
            bound[arg.keyword.value] = text
        elif arg.star == "" and index < len(positional):
            bound[positional[index]] = text
            index += 1
    return bound


def _method_finding(row: MethodMapping, call: cst.Call) -> tuple[str, str]:
    arguments = _bind(row, call)
    modes = [name for name in RETURN_MODE_ARGUMENTS if name in arguments]
    mapped = {k: v for k, v in arguments.items() if k not in RETURN_MODE_ARGUMENTS}
    notes = [row.v3.note] if row.v3.note else []
    unmapped = row.unmapped(mapped) if row.v3.is_endpoint else []
    if unmapped:
        notes.append("no v3 keyword for " + ", ".join(unmapped))
    if modes:
        notes.append(
            "v3 returns models and raises on errors; client.raw(method, ...) gives the HTTP response"
        )
    return row.v3_call(mapped), "; ".join(notes)


_CLIENT_ARGUMENTS = {"clientID": "client_id", "companyName": "instance", "company": "instance", "secret": "client_secret",
                     "baseUrl": "base_url"}  # fmt: skip
_CLIENT_POSITIONAL = ("clientID", "companyName", "secret", "root", "baseUrl", "useToken")


def _client_finding(call: cst.Call) -> tuple[str, str]:
    arguments: dict[str, str] = {}
    for index, arg in enumerate(call.args):
        if arg.keyword is not None:
            arguments[arg.keyword.value] = code(arg.value)
        elif index < len(_CLIENT_POSITIONAL):
            arguments[_CLIENT_POSITIONAL[index]] = code(arg.value)
    keywords = [f"{_CLIENT_ARGUMENTS[k]}={v}" for k, v in arguments.items() if k in _CLIENT_ARGUMENTS]
    use_token = arguments.get("useToken", "False")
    if use_token == "True":
        keywords.append("auth='oauth2'")
    elif use_token != "False":
        keywords.append(f"auth='oauth2' if {use_token} else 'basic'")
    notes = ["v3 returns models and raises typed errors (ofsc.NotFoundError, ...)"]
    if "root" in arguments:
        notes.append("root is not a client setting in v3: pass resources=[root] to the calls")
    return f"ofsc.OFSC({', '.join(keywords)})", "; ".join(notes)


def report_source(source: str) -> list[Finding]:
    """Every 2.x call in ``source`` with its v3 equivalent (raises
    :class:`libcst.ParserSyntaxError` when it does not parse)."""
    module = cst.parse_module(source)
    survey = _Survey()
    module.visit(survey)
    wrapper = MetadataWrapper(module)
    finder = _CallFinder(async_client=survey.uses_async_client)
    wrapper.visit(finder)
    return finder.findings
