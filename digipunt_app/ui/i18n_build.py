"""Update and compile the translations: ``python -m digipunt_app.ui.i18n_build`` (``make
translations``).

1. ``pyside6-lupdate`` reads every ``.py`` under ``digipunt_app/ui`` (``self.tr(...)`` and
   ``QCoreApplication.translate(context, ...)``, literal strings only) into
   ``resources/translations/digipunt_{nl,fr,en}.ts`` (obsolete strings dropped).
2. The source strings are Dutch, so every Dutch entry is filled with its source text.
3. ``--apply fr strings.json`` merges ``{"Dutch source": "traduction"}`` into a ``.ts`` (every
   context with that source), for whoever adds strings and fills French/English without Linguist.
   ``--missing fr`` prints the untranslated sources of a language as such a JSON object.
4. ``pyside6-lrelease`` compiles each ``.ts`` to ``.qm``. It reports what is still unfinished and
   exits 1 then (``--check`` does only that check, writing nothing).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI_DIR = ROOT / "digipunt_app" / "ui"
TS_DIR = ROOT / "resources" / "translations"
LANGS = ("nl", "fr", "en")


def ts_path(lang: str) -> Path:
    return TS_DIR / f"digipunt_{lang}.ts"


def _tool(name: str) -> str:
    """``pyside6-lupdate`` / ``pyside6-lrelease`` next to this Python, else on PATH."""
    exe_dir = Path(sys.executable).parent
    for candidate in (exe_dir / name, exe_dir / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} niet gevonden (installeer PySide6 in deze omgeving)")
    return found


def sources() -> list[Path]:
    return sorted(p for p in UI_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def lupdate() -> None:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    files = [str(p.relative_to(ROOT)) for p in sources()]
    for lang in LANGS:
        subprocess.run(
            [_tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
             "-source-language", "nl_BE", "-target-language", f"{lang}_BE", *files,
             "-ts", str(ts_path(lang).relative_to(ROOT))],
            check=True,
            cwd=ROOT,
        )


def _messages(tree: ET.ElementTree) -> list[ET.Element]:
    return list(tree.getroot().iter("message"))


def _is_unfinished(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None:
        return True
    if translation.get("type") in ("unfinished",):
        return True
    if translation.get("type") in ("obsolete", "vanished"):
        return False
    numerus = translation.findall("numerusform")
    if numerus:
        return any(not (n.text or "").strip() for n in numerus)
    return not (translation.text or "").strip()


def _write(tree: ET.ElementTree, path: Path) -> None:
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def _set(message: ET.Element, text: str) -> None:
    translation = message.find("translation")
    if translation is None:
        translation = ET.SubElement(message, "translation")
    translation.attrib.pop("type", None)
    numerus = translation.findall("numerusform")
    if numerus:
        for n in numerus:
            n.text = text
    else:
        translation.text = text


def fill_dutch() -> None:
    """Source strings are Dutch: nl translation = source."""
    path = ts_path("nl")
    tree = ET.parse(path)
    for message in _messages(tree):
        if _is_unfinished(message):
            _set(message, message.findtext("source") or "")
    _write(tree, path)


def apply(lang: str, mapping: dict[str, str]) -> int:
    path = ts_path(lang)
    tree = ET.parse(path)
    count = 0
    for message in _messages(tree):
        source = message.findtext("source") or ""
        if source in mapping and mapping[source]:
            _set(message, mapping[source])
            count += 1
    _write(tree, path)
    return count


def unfinished(lang: str) -> list[tuple[str, str]]:
    """``(context, source)`` of every entry without a finished translation."""
    tree = ET.parse(ts_path(lang))
    out = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            if _is_unfinished(message):
                out.append((name, message.findtext("source") or ""))
    return out


def lrelease() -> None:
    for lang in LANGS:
        subprocess.run(
            [_tool("pyside6-lrelease"), "-silent", str(ts_path(lang)), "-qm",
             str(TS_DIR / f"digipunt_{lang}.qm")],
            check=True,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m digipunt_app.ui.i18n_build")
    parser.add_argument("--check", action="store_true", help="only report unfinished entries")
    parser.add_argument("--apply", nargs=2, metavar=("LANG", "JSON"), help="merge translations")
    parser.add_argument("--missing", metavar="LANG", help="print untranslated sources as JSON")
    args = parser.parse_args(argv)
    if args.missing:
        missing = {src: "" for _ctx, src in unfinished(args.missing)}
        print(json.dumps(missing, ensure_ascii=False, indent=1))
        return 0
    if not args.check:
        lupdate()
        fill_dutch()
        if args.apply:
            lang, file = args.apply
            mapping = json.loads(Path(file).read_text(encoding="utf-8"))
            print(f"{lang}: {apply(lang, mapping)} vertalingen ingevoegd")
        lrelease()
    bad = 0
    for lang in LANGS:
        todo = unfinished(lang)
        bad += len(todo)
        print(f"{lang}: {len(todo)} onvertaald")
        for ctx, src in todo[:20]:
            print(f"   [{ctx}] {src}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
