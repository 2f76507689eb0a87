"""The service catalog on the server: versions loaded from JSON files, codes used to check pushes.

``init`` loads the catalog the app ships (``resources/catalog.json``) as version 1; later versions
come from ``digipunt-server catalog-load FILE`` and reach the devices by pull.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

ENV_CATALOG = "DIGIPUNT_CATALOG"


class CatalogError(ValueError):
    """The catalog file is missing or malformed; the message says what is wrong."""


def default_catalog_path() -> Path:
    """``$DIGIPUNT_CATALOG``, else ``resources/catalog.json`` of the repo, bundle or cwd."""
    env = os.environ.get(ENV_CATALOG)
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for base in (here.parents[2], here.parents[1], Path.cwd()):
        candidate = base / "resources" / "catalog.json"
        if candidate.is_file():
            return candidate
    raise CatalogError(
        f"resources/catalog.json not found; set {ENV_CATALOG} to the catalog file"
    )


def read_catalog(path: Path) -> dict[str, Any]:
    """Read and check a catalog file: ``{"version", "groups"?, "services": [{code, group, labels,
    active}]}``."""
    try:
        body = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise CatalogError(f"cannot read {path}: {err.strerror}") from err
    except ValueError as err:
        raise CatalogError(f"{path} is not valid JSON: {err}") from err
    check_catalog(body)
    return body


def check_catalog(body: Any) -> None:
    if not isinstance(body, dict) or not isinstance(body.get("services"), list):
        raise CatalogError("a catalog is an object with a 'services' list")
    if not isinstance(body.get("version"), int) or body["version"] < 1:
        raise CatalogError("a catalog needs an integer 'version' >= 1")
    seen: set[str] = set()
    for i, svc in enumerate(body["services"]):
        if not isinstance(svc, dict) or not isinstance(svc.get("code"), str):
            raise CatalogError(f"service #{i + 1} has no 'code'")
        code = svc["code"]
        if code in seen:
            raise CatalogError(f"service code {code!r} appears twice")
        seen.add(code)
        labels = svc.get("labels")
        if not isinstance(labels, dict) or not isinstance(labels.get("nl"), str):
            raise CatalogError(f"service {code!r} needs labels with at least 'nl'")


def service_codes(body: dict[str, Any]) -> set[str]:
    return {svc["code"] for svc in body.get("services", [])}


def service_labels(body: dict[str, Any], lang: str = "nl") -> dict[str, str]:
    return {
        svc["code"]: svc.get("labels", {}).get(lang) or svc["code"]
        for svc in body.get("services", [])
    }
