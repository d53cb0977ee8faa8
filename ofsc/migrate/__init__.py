"""``python -m ofsc.migrate``: move scripts written for ``ofsc`` 2.x onto ``ofsc`` 3.

    python -m ofsc.migrate scripts/                 # show what --apply would change
    python -m ofsc.migrate --apply scripts/         # rewrite the 2.x imports to ofsc.v2
    python -m ofsc.migrate --report scripts/        # list each 2.x call and its v3 equivalent
    python -m ofsc.migrate --table                  # the migration table of docs/MIGRATION.md
    python -m ofsc.migrate --table --async          # the table of the 2.x async client

For the 2.x sync client, ``--apply`` rewrites only imports (``from ofsc import OFSC`` ->
``from ofsc.v2 import OFSC``, ``ofsc.common``/``ofsc.exceptions``/``ofsc.models`` -> their
``ofsc.v2`` forms, ``import ofsc`` with ``ofsc.OFSC(...)``...), so the script then runs
unchanged on :mod:`ofsc.v2`. Code written for the 2.x async client (``ofsc.async_client``)
is moved to v3's ``AsyncOFSC`` when every piece of it maps mechanically, and otherwise gets
a ``# ofsc.migrate:`` note above each piece a person must move (see :mod:`._async`).
Running it again changes nothing. A file that does not parse is left untouched, and reported.
"""

from ._codemod import Finding, Migration, migrate_source, report_source
from ._mapping import (
    MethodMapping,
    async_mappings,
    async_migration_table,
    find,
    find_async,
    mappings,
    migration_table,
)

__all__ = [
    "Finding",
    "MethodMapping",
    "Migration",
    "async_mappings",
    "async_migration_table",
    "find",
    "find_async",
    "mappings",
    "migrate_source",
    "migration_table",
    "report_source",
]
