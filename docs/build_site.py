"""Build the documentation site: ``python docs/build_site.py [--site-dir site]``.

The pages are laid out in a staging directory, then MkDocs builds them in strict mode
(any warning, such as a broken link or anchor, fails the build):

- the home page is ``README.md``; the guides are the Markdown files in ``docs/``;
- ``docs/reference/*.md`` render the facade (clients, errors, testing) with mkdocstrings;
- ``reference/api/<family>.md``, one page per API family, is generated from the operation
  index (HTTP method and path, paging, retry safety) and the endpoint methods (signature,
  return type, and the descriptions their docstrings carry from Oracle's spec);
- ``reference/models.md`` lists every model with its fields, read from the model sources;
- ``examples.md`` shows the scripts in ``examples/``.

Links between the repository's Markdown files are rewritten to the pages they became; a
link to another file of the repository becomes its path in code type.
"""

from __future__ import annotations

import argparse
import ast
import html
import inspect
import logging
import re
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from ofsc._operation import Operation

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MODELS_DIR = ROOT / "generated" / "ofsc_generated" / "models"
# Written by others and maintained with the code; shown as guides in this order when present.
GUIDES = (
    "BEST_PRACTICES.md",
    "RESPONSES.md",
    "REALITY.md",
    "SECURITY.md",
    "CLI.md",
    "EVENTS.md",
    "BULK.md",
    "SETUP.md",
    "MIGRATION.md",
    "ARCHITECTURE.md",
    "RELEASING.md",
)
# The facade's reference pages in docs/reference/, rendered by mkdocstrings.
REFERENCE_PAGES = ("client.md", "errors.md", "testing.md", "bulk.md")
FAMILY_TITLES = {
    "core": "Core",
    "metadata": "Metadata",
    "capacity": "Capacity",
    "statistics": "Statistics",
    "parts_catalog": "Parts catalog",
    "collaboration": "Collaboration",
    "auth": "OAuth token service",
}
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
FACADE_ANCHORS = {
    "RequestOptions": "../client.md#ofsc._types.RequestOptions",
    "BinaryResponse": "../client.md#ofsc._response.BinaryResponse",
    "AsyncBinaryResponse": "../client.md#ofsc._response.AsyncBinaryResponse",
    "FileContent": "../client.md#ofsc._types.FileContent",
}


# ---- Markdown helpers ---------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#])")
_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\(([^)\s]+)\)")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def prose(text: str) -> str:
    """Oracle's descriptions as Markdown: every character shown as written (lines that
    start with "- " still make lists)."""
    lines = (html.escape(line.strip(), quote=False) for line in text.splitlines())
    return "\n".join(_MD_SPECIAL.sub(r"\\\1", line) for line in lines)


def type_markdown(annotation: str, links: dict[str, str]) -> str:
    """An annotation as Markdown, each known name linked to its page."""
    parts: list[str] = []
    position = 0
    for match in _IDENTIFIER.finditer(annotation):
        parts.append(_MD_SPECIAL.sub(r"\\\1", annotation[position : match.start()]))
        name = match.group()
        parts.append(f"[{name}]({links[name]})" if name in links else name.replace("_", "\\_"))
        position = match.end()
    parts.append(_MD_SPECIAL.sub(r"\\\1", annotation[position:]))
    return "".join(parts)


def outside_code(markdown: str) -> Iterator[tuple[bool, str]]:
    """Split Markdown into ``(is_code, text)`` runs at fenced code blocks."""
    fence: str | None = None
    run: list[str] = []
    for line in markdown.splitlines(keepends=True):
        stripped = line.lstrip()
        if fence is None and stripped.startswith(("```", "~~~")):
            yield False, "".join(run)
            run, fence = [line], stripped[:3]
        elif fence is not None and stripped.startswith(fence):
            run.append(line)
            yield True, "".join(run)
            run, fence = [], None
        else:
            run.append(line)
    yield fence is not None, "".join(run)


