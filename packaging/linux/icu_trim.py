"""Shrink Qt's ICU data library (Linux bundle) from ~32 MB to ~5 MB.

The PySide6 wheels for Linux link Qt against ICU 73, whose ``libicudata.so.73`` holds the data of
every language of the world. Digipunt speaks Dutch, French and English, so ``build.spec`` calls
:func:`trim_icu_data` to write a ``libicudata`` with only the ``root``, ``nl``, ``fr`` and ``en``
locale data, no legacy code-page converters, transliterators or CJK/Thai break dictionaries.
Collation, case mapping and normalisation stay exact for those languages (checked by
``tests/package/test_icu_trim.py``); other locales fall back to ``root``.

How: read the ICU "common data" package out of the library's ``icudt<NN>_dat`` symbol (a plain ELF
parse), rewrite the package without the unwanted items (same layout ICU's ``icupkg`` writes), and
assemble it into a new shared library with the same soname and symbol (``gcc`` + ``.incbin``).
Without ``gcc`` the full library is kept (a bigger bundle, same behaviour).

    python packaging/linux/icu_trim.py LIBICUDATA OUT_DIR   # prints the new library's path
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

PAD = b"\xaa"  # ICU's own packaging tools pad with 0xAA
KEEP_LANGUAGES = frozenset({"root", "nl", "fr", "en"})
_LOCALE_LANGUAGE = re.compile(r"[a-z]{2,3}")


def read_symbol(lib: Path, pattern: str) -> tuple[str, bytes]:
    """Name and bytes of the first dynamic symbol matching ``pattern`` in an ELF64 LE library."""
    data = lib.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{lib} is not a little-endian ELF64 file")
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)
    ]
    # (name, type, flags, addr, offset, size, link, info, addralign, entsize)
    dynsym = next(s for s in sections if s[1] == 11)  # SHT_DYNSYM
    strtab = sections[dynsym[6]]
    wanted = re.compile(pattern)
    for index in range(dynsym[5] // dynsym[9]):
        name_off, _info, _other, _shndx, value, size = struct.unpack_from(
            "<IBBHQQ", data, dynsym[4] + index * dynsym[9]
        )
        start = strtab[4] + name_off
        name = data[start : data.index(b"\0", start)].decode("ascii")
        if not wanted.fullmatch(name) or size == 0:
            continue
        for _n, _t, _f, addr, offset, sec_size, *_rest in sections:
            if addr and addr <= value < addr + sec_size:
                file_offset = offset + (value - addr)
                return name, data[file_offset : file_offset + size]
    raise LookupError(f"no symbol matching {pattern!r} in {lib}")


def parse_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Split an ICU common-data package into its header and ``(name, item bytes)`` pairs."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    toc = header_size
    (count,) = struct.unpack_from("<I", blob, toc)
    entries = [struct.unpack_from("<II", blob, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_off, data_off) in enumerate(entries):
        name_start = toc + name_off
        name = blob[name_start : blob.index(b"\0", name_start)].decode("ascii")
        end = toc + entries[i + 1][1] if i + 1 < count else len(blob)
        items.append((name, blob[toc + data_off : end]))
    return blob[:header_size], items


def build_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The inverse of :func:`parse_package`: TOC, names, then 16-byte aligned items."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    data_start = (toc_size + len(names) + 15) & ~15
    toc = bytearray(struct.pack("<I", len(items)))
    body = bytearray()
    name_off = toc_size
    for name, item in items:
        toc += struct.pack("<II", name_off, data_start + len(body))
        name_off += len(name) + 1
        body += item
        body += PAD * (-len(body) % 16)
    padding = PAD * (data_start - toc_size - len(names))
    return header + bytes(toc) + names + padding + bytes(body)


def wanted(item_name: str) -> bool:
    """Keep everything except other languages' locale data, converters, transliterators and
    dictionaries for scripts without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese)."""
    path = item_name.split("/", 1)[-1]  # drop the "icudt73l/" package prefix
    tree, _, file = path.rpartition("/")
    stem, _, ext = file.rpartition(".")
    if ext in ("cnv", "dict") or tree == "translit":
        return False
    if ext == "res":
        language = stem.split("_")[0]
        if _LOCALE_LANGUAGE.fullmatch(language) and language not in KEEP_LANGUAGES:
            return False
    return True


def trim_icu_data(lib: Path, out_dir: Path) -> Path:
    """Write the trimmed copy of ``lib`` (same file name) into ``out_dir`` and return its path."""
    symbol, blob = read_symbol(lib, r"icudt\d+_dat")
    header, items = parse_package(blob)
    kept = [(name, item) for name, item in items if wanted(name)]
    package = build_package(header, kept)
    soname = _soname(lib)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / lib.name
    with tempfile.TemporaryDirectory() as tmp:
        dat = Path(tmp) / "icudata.dat"
        dat.write_bytes(package)
        asm = Path(tmp) / "icudata.S"
        asm.write_text(
            "\n".join(
                [
                    "    .section .rodata",
                    f"    .globl {symbol}",
                    f"    .type {symbol}, @object",
                    "    .balign 16",
                    f"{symbol}:",
                    f'    .incbin "{dat}"',
                    f"    .size {symbol}, . - {symbol}",
                    '    .section .note.GNU-stack,"",@progbits',
                    "",
                ]
            ),
            encoding="ascii",
        )
        compiler = shutil.which("gcc") or shutil.which("cc")
        if compiler is None:
            raise FileNotFoundError("no C compiler (gcc) to assemble the trimmed ICU data")
        subprocess.run(
            [compiler, "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-o", str(target)]
            + [str(asm)],
            check=True,
        )
    return target


def _soname(lib: Path) -> str:
    match = re.search(rb"libicudata\.so\.\d+", lib.read_bytes())
    return match.group(0).decode("ascii") if match else lib.name


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        sys.exit(2)
    print(trim_icu_data(Path(sys.argv[1]), Path(sys.argv[2])))
