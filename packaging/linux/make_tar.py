"""Pack the one-folder bundle with its menu entry and icons into a tar.gz for Linux desktops.

    python packaging/linux/make_tar.py [--dist dist]    (``make package-tar``)

Reads ``dist/digipunt/`` (from ``make package``) and writes
``dist/digipunt-<version>-linux-<machine>.tar.gz`` holding one folder ``digipunt-<version>/``::

    digipunt, _internal/          the program (run ./digipunt, or add portable.txt beside it)
    install.sh                    system-wide (/opt/digipunt) or --user install, --uninstall
    share/applications/digipunt.desktop
    share/icons/hicolor/{scalable,256x256}/apps/digipunt.{svg,png}
"""

from __future__ import annotations

import argparse
import platform
import sys
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "packaging" / "icons"


def project_version(root: Path = ROOT) -> str:
    with open(root / "pyproject.toml", "rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def extras() -> list[tuple[Path, str, int]]:
    """(source, path inside the top folder, mode) of the files added next to the bundle."""
    return [
        (LINUX / "install.sh", "install.sh", 0o755),
        (LINUX / "digipunt.desktop", "share/applications/digipunt.desktop", 0o644),
        (ICONS / "digipunt.svg", "share/icons/hicolor/scalable/apps/digipunt.svg", 0o644),
        (ICONS / "digipunt-256.png", "share/icons/hicolor/256x256/apps/digipunt.png", 0o644),
    ]


def make_tar(
    bundle: Path, out_dir: Path, version: str, machine: str | None = None, compresslevel: int = 6
) -> Path:
    if not (bundle / "digipunt").is_file():
        raise FileNotFoundError(f"no bundle in {bundle}: run 'make package' first")
    top = f"digipunt-{version}"
    out = out_dir / f"{top}-linux-{machine or platform.machine()}.tar.gz"

    def clean(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(out, "w:gz", compresslevel=compresslevel) as tar:
        for path in sorted(bundle.iterdir()):
            tar.add(path, arcname=f"{top}/{path.name}", filter=clean)  # keeps symlinks
        for source, name, mode in extras():
            info = clean(tar.gettarinfo(source, arcname=f"{top}/{name}"))
            info.mode = mode
            with open(source, "rb") as fh:
                tar.addfile(info, fh)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    try:
        out = make_tar(args.dist / "digipunt", args.dist, project_version())
    except FileNotFoundError as exc:
        print(f"make_tar: {exc}", file=sys.stderr)
        return 1
    print(f"{out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