# ---- the repository's own pages ---------------------------------------------------------


@dataclass
class Site:
    """The staged pages: repository path -> page path, and the pages' texts."""

    pages: dict[str, str] = field(default_factory=dict)  # page path -> Markdown
    sources: dict[str, str] = field(default_factory=dict)  # repository path -> page path
    examples: dict[str, str] = field(default_factory=dict)  # repository path -> anchor on examples.md

    def add(self, page: str, text: str, source: str | None = None) -> None:
        self.pages[page] = text
        if source is not None:
            self.sources[source] = page


def rewrite_links(markdown: str, source: str, site: Site) -> str:
    """Point links between repository files at the pages they became (see the module docstring)."""
    page = site.sources[source]
    page_dir = Path(page).parent
    source_dir = Path(source).parent

    def rewrite(match: re.Match[str]) -> str:
        text, target = match.groups()
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith(("#", "/")):
            return match.group()
        path, _, anchor = target.partition("#")
        repo_path = (source_dir / path).as_posix()
        repo_path = str(Path(repo_path)).replace("\\", "/")
        normalised = _normalise(repo_path)
        if normalised in site.sources:
            new = _relative(site.sources[normalised], page_dir) + (f"#{anchor}" if anchor else "")
            return f"[{text}]({new})"
        if normalised in site.examples:
            return f"[{text}]({_relative('examples.md', page_dir)}#{site.examples[normalised]})"
        if (ROOT / normalised).exists():
            return text if text.strip("`") == normalised else f"{text} (`{normalised}`)"
        return match.group()  # a broken link: left for the strict build to report

    return "".join(
        block if is_code else _LINK.sub(rewrite, block) for is_code, block in outside_code(markdown)
    )


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/".join(parts).rstrip("/")


def _relative(target_page: str, from_dir: Path) -> str:
    depth = len(from_dir.parts) if str(from_dir) != "." else 0
    return "../" * depth + target_page


def title_of(markdown: str, default: str) -> str:
    match = re.search(r"^# (.+)$", markdown, re.MULTILINE)
    return match.group(1).strip() if match else default


# ---- examples ---------------------------------------------------------------------------


def example_scripts() -> list[Path]:
    return sorted((ROOT / "examples").glob("*.py"))


def examples_page(scripts: Iterable[Path], notebooks: Iterable[Path]) -> str:
    lines = [
        "# Examples",
        "",
        "Short scripts for common jobs. Each reads its connection from `OFSC_*` environment "
        "variables (or `config.toml`), so the same script runs against a real instance and, "
        "in the test suite, against the local mock (`ofsc.testing.MockOFS`).",
        "",
    ]
    for script in scripts:
        source = script.read_text(encoding="utf-8")
        module = ast.parse(source)
        docstring = ast.get_docstring(module) or ""
        summary, _, details = docstring.partition("\n\n")
        lines += [f"## {script.name} {{ #{script.stem} }}", "", summary.strip(), ""]
        if details.strip():
            lines += [details.strip("\n"), ""]  # keeps the indentation of a usage block
        lines += ["```python", source.rstrip(), "```", ""]
    notebooks = list(notebooks)
    if notebooks:
        lines += ["## Notebooks { #notebooks }", ""]
        lines += [f"- `examples/notebooks/{nb.name}`" for nb in notebooks]
        lines.append("")
    return "\n".join(lines)


# ---- API families -----------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedDocstring:
    description: str
    args: dict[str, str]


