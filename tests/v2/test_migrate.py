"""``python -m ofsc.migrate``: rewriting 2.x imports (idempotently, never touching a file it
cannot parse), reporting 2.x calls with their v3 equivalents, and the migration table."""

from __future__ import annotations

import inspect
import shutil
from pathlib import Path

import pytest

from ofsc.migrate import find, mappings, migrate_source, migration_table, report_source
from ofsc.migrate.__main__ import main
from ofsc.migrate._mapping import v3_parameters

SCRIPTS = Path(__file__).parent / "scripts"
DOCS = Path(__file__).parents[2] / "docs" / "MIGRATION.md"


@pytest.fixture
def script(tmp_path: Path) -> Path:
    copy = tmp_path / "legacy_report.py"
    shutil.copy(SCRIPTS / "legacy_report.py", copy)
    return copy


def _expected() -> str:
    migrated = (SCRIPTS / "legacy_report_v2.py").read_text()
    original_docstring = (SCRIPTS / "legacy_report.py").read_text().splitlines()[0]
    return "\n".join([original_docstring, *migrated.splitlines()[1:]]) + "\n"


def test_apply_rewrites_the_imports(script: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--apply", str(script)]) == 0
    assert script.read_text() == _expected()
    assert f"{script}: 8 change(s) applied" in capsys.readouterr().out


def test_apply_is_idempotent(script: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--apply", str(script)])
    capsys.readouterr()
    assert main(["--apply", str(script)]) == 0
    assert script.read_text() == _expected()
    assert capsys.readouterr().out == f"{script}: nothing to change\n"


def test_without_apply_the_diff_is_shown_and_nothing_written(
    script: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = script.read_text()
    assert main([str(script)]) == 0
    out = capsys.readouterr().out
    assert "-from ofsc import FULL_RESPONSE, OFSC\n" in out
    assert "+from ofsc.v2 import FULL_RESPONSE, OFSC\n" in out
    assert script.read_text() == before


def test_a_file_that_does_not_parse_is_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.py"
    broken.write_text("from ofsc import OFSC\ndef broken(:\n")
    good = tmp_path / "good.py"
    good.write_text("from ofsc import OFSC\n")
    assert main(["--apply", str(tmp_path)]) == 1  # the directory: both files are tried
    assert broken.read_text() == "from ofsc import OFSC\ndef broken(:\n"
    assert good.read_text() == "from ofsc.v2 import OFSC\n"
    assert f"{broken}: cannot parse (line 2" in capsys.readouterr().out


def test_report_lists_each_2x_call_with_its_v3_call(script: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--report", str(script)]) == 0
    out = capsys.readouterr().out
    for line in [
        f'{script}:22: OFSC("cid", "acme", "secret", root="FLUSA")',
        '    v3: ofsc.OFSC(client_id="cid", instance="acme", client_secret="secret")',
        f"{script}:25: core.get_activity(3951935)",
        "    v3: client.core.get_activity(activity_id=3951935)",
        f'{script}:29: other.capacity.getQuota(dates=["2025-06-25"], areas=["FLUSA"], aggregateResults=True)',
        '    v3: client.capacity.get_quota(dates=["2025-06-25"], areas=["FLUSA"], aggregate_results=True)',
        f'{script}:30: instance.core.get_resource_workschedules("33001", date(2025, 6, 25))',
        '    v3: client.core.get_resource_workschedules(resource_id="33001", actual_for_date=date(2025, 6, 25))',
    ]:
        assert line in out.splitlines()
    assert "auth='oauth2'" in out
    assert len(report_source(script.read_text())) == 8


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("from ofsc import *\n", "from ofsc.v2 import *\n"),
        ("from ofsc.models.metadata import Workzone\n", "from ofsc.v2.models import Workzone\n"),
        ("import ofsc.models as m\nm.Workzone\n", "import ofsc.v2.models as m\nm.Workzone\n"),
        ("import ofsc as o\no.OFSC('a', 'b', 'c')\n", "import ofsc.v2 as o\no.OFSC('a', 'b', 'c')\n"),
        ("from ofsc.core import OFSCore\n", "from ofsc.v2.core import OFSCore\n"),
        ("import ofsc\nofsc.NotFoundError\n", "import ofsc.v2\nofsc.NotFoundError\n"),
        ("from ofsc.v2 import OFSC\n", "from ofsc.v2 import OFSC\n"),
        ("import ofsc_generated.models\nfrom ofsc_tools import OFSC\n", "import ofsc_generated.models\nfrom ofsc_tools import OFSC\n"),
    ],
)  # fmt: skip
def test_import_forms(before: str, after: str) -> None:
    assert migrate_source(before).code == after
    assert migrate_source(after).code == after


@pytest.mark.parametrize(
    ("source", "evidence"),
    [
        ("from ofsc import OFSC\nfrom ofsc.models import Activity\nOFSC(instance='acme')\n", "calls OFSC with v3 arguments"),
        ("from ofsc import OFSC\nclient = OFSC()\n", "calls OFSC with v3 arguments"),
        ("from ofsc import OFSC, Hooks\n", "imports Hooks from ofsc"),
        ("import ofsc\nofsc.AsyncOFSC(profile='x')\n", "calls ofsc.AsyncOFSC with v3 arguments"),
    ],
)  # fmt: skip
def test_v3_code_is_left_alone(source: str, evidence: str) -> None:
    result = migrate_source(source)
    assert result.code == source and not result.changed
    assert result.skipped_reason == f"v3 code already ({evidence})"


def test_every_mapping_names_a_real_v3_method_and_keywords() -> None:
    assert len(mappings()) == 96
    for row in mappings():
        if not row.v3.is_endpoint:
            continue
        keywords = v3_parameters(row.v3.target)
        for param in row.params:
            keyword = row.v3_keyword(param.name)
            assert keyword is None or keyword in keywords, (row.name, param.name, keyword)
        for param, keyword in row.v3.args.items():
            assert param in {p.name for p in row.params}, (row.name, param)
            assert keyword is None or keyword in keywords, (row.name, keyword)


def test_find() -> None:
    row = find("core", "get_activity")
    assert row is not None and row.v3_call({"activity_id": "1"}) == "client.core.get_activity(activity_id=1)"
    assert find(None, "token") is not None and find("core", "nonexistent") is None


def test_the_migration_guide_has_the_current_table() -> None:
    table = migration_table()
    assert table in DOCS.read_text(), "docs/MIGRATION.md is stale: paste `python -m ofsc.migrate --table`"
    assert table.count("\n") == 2 + 1 + 96 + 2  # header, the client, every method, token() and call()


def test_an_unmigrated_script_is_stopped_not_misrouted() -> None:
    from ofsc import OFSC

    with pytest.raises(TypeError, match=r"ofsc.v2.*python -m ofsc.migrate --apply"):
        OFSC("cid", "acme", "s3cr3t")
    with pytest.raises(TypeError, match="keyword arguments"):
        OFSC(clientID="cid", companyName="acme", secret="s3cr3t")


def test_a_2x_async_call_of_the_v3_client_names_the_2x_async_client() -> None:
    """``AsyncOFSC`` called the 2.x way (after an import changed by hand) raises a TypeError
    that names ``ofsc.async_client``, not the sync 2.x client."""
    from ofsc import AsyncOFSC

    for call in (
        lambda: AsyncOFSC("cid", "acme", "s3cr3t"),
        lambda: AsyncOFSC(clientID="cid", companyName="acme", secret="s3cr3t"),
        lambda: AsyncOFSC(instance="acme", client_id="cid", client_secret="s", http_config=None),
    ):
        with pytest.raises(
            TypeError, match=r"AsyncOFSC\(instance=.*from ofsc\.async_client import AsyncOFSC"
        ):
            call()


def test_main_requires_paths(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([])
    assert main(["--table"]) == 0
    assert capsys.readouterr().out.startswith("| 2.x | v3 | notes |")
    assert inspect.isfunction(main)


def _v3_signature(target: str) -> inspect.Signature:
    import importlib

    from ofsc_generated import FAMILIES

    family, _, method = target.partition(".")
    module, sync_class, _ = FAMILIES[family]
    return inspect.signature(getattr(getattr(importlib.import_module(module), sync_class), method))


@pytest.mark.parametrize("rows", ["sync", "async"])
def test_every_suggestion_is_a_valid_v3_call(rows: str) -> None:
    """What ``--report`` suggests for each 2.x method (sync and async) called with all its
    arguments binds to the v3 method: its keywords exist and every required one is given
    (``label`` too)."""
    import ast

    from ofsc.migrate._mapping import async_mappings

    problems = {}
    for row in mappings() if rows == "sync" else async_mappings():
        if not row.v3.is_endpoint:
            continue
        call = ast.parse(row.v3_call({p.name: p.name for p in row.params})).body[0]
        assert isinstance(call, ast.Expr) and isinstance(call.value, ast.Call)
        keywords = {k.arg: None for k in call.value.keywords}
        try:
            _v3_signature(row.v3.target).bind(None, **keywords)
        except TypeError as exc:
            problems[f"{row.api}.{row.name}"] = str(exc)
    assert problems == {}


def test_report_suggestions_carry_the_label_and_the_object() -> None:
    """``replace_workzone(zone)`` suggests ``label=zone.workZoneLabel``; a JSON text body
    suggests the object (``json.dumps(user)`` -> ``user``), which is what v3 takes."""
    source = (
        "import json\nfrom ofsc import OFSC\nc = OFSC('a', 'b', 'c')\n"
        "c.metadata.replace_workzone(zone)\nc.core.create_user('jdoe', json.dumps(user))\n"
        "c.core.update_user('jdoe', payload)\n"
    )
    suggested = [finding.v3 for finding in report_source(source)[1:]]
    assert suggested == [
        "client.metadata.replace_workzone(label=zone.workZoneLabel, body=zone)",
        "client.core.create_user(login='jdoe', body=user)",
        "client.core.update_user(login='jdoe', body=json.loads(payload))",
    ]


ASYNC_SCRIPT = """\
import asyncio

from ofsc.async_client import AsyncOFSC
from ofsc.exceptions import OFSCNotFoundError


async def main():
    async with AsyncOFSC(clientID="cid", companyName="acme", secret="s", useToken=True) as client:
        zone = await client.metadata.get_workzone("ALTAMONTE")
        print(zone.workZoneLabel)
        await client.metadata.replace_workzone(zone, auto_resolve_conflicts=True)
        try:
            await client.core.get_activity(1)
        except OFSCNotFoundError as error:
            print(error.status_code)
"""


def test_2x_async_code_is_recognised_and_reported() -> None:
    """A file using ``ofsc.async_client`` is 2.x code (not "v3 code already"): its
    constructor and each call are reported with their v3 form."""
    findings = {f.call: f.v3 for f in report_source(ASYNC_SCRIPT)}
    assert findings == {
        'AsyncOFSC(clientID="cid", companyName="acme", secret="s", useToken=True)':
            "AsyncOFSC(client_id=\"cid\", instance=\"acme\", client_secret=\"s\", auth='oauth2')",
        'client.metadata.get_workzone("ALTAMONTE")': 'client.metadata.get_workzone(label="ALTAMONTE")',
        "client.metadata.replace_workzone(zone, auto_resolve_conflicts=True)":
            "client.metadata.replace_workzone(label=zone.workZoneLabel, body=zone, auto_resolve_conflicts=True)",
        "client.core.get_activity(1)": "client.core.get_activity(activity_id=1)",
    }  # fmt: skip
    assert migrate_source(ASYNC_SCRIPT).skipped_reason is None


def test_apply_moves_mechanical_2x_async_code_to_v3() -> None:
    """Every piece maps mechanically: the import, the constructor (keywords, auth=), the calls
    (v3 keywords, the label), the exceptions (the v3 class under the 2.x name) and the
    camelCase attributes of results move to v3; a second run changes nothing."""
    migrated = migrate_source(ASYNC_SCRIPT).code
    assert migrated == (
        ASYNC_SCRIPT.replace("from ofsc.async_client import AsyncOFSC", "from ofsc import AsyncOFSC")
        .replace("import OFSCNotFoundError", "import NotFoundError as OFSCNotFoundError")
        .replace('clientID="cid", companyName="acme", secret="s", useToken=True',
                 "client_id=\"cid\", instance=\"acme\", client_secret=\"s\", auth='oauth2'")
        .replace('get_workzone("ALTAMONTE")', 'get_workzone(label="ALTAMONTE")')
        .replace("zone.workZoneLabel", "zone.work_zone_label")
        .replace("replace_workzone(zone, auto_resolve_conflicts=True)",
                 "replace_workzone(label=zone.work_zone_label, body=zone, auto_resolve_conflicts=True)")
        .replace("get_activity(1)", "get_activity(activity_id=1)")
    )  # fmt: skip
    again = migrate_source(migrated)
    assert again.code == migrated and again.skipped_reason == "v3 code already (imports AsyncOFSC from ofsc)"


def test_apply_leaves_notes_where_a_person_must_decide() -> None:
    """A piece without a mechanical v3 form (expand flags, a list body 2.x wrapped, an
    HTTPClientConfig) keeps the whole file on ofsc.async_client, with a note above each
    such statement saying what to write; a second run adds nothing."""
    source = ASYNC_SCRIPT.replace(
        "        print(zone.workZoneLabel)\n",
        '        print(zone.workZoneLabel)\n        await client.core.get_resource("R1", expand_workzones=True)\n',
    )
    migrated = migrate_source(source).code
    note = (
        '        # ofsc.migrate: stays on ofsc.async_client: client.core.get_resource(resource_id="R1"); '
        "expand_*=True becomes expand=[...]\n"
    )
    assert migrated == source.replace(
        '        await client.core.get_resource("R1"', note + '        await client.core.get_resource("R1"'
    ).replace("from ofsc.exceptions", "from ofsc.v2.exceptions")
    assert migrate_source(migrated).code == migrated


def test_the_migration_guide_has_the_current_async_table() -> None:
    """``docs/MIGRATION.md`` holds the 2.x async table as the code makes it (213 methods)."""
    from ofsc.migrate._mapping import async_migration_table

    table = async_migration_table()
    assert table in DOCS.read_text(), (
        "docs/MIGRATION.md is stale: paste `python -m ofsc.migrate --table --async`"
    )
    assert table.count("\n") == 2 + 1 + 213


def test_apply_moves_a_client_reached_through_the_module() -> None:
    """``import ofsc.async_client`` with ``ofsc.async_client.AsyncOFSC(...)`` moves to
    ``ofsc.AsyncOFSC(...)``; an ``AsyncOFSC`` imported under another name is left, with a note."""
    source = (
        "import ofsc.async_client\n\n\nasync def main():\n"
        '    async with ofsc.async_client.AsyncOFSC("cid", "acme", "s") as client:\n'
        '        await client.metadata.get_workzone("A")\n'
    )
    assert migrate_source(source).code == source.replace(
        'ofsc.async_client.AsyncOFSC("cid", "acme", "s")',
        'ofsc.AsyncOFSC(client_id="cid", instance="acme", client_secret="s")',
    ).replace('get_workzone("A")', 'get_workzone(label="A")')
    aliased = source.replace("import ofsc.async_client", "from ofsc.async_client import AsyncOFSC as Client")
    aliased = aliased.replace("ofsc.async_client.AsyncOFSC(", "Client(")
    migrated = migrate_source(aliased).code
    assert "# ofsc.migrate: stays on ofsc.async_client: AsyncOFSC is imported under another name" in migrated
    assert migrated.replace(migrated.splitlines()[5] + "\n", "") == aliased
