#!/usr/bin/env bash
# Makes sure Debian's Chromium and a Japanese font are installed for the console's browser tests
# (playwright-core drives /usr/bin/chromium; no browser is downloaded). Installs what is missing with
# apt-get: as root, or through sudo when there is one.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
packages=()
[ -x "$CHROMIUM" ] || packages+=(chromium)
# Without a Japanese font the console's screenshots show empty boxes for every kana and kanji.
fc-list :lang=ja 2>/dev/null | grep -q . || packages+=(fonts-ipafont-gothic)
[ "${#packages[@]}" = 0 ] && exit 0
echo "chromium: installing ${packages[*]} (Debian packages)" >&2
as_root=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "chromium: not root and no sudo; run apt-get install -y ${packages[*]} as root" >&2; exit 1; }
  as_root=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get install -y "${packages[@]}" >/dev/null ||
  { "${as_root[@]}" apt-get update >/dev/null && "${as_root[@]}" apt-get install -y "${packages[@]}" >/dev/null; }
[ -x "$CHROMIUM" ] || { echo "chromium: installed, but $CHROMIUM is still missing" >&2; exit 1; }
