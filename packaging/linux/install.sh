#!/bin/sh
# Install Digipunt from this unpacked folder.
#
#   sudo ./install.sh            all users: /opt/digipunt, /usr/local/bin/digipunt, menu entry
#   ./install.sh --user          this user only: ~/.local/lib/digipunt, ~/.local/bin/digipunt
#   sudo ./install.sh --uninstall   (or ./install.sh --user --uninstall) removes the program;
#                                   volunteers' data in their profile stays.
#
# Portable use needs no installation: put an empty file portable.txt next to ./digipunt and run
# it from here (a USB stick); the data then lives in ./data.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
scope=system
action=install
for arg in "$@"; do
    case "$arg" in
        --user) scope=user ;;
        --uninstall) action=uninstall ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
    esac
done

if [ "$scope" = user ]; then
    prefix="$HOME/.local"
    target="$prefix/lib/digipunt"
else
    prefix=/usr/local
    target=/opt/digipunt
fi
bin="$prefix/bin"
apps="$prefix/share/applications"
icons="$prefix/share/icons/hicolor"

if [ "$action" = uninstall ]; then
    rm -rf "$target"
    rm -f "$bin/digipunt" "$apps/digipunt.desktop" \
        "$icons/scalable/apps/digipunt.svg" "$icons/256x256/apps/digipunt.png"
    echo "Digipunt removed from $target (data in the users' profiles is kept)."
    exit 0
fi

[ -x "$here/digipunt" ] && [ -d "$here/_internal" ] || {
    echo "install.sh: run me from the unpacked Digipunt folder" >&2
    exit 1
}
mkdir -p "$target.new"
cp -a "$here/digipunt" "$here/_internal" "$target.new/"
rm -rf "$target"
mv "$target.new" "$target"

mkdir -p "$bin" "$apps" "$icons/scalable/apps" "$icons/256x256/apps"
ln -sf "$target/digipunt" "$bin/digipunt"
sed -e "s#^Exec=.*#Exec=$target/digipunt#" -e "s#^TryExec=.*#TryExec=$target/digipunt#" \
    "$here/share/applications/digipunt.desktop" > "$apps/digipunt.desktop"
cp "$here/share/icons/hicolor/scalable/apps/digipunt.svg" "$icons/scalable/apps/digipunt.svg"
cp "$here/share/icons/hicolor/256x256/apps/digipunt.png" "$icons/256x256/apps/digipunt.png"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" || true

echo "Digipunt $("$target/digipunt" --version 2>/dev/null | cut -d' ' -f2) installed in $target."
echo "Start it from the menu or with: $bin/digipunt"
