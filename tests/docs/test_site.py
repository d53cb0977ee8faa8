"""The documentation site builds in strict mode (no broken link, anchor or reference) and
documents every operation and every model."""

from __future__ import annotations

import html
import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from ofsc_generated.operations import FAMILIES, all_operations

from .conftest import ROOT

BUILD_TIMEOUT = 300  # seconds; it takes about ten
# Under `--dist loadgroup` all of this module runs on one worker, so the site is built once
# (a module fixture), not once per worker; the test that builds it may take BUILD_TIMEOUT.
pytestmark = [pytest.mark.xdist_group("docs-site"), pytest.mark.timeout(BUILD_TIMEOUT)]


def load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_build", ROOT / "docs" / "build_site.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, ROOT / "docs" / "build_site.py", "--site-dir", site_dir],
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


def page_text(site: Path, page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", (site / page).read_text(encoding="utf-8")))


@pytest.mark.parametrize("family", FAMILIES)
def test_every_operation_has_its_method_path_parameters_and_return_type(site: Path, family: str) -> None:
    page = (site / "reference" / "api" / f"{family}.html").read_text(encoding="utf-8")
    text = page_text(site, f"reference/api/{family}.html")
    for op in (op for op in all_operations() if op.family == family):
        assert f'id="{op.name}"' in page, op.name
        section = text.partition(f"client.{op.family}.{op.name}(")[2]
        assert section, f"no signature for {op.name}"
        assert f"{op.method} {op.path}" in text
        for param in op.params:
            assert f"{param.name}:" in section.partition(")")[0], f"{op.name}: {param.name}"


def test_every_model_has_an_entry(site: Path) -> None:
    build = load_build_script()
    models = build.read_models()
    page = (site / "reference" / "models.html").read_text(encoding="utf-8")
    assert len(models) > 400
    missing = [m.name for m in models if f'id="{m.name}"' not in page]
    assert missing == []


def test_the_facade_and_guides_are_in_the_site(site: Path) -> None:
    client = page_text(site, "reference/client.html")
    for name in ("OFSC", "AsyncOFSC", "paginate", "with_options", "RequestOptions", "BinaryResponse"):
        assert name in client
    assert "NotFoundError" in page_text(site, "reference/errors.html")
    assert "MockOFS" in page_text(site, "reference/testing.html")
    assert "Best practices" in page_text(site, "BEST_PRACTICES.html")
    assert "route_export.py" in page_text(site, "examples.html")


def test_links_between_repository_files_point_at_their_pages() -> None:
    build = load_build_script()
    site = build.Site()
    site.add("index.md", "", "README.md")
    site.add("BEST_PRACTICES.md", "", "docs/BEST_PRACTICES.md")
    site.add("reference/client.md", "", "docs/reference/client.md")
    site.examples = {"examples/oauth2.py": "oauth2"}
    readme = (
        "See [practices](docs/BEST_PRACTICES.md#retries), [OAuth2](examples/oauth2.py), "
        "[the runtime](ofsc/_client.py) and [gone](docs/NOWHERE.md).\n"
        "```python\nhooks[0](request)  # [not](a-link.md)\n```\n"
    )
    assert build.rewrite_links(readme, "README.md", site) == (
        "See [practices](BEST_PRACTICES.md#retries), [OAuth2](examples.md#oauth2), "
        "the runtime (`ofsc/_client.py`) and [gone](docs/NOWHERE.md).\n"
        "```python\nhooks[0](request)  # [not](a-link.md)\n```\n"
    )
    assert (
        build.rewrite_links("[home](../../README.md)", "docs/reference/client.md", site)
        == "[home](../index.md)"
    )
