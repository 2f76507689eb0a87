"""The trimmed ICU data keeps Dutch, French and English behaviour exactly as with the full data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "packaging" / "linux"))

import icu_trim  # noqa: E402


def _pyside_icudata() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


ICUDATA = _pyside_icudata() if sys.platform.startswith("linux") else None
pytestmark = pytest.mark.skipif(
    ICUDATA is None or shutil.which("gcc") is None,
    reason="Linux PySide6 with bundled ICU and gcc needed",
)

PROBE = r"""
import json
from PySide6.QtCore import QCollator, QLocale
words = ["zebra", "Émile", "eend", "ézel", "appel", "Ångström", "IJsland", "ijs", "Île", "œuvre",
         "cote", "côte", "coté", "côté", "Zürich", "aa", "ab", "a-b", "a b"]
out = {}
for name in ("nl_BE", "fr_BE", "en_GB"):
    loc = QLocale(name)
    col = QCollator(loc)
    out[name] = {
        "sorted": sorted(words, key=col.sortKey),
        "upper": loc.toUpper("ijsje straße œuvre"),
        "lower": loc.toLower("ÉCOLE İSTANBUL"),
    }
with open("/proc/self/maps") as fh:
    out["icudata"] = sorted({l.split()[-1] for l in fh if "libicudata" in l})
print(json.dumps(out, ensure_ascii=False))
"""


def _probe(lib_dir: Path | None) -> dict:
    env = dict(os.environ)
    env.pop("LD_LIBRARY_PATH", None)
    if lib_dir is not None:
        env["LD_LIBRARY_PATH"] = str(lib_dir)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "Could not create collator" not in done.stderr, done.stderr
    return json.loads(done.stdout)


def test_package_round_trip_is_byte_identical() -> None:
    assert ICUDATA is not None
    _symbol, blob = icu_trim.read_symbol(ICUDATA, r"icudt\d+_dat")
    header, items = icu_trim.parse_package(blob)
    assert icu_trim.build_package(header, items) == blob


def test_trimmed_data_is_small_and_sorts_like_the_full_data(tmp_path: Path) -> None:
    assert ICUDATA is not None
    trimmed = icu_trim.trim_icu_data(ICUDATA, tmp_path)
    assert trimmed.name == ICUDATA.name
    assert trimmed.stat().st_size < 8_000_000 < ICUDATA.stat().st_size

    full = _probe(None)
    small = _probe(tmp_path)
    assert small["icudata"] == [str(trimmed)]  # the trimmed library really was the one loaded
    for name in ("nl_BE", "fr_BE", "en_GB"):
        assert small[name] == full[name], name


def test_only_other_languages_and_legacy_data_go() -> None:
    keep = [
        "icudt73l/coll/nl.res",
        "icudt73l/fr_BE.res",
        "icudt73l/en_001.res",
        "icudt73l/root.res",
        "icudt73l/coll/ucadata.icu",
        "icudt73l/supplementalData.res",
        "icudt73l/curr/pool.res",
        "icudt73l/brkitr/word.brk",
        "icudt73l/uts46.nrm",
    ]
    drop = [
        "icudt73l/de.res",
        "icudt73l/coll/zh.res",
        "icudt73l/ibm-943_P15A-2003.cnv",
        "icudt73l/brkitr/cjdict.dict",
        "icudt73l/translit/el_Latn.res",
        "icudt73l/yue_Hant.res",
    ]
    assert all(icu_trim.wanted(name) for name in keep)
    assert not any(icu_trim.wanted(name) for name in drop)
