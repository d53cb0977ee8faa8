"""``python -m ofsc.migrate``: move scripts written for ``ofsc`` 2.x onto ``ofsc`` 3.

    python -m ofsc.migrate scripts/                 # show what --apply would change
    python -m ofsc.migrate --apply scripts/         # rewrite the 2.x imports to ofsc.v2
    python -m ofsc.migrate --report scripts/        # list each 2.x call and its v3 equivalent
    python -m ofsc.migrate --table                  # the migration table of docs/MIGRATION.md

``--apply`` rewrites only imports (``from ofsc import OFSC`` -> ``from ofsc.v2 import OFSC``,
``ofsc.common``/``ofsc.exceptions``/``ofsc.models`` -> their ``ofsc.v2`` forms, ``import ofsc``
with ``ofsc.OFSC(...)``...), so the script then runs unchanged on :mod:`ofsc.v2`. Running it
again changes nothing. A file that does not parse is left untouched, and reported.
"""

from ._codemod import Finding, Migration, migrate_source, report_source
from ._mapping import MethodMapping, find, mappings, migration_table

__all__ = [
    "Finding",
    "MethodMapping",
    "Migration",
    "find",
    "mappings",
    "migrate_source",
    "migration_table",
    "report_source",
]
