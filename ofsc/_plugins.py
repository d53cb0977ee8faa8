"""Plugins: interceptors installed by other packages through the ``ofsc.plugins`` entry point group.

The contract: an entry point resolves to a callable that takes the new client's
:class:`~ofsc.Hooks` and registers interceptors on it::

    # pyproject.toml of the plugin package
    [project.entry-points."ofsc.plugins"]
    request-ids = "acme_ofsc_plugin:register"

    # acme_ofsc_plugin.py
    def register(hooks: ofsc.Hooks) -> None:
        hooks.request.append(lambda request, info: request.headers.setdefault("X-Caller", "acme"))

Entry points are discovered and imported once per process, when the first client is
built; each client then calls every plugin on its own hooks (after the ones passed as
``hooks=``). A plugin that fails to import or to register raises :class:`PluginError`
naming it: a client is never built with a plugin silently missing. ``plugins=False``
(or ``OFSC_PLUGINS=0``) builds clients without them.

Discovery first reads the ``entry_points.txt`` of each distribution on ``sys.path`` as
plain text: when none names the group (the usual case), importlib.metadata, which builds
an object for every installed distribution first, is not asked at all.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import TYPE_CHECKING

from ._exceptions import PluginError

if TYPE_CHECKING:
    from collections.abc import Callable
    from importlib.metadata import EntryPoints

    from ._instrument import Hooks

GROUP = "ofsc.plugins"

type Plugin = Callable[[Hooks], None]

_loaded: list[tuple[str, str, Plugin]] | None = None
_lock = threading.Lock()


def installed_plugins() -> list[tuple[str, str, Plugin]]:
    """``(name, target, plugin)`` for each entry point of the group, imported on first call."""
    global _loaded
    with _lock:
        if _loaded is None:
            found: list[tuple[str, str, Plugin]] = []
            declared = entry_points(group=GROUP) if may_declare_plugins() else ()
            for ep in sorted(declared, key=lambda ep: ep.name):
                try:
                    plugin = ep.load()
                except Exception as exc:
                    raise PluginError(ep.name, ep.value, exc) from exc
                if not callable(plugin):
                    raise PluginError(ep.name, ep.value, TypeError(f"{plugin!r} is not callable"))
                found.append((ep.name, ep.value, plugin))
            _loaded = found
        return _loaded


def entry_points(*, group: str) -> EntryPoints:
    """importlib.metadata's entry points of ``group`` (imported here, when needed: importing it
    costs a script's start more than the rest of plugin discovery)."""
    from importlib import metadata

    return metadata.entry_points(group=group)


# The finders whose distributions are the metadata folders on sys.path.
_PATH_FINDERS = ("_frozen_importlib", "_frozen_importlib_external", "importlib.machinery")


def may_declare_plugins() -> bool:
    """False only when no installed distribution can declare an ``ofsc.plugins`` entry point:
    no ``entry_points.txt`` on ``sys.path`` mentions the group, no path entry is an archive,
    and no import hook lists distributions of its own."""
    for finder in sys.meta_path:
        if hasattr(finder, "find_distributions") and getattr(finder, "__module__", "") not in _PATH_FINDERS:
            return True
    for entry in sys.path:
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except OSError:
            if os.path.isfile(folder):  # a zip archive: let importlib.metadata look inside
                return True
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")) or name == "EGG-INFO":
                try:
                    with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as file:
                        if GROUP in file.read():
                            return True
                except (OSError, UnicodeDecodeError):
                    continue
    return False


def apply_plugins(hooks: Hooks) -> None:
    """Let every installed plugin register its interceptors on ``hooks``."""
    for name, target, plugin in installed_plugins():
        try:
            plugin(hooks)
        except Exception as exc:
            raise PluginError(name, target, exc) from exc


def forget_plugins() -> None:
    """Discover the entry points again on the next client (for tests and reloading hosts)."""
    global _loaded
    with _lock:
        _loaded = None
