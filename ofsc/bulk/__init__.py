"""Moving many records within OFS's published limits (see ``docs/BULK.md``).

- ``client.extract.activities(date_from, date_to, ...)`` (and ``resources``, ``users``,
  ``last_known_positions``): every item of a large list, each once, in windows and parts
  OFS accepts, a capped number of requests at once, resumable with a checkpoint file;
- ``client.bulk.update_activities(items)`` (and ``update_inventories``,
  ``update_work_zones``, ``update_work_skills``, ``update_work_schedules``): items packed
  into requests under 5 MB, sent concurrently, with a :class:`BulkReport` of every item's
  outcome; ``client.bulk.retry(report)`` sends the failed ones again;
- :func:`write_jsonl`, :func:`write_csv`, :func:`write_parquet` (``ofsc[parquet]``) write
  extracts to files; :class:`Progress` callbacks and :func:`progress_bar`
  (``ofsc[progress]``) tell how far the work has got.
"""

from ._bulk import AsyncBulk, BulkUpdates, SyncBulk
from ._extract import Extract, Extraction
from ._extract_plan import date_windows
from ._limits import MAX_RANGE_DAYS, MAX_REQUEST_BYTES, PUBLISHED_CONCURRENCY, Limits
from ._output import write, write_csv, write_jsonl, write_parquet
from ._progress import Progress, progress_bar
from ._report import BulkReport, ItemOutcome

__all__ = [
    "MAX_RANGE_DAYS",
    "MAX_REQUEST_BYTES",
    "PUBLISHED_CONCURRENCY",
    "AsyncBulk",
    "BulkReport",
    "BulkUpdates",
    "Extract",
    "Extraction",
    "ItemOutcome",
    "Limits",
    "Progress",
    "SyncBulk",
    "date_windows",
    "progress_bar",
    "write",
    "write_csv",
    "write_jsonl",
    "write_parquet",
]