def parse_docstring(docstring: str) -> ParsedDocstring:
    """The generated endpoint docstring: description, then ``Args:``, then notes this page
    shows in its own form (paging, the HTTP line)."""
    description: list[str] = []
    args: dict[str, str] = {}
    section = "description"
    current: str | None = None
    for line in docstring.splitlines():
        if line == "Args:":
            section = "args"
            continue
        if section == "args":
            if not line.strip():
                section = "after"
                continue
            match = re.match(r"^    (\w+): ?(.*)$", line)
            if match:
                current = match.group(1)
                args[current] = match.group(2).removeprefix("(optional) ").strip()
            elif current is not None:
                args[current] += " " + line.strip()
        elif section == "description":
            description.append(line)
    text = "\n".join(description).strip()
    return ParsedDocstring(_without_generated_notes(text), args)


def _without_generated_notes(text: str) -> str:
    kept = [
        p
        for p in text.split("\n\n")
        if not p.startswith(("Pageable:", "``GET ", "``POST ", "``PUT ", "``PATCH ", "``DELETE "))
    ]
    return "\n\n".join(kept)


def operation_section(op: Operation[Any], api_class: type, model_links: dict[str, str]) -> list[str]:
    method = getattr(api_class, op.name)
    signature = inspect.signature(method)
    doc = parse_docstring(inspect.getdoc(method) or "")
    summary, _, description = doc.description.partition("\n\n")
    links = {**model_links, **FACADE_ANCHORS}
    lines = [f"## {op.name} {{ #{op.name} }}", "", f"`{op.method} {op.path}`", ""]
    if op.deprecated:
        lines += ['!!! warning "Deprecated"', "    Oracle marks this operation as deprecated.", ""]
    lines += [prose(summary), ""]
    parameters = [p for name, p in signature.parameters.items() if name != "self"]
    rendered = "".join(f"    {_parameter_source(p)},\n" for p in parameters)
    lines += [
        "```python",
        f"client.{op.family}.{op.name}(\n    *,\n{rendered}) -> {signature.return_annotation}",
        "```",
        "",
    ]
    lines += ["**Parameters**", ""]
    for parameter in parameters:
        lines.append(_parameter_line(op, parameter, doc.args, links))
    lines.append("")
    lines += ["**Returns** " + _returns(op, str(signature.return_annotation), links), ""]
    lines += _behaviour(op)
    if description.strip():
        lines += ["**Details**", "", prose(description), ""]
    return lines


def _parameter_source(parameter: inspect.Parameter) -> str:
    """``name: annotation = default`` as written in the method (the annotations are strings)."""
    text = f"{parameter.name}: {parameter.annotation}"
    return text if parameter.default is inspect.Parameter.empty else f"{text} = {parameter.default!r}"


def _parameter_line(
    op: Operation[Any], parameter: inspect.Parameter, args: dict[str, str], links: dict[str, str]
) -> str:
    name = parameter.name
    annotation = type_markdown(str(parameter.annotation), links)
    if name == "options":
        return f"- `options` ({annotation}): per-call timeout, retries, headers and query parameters."
    param = op.param(name)
    if param is not None:
        where = f"{param.location} `{param.wire}`" if param.location != "file" else "file content"
        required = "required" if param.required else "optional"
    elif op.body is not None and name == op.body.name:
        where = f"{op.body.kind} body"
        required = "required" if op.body.required else "optional"
    else:
        where, required = "", "optional"
    facts = ", ".join(filter(None, [annotation, where, required]))
    description = args.get(name, "")
    return f"- `{name}` ({facts})" + (f": {prose(description)}" if description else "")


def _returns(op: Operation[Any], annotation: str, links: dict[str, str]) -> str:
    rendered = type_markdown(annotation, links)
    if op.response_kind == "binary":
        return f"{rendered}: the file, streamed; read it or write it to disk (`.write_to(path)`)."
    if op.response_kind == "none":
        return "`None`"
    if op.response_kind == "optional_model":
        return f"{rendered}: `None` when the server answers without a body."
    return rendered


