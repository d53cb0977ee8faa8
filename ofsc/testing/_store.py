"""What the mock remembers: collections of objects, and uploaded files.

Each collection is a list path and an item path of the API (``/activities`` and
``/activities/{activityId}``) whose objects are kept by their id field. ``mock.store``
lets tests put objects in and look at what the code under test left behind::

    mock.store.add("users", {"login": "jdoe", "name": "Jane Doe"})
    mock.store.generate("workZones", 5)          # sampled objects, deterministic per seed
    mock.store.get("activities", 1)              # None when there is no such activity
    mock.store.load("tests/ofs-fixture.toml")    # or .json, or a dict

A fixture (JSON, or TOML with ``[[activities]]`` tables) maps collection names to lists of
objects, and may ask for sampled objects and hold file properties::

    {
      "activities": [{"activityId": 1, "activityType": "install", "resourceId": "tech1"}],
      "users": [{"login": "jdoe", "name": "Jane Doe"}],
      "generate": {"workZones": 5, "users": 120},
      "files": [{"collection": "activities", "id": 1, "property": "photo",
                 "text": "...", "contentType": "text/plain"}]
    }

(``"base64"`` instead of ``"text"`` for binary content.) Fields an object lacks but its
schema requires are filled with sampled values when it is stored.
"""

from __future__ import annotations

import base64
import json
import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._schema import Schema, SchemaChecker
    from .samples import SchemaSampler

CORE = "/rest/ofscCore/v1"
METADATA = "/rest/ofscMetadata/v1"


@dataclass(frozen=True, slots=True)
class CollectionSpec:
    name: str  # the fixture key and the name in mock.store
    path: str  # the list path
    key: str = "label"  # the id field of an object
    param: str = "label"  # the id's path parameter
    numeric: bool = False  # OFS assigns integer ids on create

    @property
    def item_path(self) -> str:
        return f"{self.path}/{{{self.param}}}"


COLLECTIONS: tuple[CollectionSpec, ...] = (
    CollectionSpec("activities", f"{CORE}/activities", "activityId", "activityId", numeric=True),
    CollectionSpec("inventories", f"{CORE}/inventories", "inventoryId", "inventoryId", numeric=True),
    CollectionSpec("serviceRequests", f"{CORE}/serviceRequests", "requestId", "requestId", numeric=True),
    CollectionSpec("resources", f"{CORE}/resources", "resourceId", "resourceId"),
    CollectionSpec("users", f"{CORE}/users", "login", "login"),
    CollectionSpec("workZones", f"{METADATA}/workZones", "workZoneLabel"),
    *(
        CollectionSpec(name, f"{METADATA}/{name}")
        for name in (
            "activityTypeGroups",
            "activityTypes",
            "applications",
            "capacityAreas",
            "capacityCategories",
            "forms",
            "inventoryTypes",
            "languages",
            "linkTemplates",
            "mapLayers",
            "nonWorkingReasons",
            "organizations",
            "properties",
            "resourceTypes",
            "shifts",
            "timeSlots",
            "workSkillGroups",
            "workSkills",
        )
    ),
)


@dataclass(frozen=True, slots=True)
class Reference:
    """An object's field that names an object of another collection (OFS refuses a write
    whose reference does not exist, e.g. an activity type whose group is unknown)."""

    collection: str
    field: str  # a field of the object; "workSkills[].label" for a list of objects
    target: str

    def values(self, obj: Mapping[str, Any]) -> list[str]:
        name, _, inner = self.field.partition("[].")
        value = obj.get(name)
        if not inner:
            return [] if value in (None, "") else [str(value)]
        items = value if isinstance(value, list) else []
        return [str(item[inner]) for item in items if isinstance(item, Mapping) and item.get(inner)]


# What the mock checks when it is asked to (MockOFS(check_references=True)).
REFERENCES: tuple[Reference, ...] = (
    Reference("activityTypes", "groupLabel", "activityTypeGroups"),
    Reference("workSkillGroups", "workSkills[].label", "workSkills"),
    Reference("capacityCategories", "workSkills[].label", "workSkills"),
    Reference("capacityCategories", "workSkillGroups[].label", "workSkillGroups"),
    Reference("inventoryTypes", "modelProperty", "properties"),
)


@dataclass(frozen=True, slots=True)
class StoredFile:
    content: bytes
    content_type: str = "application/octet-stream"
    filename: str | None = None


class Collection:
    def __init__(self, spec: CollectionSpec, schema: Schema) -> None:
        self.spec = spec
        self.schema = schema  # what one object looks like
        self.objects: dict[str, dict[str, Any]] = {}
        self._last_id = 0

    def key_of(self, obj: Mapping[str, Any]) -> str | None:
        value = obj.get(self.spec.key)
        return None if value is None else str(value)

    def typed_key(self, key: str) -> Any:
        return int(key) if self.spec.numeric else key

    def next_id(self) -> int:
        self._last_id += 1
        return self._last_id

    def note_id(self, key: str) -> None:
        if self.spec.numeric and key.lstrip("-").isdigit():
            self._last_id = max(self._last_id, int(key))


