#!/usr/bin/env bash
# Checks that every module pbx-config loads (render/modules.ts) ships in Debian's Asterisk
# packages of a suite (default: forky). It uses apt with a private state directory and the mirror
# named by this host's own apt sources, downloads asterisk and asterisk-modules, and lists their
# module directory with dpkg-deb. Needs network access to that mirror; not part of the unit tests.
#   usage: pbx-config/scripts/verify-modules.sh [suite]
set -euo pipefail
suite=${1:-forky}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
if [ -z "$uri" ]; then
  uri=$(awk '$1 == "deb" { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
fi
[ -n "$uri" ] || { echo "no Debian mirror found in this host's apt sources" >&2; exit 2; }

mkdir -p "$work/state/lists/partial" "$work/cache/archives/partial" "$work/sources" "$work/prefs" "$work/debs"
printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
  "$uri" "$suite" > "$work/sources/suite.sources"
cat > "$work/apt.conf" <<CONF
Dir::State "$work/state";
Dir::State::status "/var/lib/dpkg/status";
Dir::Cache "$work/cache";
Dir::Etc::sourcelist "/dev/null";
Dir::Etc::sourceparts "$work/sources";
Dir::Etc::preferencesparts "$work/prefs";
Acquire::Check-Valid-Until "false";
APT::Architecture "amd64";
APT::Sandbox::User "root";
CONF
export APT_CONFIG="$work/apt.conf"
apt-get -qq update
(cd "$work/debs" && apt-get -qq download asterisk asterisk-modules 2>/dev/null)

for deb in "$work"/debs/*.deb; do dpkg-deb -c "$deb"; done \
  | awk '{ print $6 }' | grep '/asterisk/modules/.*\.so$' | sed 's#.*/##' | sort -u > "$work/shipped"
grep -o "'[a-z0-9_]*'" "$here/render/modules.ts" | tr -d "'" | grep -E '^(res|chan|app|func|bridge|codec|format|pbx)_' \
  | sed 's/$/.so/' | sort -u > "$work/wanted"

version=$(apt-cache policy asterisk | awk '/Candidate:/ { print $2 }')
missing=$(comm -23 "$work/wanted" "$work/shipped")
if [ -n "$missing" ]; then
  echo "asterisk $version ($suite) does not ship:"; echo "$missing"; exit 1
fi
echo "all $(wc -l < "$work/wanted") modules of render/modules.ts ship in asterisk $version ($suite)"
