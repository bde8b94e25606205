#!/usr/bin/env bash
# Fetches curl's Debian source package, checks it against the pinned checksums and unpacks it with
# Debian's patches applied (the security fixes Debian backported):
#
#   bash scripts/fetch-curl-source.sh DIR     -> DIR/src: the source tree cmake/StaticCurl.cmake builds
#
# The version and the checksums of its .dsc, .orig.tar.gz and .debian.tar.xz are pinned in
# cmake/curl-source.sha256 (sha256sum's format). `apt-get source` needs a deb-src entry for Debian's
# archive (scripts/install-deps.sh adds one) and dpkg-dev; nothing else is downloaded. apt already checks
# the .dsc against the archive's signed index; the pin also catches a silent change of version.
#
# When Debian publishes a new curl security update, the archive may drop the pinned version: this fails
# then, naming it. To move the pin: apt-get source --download-only curl=NEW, sha256sum the three files
# into cmake/curl-source.sha256, and rebuild.
set -euo pipefail

fail() { printf 'fetch-curl-source.sh: %s\n' "$*" >&2; exit 1; }
(($# == 1)) || fail "usage: fetch-curl-source.sh DIR"
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pins="$root/cmake/curl-source.sha256"
dest=$1

dsc=$(awk '$2 ~ /\.dsc$/ { print $2 }' "$pins")
[[ $dsc =~ ^curl_(.+)\.dsc$ ]] || fail "$pins names no curl_VERSION.dsc"
version=${BASH_REMATCH[1]}
command -v dpkg-source >/dev/null || fail "dpkg-source is missing: apt-get install dpkg-dev (scripts/install-deps.sh)"

download="$dest/download"
rm -rf "$download" "$dest/src"
mkdir -p "$download"
if ! output=$(cd "$download" && apt-get source --download-only -qq "curl=$version" 2>&1); then
  printf '%s\n' "$output" >&2
  fail "apt-get source curl=$version failed: is there a deb-src entry for Debian's archive (scripts/install-deps.sh adds one, then apt-get update), and does the archive still serve $version?"
fi
(cd "$download" && sha256sum --quiet --strict -c "$pins") ||
  fail "curl's source package does not match $pins"
# dpkg-source warns that it cannot check the .dsc's signature (no Debian keyring here): the pinned
# checksums above stand in for it.
if ! output=$(dpkg-source -x "$download/$dsc" "$dest/src" 2>&1); then
  printf '%s\n' "$output" >&2
  fail "dpkg-source -x $dsc failed"
fi
echo "curl $version: checked against $pins, unpacked with Debian's patches into $dest/src"
