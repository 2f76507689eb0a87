"""The service catalog (DESIGN.md §3): versioned, default shipped in resources/, updates by pull."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from digipunt_app.core.models import CatalogVersion
from digipunt_app.core.records import ValidationError

LANGS = ("nl", "fr", "en")
_CACHE_KEY = "catalog"


def resources_dir() -> Path:
    """``resources/`` in the source tree or in the frozen bundle."""
    base = getattr(sys, "_MEIPASS", None)
    if base is not None:
        return Path(base) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


@dataclass(frozen=True)
class Service:
    code: str
    group: str
    labels: dict[str, str]
    active: bool = True

    def label(self, lang: str = "nl") -> str:
        return self.labels.get(lang) or self.labels.get("nl") or self.code


@dataclass(frozen=True)
class Group:
    code: str
    labels: dict[str, str]

    def label(self, lang: str = "nl") -> str:
        return self.labels.get(lang) or self.labels.get("nl") or self.code


@dataclass(frozen=True)
class Catalog:
    version: int
    services: tuple[Service, ...]
    groups: tuple[Group, ...]
    _by_code: dict[str, Service] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_code.update({s.code: s for s in self.services})

    def service(self, code: str) -> Service | None:
        return self._by_code.get(code)

    def active_services(self) -> tuple[Service, ...]:
        return tuple(s for s in self.services if s.active)

    def active_codes(self) -> frozenset[str]:
        return frozenset(s.code for s in self.services if s.active)

    def label(self, code: str, lang: str = "nl") -> str:
        service = self._by_code.get(code)
        return service.label(lang) if service else code

    def to_payload(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "groups": [{"code": g.code, "labels": dict(g.labels)} for g in self.groups],
            "services": [
                {"code": s.code, "group": s.group, "labels": dict(s.labels), "active": s.active}
                for s in self.services
            ],
        }


def parse_catalog(payload: dict[str, Any]) -> Catalog:
    """A ``Catalog`` from its JSON form; ``ValidationError`` when it is not one."""
    try:
        version = int(payload["version"])
        services = tuple(
            Service(
                code=str(s["code"]),
                group=str(s.get("group", "other")),
                labels={k: str(v) for k, v in dict(s.get("labels", {})).items()},
                active=bool(s.get("active", True)),
            )
            for s in payload["services"]
        )
        groups = tuple(
            Group(code=str(g["code"]), labels={k: str(v) for k, v in dict(g["labels"]).items()})
            for g in payload.get("groups", [])
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(f"De dienstencatalogus is onleesbaar ({exc}).") from exc
    if not services:
        raise ValidationError("De dienstencatalogus bevat geen diensten.")
    return Catalog(version=version, services=services, groups=groups)


@cache
def default_catalog() -> Catalog:
    """The catalog shipped in ``resources/catalog.json``."""
    with open(resources_dir() / "catalog.json", encoding="utf-8") as fh:
        return parse_catalog(json.load(fh))


def _load(db: Session) -> Catalog:
    row = db.scalars(
        select(CatalogVersion).order_by(CatalogVersion.version.desc()).limit(1)
    ).first()
    if row is None:
        return default_catalog()
    return parse_catalog(json.loads(row.payload))


def load_catalog(store: Any) -> Catalog:
    """The newest catalog in the store (the shipped default when none was stored)."""
    with store.cache_lock:
        cached = store.cache.get(_CACHE_KEY)
    if cached is not None:
        return cached
    with store.session() as db:
        catalog = _load(db)
    with store.cache_lock:
        store.cache[_CACHE_KEY] = catalog
    return catalog


def seed_default(db: Session) -> None:
    """Store the shipped catalog when the store holds none or only older versions."""
    newest = db.scalars(select(CatalogVersion.version).order_by(CatalogVersion.version.desc()))
    current = newest.first()
    shipped = default_catalog()
    if current is None or current < shipped.version:
        db.merge(
            CatalogVersion(
                version=shipped.version,
                payload=json.dumps(shipped.to_payload(), ensure_ascii=False),
                applied_at=datetime.now(UTC),
            )
        )


def apply_catalog_in(db: Session, payload: dict[str, Any]) -> Catalog:
    """Store a pulled catalog version inside the caller's transaction (older ones are kept)."""
    catalog = parse_catalog(payload)
    db.merge(
        CatalogVersion(
            version=catalog.version,
            payload=json.dumps(catalog.to_payload(), ensure_ascii=False),
            applied_at=datetime.now(UTC),
        )
    )
    return catalog


def forget_cached(store: Any) -> None:
    """Call after writing the catalog table in your own transaction."""
    with store.cache_lock:
        store.cache.pop(_CACHE_KEY, None)


def apply_catalog(store: Any, payload: dict[str, Any]) -> Catalog:
    """Store a pulled catalog version; the newest version is the one in use."""
    with store.session(write=True) as db:
        apply_catalog_in(db, payload)
    forget_cached(store)
    return load_catalog(store)