def _behaviour(op: Operation[Any]) -> list[str]:
    facts: list[str] = []
    if op.paging is not None:
        facts.append(f"Pageable: `client.paginate(client.{op.family}.{op.name}, ...)` yields every item.")
    if op.method in IDEMPOTENT_METHODS:
        facts.append(f"Retried on connection failures and retryable statuses ({op.method} is idempotent).")
    elif op.retry_safe:
        facts.append("Retried on connection failures and retryable statuses (known to be safe to repeat).")
    else:
        facts.append(
            "Retried only when the request cannot have reached the server; "
            '`options={"retry_unsafe": True}` allows more.'
        )
    success = ", ".join(str(code) for code in op.success)
    facts.append(f"Success status: {success}.")
    return [*(f"- {fact}" for fact in facts), ""]


def family_page(family: str, operations: list[Operation[Any]], model_links: dict[str, str]) -> str:
    from ofsc_generated import FAMILIES

    module_name, sync_class, _ = FAMILIES[family]
    api_class = getattr(import_module(module_name), sync_class)
    title = FAMILY_TITLES.get(family, family)
    lines = [
        f"# {title} API",
        "",
        f"`client.{family}`: {len(operations)} operations. On `AsyncOFSC` the same methods are "
        f"coroutines: `await client.{family}.<method>(...)`. Every argument is a keyword; "
        "arguments are checked against the spec before anything is sent "
        "(`RequestValidationError`).",
        "",
        "| Method | HTTP |",
        "| --- | --- |",
    ]
    lines += [f"| [`{op.name}`](#{op.name}) | `{op.method} {op.path}` |" for op in operations]
    lines.append("")
    for op in operations:
        lines += operation_section(op, api_class, model_links)
    return "\n".join(lines)


def api_index_page(operations: list[Operation[Any]]) -> str:
    lines = [
        "# API reference",
        "",
        f"All {len(operations)} operations of the OFS REST API, by family. Each family is an "
        "attribute of the client (`client.core`, `client.metadata`, ...).",
        "",
        "| HTTP | Method | Summary |",
        "| --- | --- | --- |",
    ]
    for op in operations:
        lines.append(
            f"| `{op.method} {op.path}` | [`{op.family}.{op.name}`]({op.family}.md#{op.name}) "
            f"| {prose(op.summary).replace('|', '&#124;')} |"
        )
    return "\n".join([*lines, ""])


# ---- models -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelField:
    name: str
    annotation: str
    alias: str | None
    required: bool
    description: str


@dataclass(frozen=True)
class ModelDoc:
    name: str
    bases: str
    description: str
    fields: list[ModelField]


def read_models(directory: Path = MODELS_DIR) -> list[ModelDoc]:
    """Every model class, read from its source (no import: fast, and annotations as written)."""
    models: list[ModelDoc] = []
    for path in sorted(directory.glob("*.py")):
        if path.name == "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                bases = ", ".join(ast.unparse(base) for base in node.bases)
                models.append(ModelDoc(node.name, bases, ast.get_docstring(node) or "", list(_fields(node))))
    return sorted(models, key=lambda m: m.name.lower())


