"""Streaming a large file property to disk: memory must not grow with the file.

Each download runs in a fresh process (:func:`benchmarks.probes.download`) that measures
its own peak RSS around the download, after a small warm-up download.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .context import probe
from .report import MB, Figure, Measure, at_most
from .timing import Samples

if TYPE_CHECKING:
    from .context import Bench

LIMIT_MB = 32


def downloads(bench: Bench) -> list[Figure]:
    size = bench.sizes.download_bytes
    figures = []
    for mode in ("sync", "async"):
        result = probe("download", base_url=bench.fast_url, size=size, target=str(bench.work / "download.bin"),
                       mode=mode)  # fmt: skip
        if result["bytes"] != size:
            raise RuntimeError(f"{mode} download wrote {result['bytes']} bytes, expected {size}")
        figures.append(
            Figure(
                f"download_{mode}",
                f"{mode} streamed download of a {size / MB:g} MB file property to disk: peak RSS growth",
                Measure(Samples([result["rss_growth"] / MB]), "MB"),
                target=at_most(LIMIT_MB, f"< {LIMIT_MB} MB"),
                notes=[f"{size / MB / result['seconds']:.0f} MB/s; `get_file_property(...).write_to(path)`."],
            )
        )
    return figures