class Store:
    """The mock's objects, by collection name (see the module docstring)."""

    def __init__(
        self,
        schemas: Mapping[str, Schema],
        checker: SchemaChecker,
        sampler_for: Callable[[str], SchemaSampler],
    ) -> None:
        self._collections = {spec.name: Collection(spec, schemas[spec.name]) for spec in COLLECTIONS}
        self._checker = checker
        self._sampler_for = sampler_for
        self.files: dict[tuple[str, str, str], StoredFile] = {}
        self.lock = threading.RLock()
        # Called with (collection, key, before, after) on every put and remove (None: absent).
        self.observers: list[Callable[[str, str, dict[str, Any] | None, dict[str, Any] | None], None]] = []

    # ---- for tests -------------------------------------------------------------------

    @property
    def names(self) -> list[str]:
        return list(self._collections)

    def collection(self, name: str) -> Collection:
        try:
            return self._collections[name]
        except KeyError:
            known = ", ".join(self._collections)
            raise KeyError(f"no collection {name!r}; the mock keeps: {known}") from None

    def add(self, name: str, obj: Mapping[str, Any]) -> dict[str, Any]:
        """Store ``obj`` (replacing any object with its id) and return the stored object. An
        object of a collection with server-assigned ids gets the next free id if it has none."""
        with self.lock:
            collection = self.collection(name)
            key = collection.key_of(obj)
            if key is None:
                if not collection.spec.numeric:
                    raise ValueError(f"a {name} object needs its {collection.spec.key!r} field")
                key = str(collection.next_id())
            return self.put(name, key, obj)

    def generate(self, name: str, count: int) -> list[dict[str, Any]]:
        """Add ``count`` sampled objects (each with a new id) and return them."""
        with self.lock:
            collection = self.collection(name)
            sampler = self._sampler_for(f"generate:{name}:{len(collection.objects)}")
            added = []
            for _ in range(count):
                obj = sampler.sample(collection.schema)
                key = str(collection.next_id()) if collection.spec.numeric else collection.key_of(obj)
                suffix = len(collection.objects)
                while key is None or key in collection.objects:  # a sampled id that is taken
                    suffix += 1
                    key = f"{name}_{suffix}"
                added.append(self.put(name, key, obj))
            return added

    def get(self, name: str, key: object) -> dict[str, Any] | None:
        with self.lock:
            return self.collection(name).objects.get(str(key))

    def items(self, name: str) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.collection(name).objects.values())

    def remove(self, name: str, key: object) -> bool:
        with self.lock:
            removed = self.collection(name).objects.pop(str(key), None)
            if removed is not None:
                for observer in self.observers:
                    observer(name, str(key), removed, None)
            return removed is not None

    def clear(self) -> None:
        with self.lock:
            for collection in self._collections.values():
                collection.objects.clear()
            self.files.clear()

    def set_file(
        self,
        name: str,
        key: object,
        label: str,
        content: bytes,
        content_type: str = "application/octet-stream",
        filename: str | None = None,
    ) -> None:
        """Store a file property (what ``GET .../{id}/{propertyLabel}`` then returns)."""
        with self.lock:
            self.collection(name)
            self.files[(name, str(key), label)] = StoredFile(content, content_type, filename)

    def file(self, name: str, key: object, label: str) -> StoredFile | None:
        with self.lock:
            return self.files.get((name, str(key), label))

    def load(self, fixture: str | Path | Mapping[str, Any]) -> None:
        """Add the objects, sampled objects and files of a fixture (see the module docstring)."""
        data = fixture if isinstance(fixture, Mapping) else read_fixture(Path(fixture))
        for name, value in data.items():
            if name == "generate":
                for target, count in dict(value).items():
                    self.generate(target, int(count))
            elif name == "files":
                for entry in value:
                    self._load_file(entry)
            else:
                if not isinstance(value, list) or not all(isinstance(obj, Mapping) for obj in value):
                    raise ValueError(f"fixture entry {name!r} must be a list of objects")
                for obj in value:
                    self.add(name, obj)

    def _load_file(self, entry: Mapping[str, Any]) -> None:
        if "base64" in entry:
            content = base64.b64decode(entry["base64"])
        else:
            content = str(entry.get("text", "")).encode()
        self.set_file(
            entry["collection"],
            entry["id"],
            entry["property"],
            content,
            entry.get("contentType", "application/octet-stream"),
            entry.get("filename"),
        )

    # ---- for the mock's handlers -------------------------------------------------------

    def missing_reference(self, name: str, obj: Mapping[str, Any]) -> str | None:
        """Why ``obj`` cannot be stored in ``name`` (a reference to an unknown object), if it cannot."""
        with self.lock:
            for reference in REFERENCES:
                if reference.collection != name:
                    continue
                for value in reference.values(obj):
                    if self.get(reference.target, value) is None:
                        return f"{reference.field} {value!r} does not exist in {reference.target}"
            return None

    def put(self, name: str, key: str, obj: Mapping[str, Any]) -> dict[str, Any]:
        """Store ``obj`` under ``key`` (its id field set to match), filling in what its schema
        requires; return the stored object."""
        with self.lock:
            collection = self.collection(name)
            sampler = self._sampler_for(f"store:{name}:{key}")
            given = {**obj, collection.spec.key: collection.typed_key(key)}
            if "name" not in given and given.get("translations"):
                # OFS names a configuration object after its translation in English.
                english = [
                    t for t in given["translations"] if isinstance(t, Mapping) and t.get("language") == "en"
                ]
                if english and "name" in english[0]:
                    given["name"] = english[0]["name"]
            stored: dict[str, Any] = self._checker.conform(given, collection.schema, sampler)
            before = collection.objects.get(key)
            collection.objects[key] = stored
            collection.note_id(key)
            for observer in self.observers:
                observer(name, key, before, stored)
            return stored


def read_fixture(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    data: Any = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a fixture is an object mapping collection names to lists of objects")
    return data