def _fields(node: ast.ClassDef) -> Iterator[ModelField]:
    body = node.body
    for index, statement in enumerate(body):
        if not isinstance(statement, ast.AnnAssign) or not isinstance(statement.target, ast.Name):
            continue
        name = statement.target.id
        if name == "model_config":
            continue
        alias, required = None, statement.value is None
        value = statement.value
        if isinstance(value, ast.Call) and ast.unparse(value.func).endswith("Field"):
            keywords = {k.arg: k.value for k in value.keywords if k.arg}
            alias_node = keywords.get("alias")
            alias = str(alias_node.value) if isinstance(alias_node, ast.Constant) else None
            positional_default = value.args and not (
                isinstance(value.args[0], ast.Constant) and value.args[0].value is Ellipsis
            )
            required = not (positional_default or "default" in keywords or "default_factory" in keywords)
        following = body[index + 1] if index + 1 < len(body) else None
        description = ""
        if (
            isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            description = inspect.cleandoc(following.value.value)
        yield ModelField(name, ast.unparse(statement.annotation), alias, required, description)


def models_page(models: list[ModelDoc]) -> str:
    links = {m.name: f"#{m.name}" for m in models}
    lines = [
        "# Models",
        "",
        f"The {len(models)} models of the OFS API, in `ofsc_generated.models` "
        "(`from ofsc_generated.models import Activity`). They accept the Python field names "
        "or the API's names (shown in brackets), serialise to the API's names "
        "(`model.to_api()`), and keep fields the spec does not list.",
        "",
    ]
    for model in models:
        lines += [f"## {model.name} {{ #{model.name} }}", ""]
        if model.description:
            lines += [prose(model.description), ""]
        if model.bases and not model.bases.startswith("OFSCModel"):
            lines += [f"Base: {type_markdown(model.bases, links)}", ""]
        for f in model.fields:
            alias = f" (`{f.alias}`)" if f.alias else ""
            required = ", required" if f.required else ""
            entry = f"- `{f.name}`{alias}: {type_markdown(f.annotation, links)}{required}"
            if f.description:
                entry += " — " + prose(f.description).replace("\n", " ")
            lines.append(entry)
        lines.append("")
    return "\n".join(lines)


# ---- the site ---------------------------------------------------------------------------


def stage(target: Path) -> list[Any]:
    """Write every page into ``target``; return the navigation."""
    from ofsc_generated.operations import FAMILIES, all_operations

    site = Site()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    site.add("index.md", readme, "README.md")
    guides: list[Any] = []
    for name in GUIDES:
        path = DOCS / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            site.add(name, text, f"docs/{name}")
            guides.append({title_of(text, name): name})
    scripts = example_scripts()
    notebooks = sorted((ROOT / "examples" / "notebooks").glob("*.ipynb"))
    site.examples = {f"examples/{s.name}": s.stem for s in scripts}
    site.examples.update({f"examples/notebooks/{nb.name}": "notebooks" for nb in notebooks})
    site.examples["examples"] = site.examples["examples/notebooks"] = ""
    site.add("examples.md", examples_page(scripts, notebooks))
    guides.insert(1, {"Examples": "examples.md"})

    facade: list[Any] = []
    for name in REFERENCE_PAGES:
        text = (DOCS / "reference" / name).read_text(encoding="utf-8")
        site.add(f"reference/{name}", text, f"docs/reference/{name}")
        facade.append({title_of(text, name): f"reference/{name}"})

    models = read_models()
    model_links = {m.name: f"../models.md#{m.name}" for m in models}
    operations = list(all_operations())
    site.add("reference/api/index.md", api_index_page(operations))
    families: list[Any] = [{"All operations": "reference/api/index.md"}]
    for family in FAMILIES:
        ops = [op for op in operations if op.family == family]
        site.add(f"reference/api/{family}.md", family_page(family, ops, model_links))
        families.append({FAMILY_TITLES.get(family, family): f"reference/api/{family}.md"})
    site.add("reference/models.md", models_page(models))

    for source, page in site.sources.items():
        site.pages[page] = rewrite_links(site.pages[page], source, site)
    for page, text in site.pages.items():
        out = target / page
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return [
        {"Home": "index.md"},
        {"Guides": guides},
        {"Reference": [*facade, {"API": families}, {"Models": "reference/models.md"}]},
    ]


def build(site_dir: Path, *, strict: bool = True) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory(prefix="ofsc-docs-") as staging:
        nav = stage(Path(staging))
        config = load_config(
            str(DOCS / "mkdocs.yml"),
            docs_dir=staging,
            site_dir=str(site_dir.resolve()),
            strict=strict,
            nav=nav,
        )
        mkdocs_build(config)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="where to write the site")
    parser.add_argument("--no-strict", action="store_true", help="let warnings pass")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s %(message)s")
    build(args.site_dir, strict=not args.no_strict)
    print(f"site written to {args.site_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
