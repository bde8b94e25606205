#!/usr/bin/env bash
# Lays a signed release (cmake --build build --target release, with a key: cmake/PackRelease.cmake) out as
# a private provider registry: the provider registry protocol as static files, for any HTTPS server.
#
#   bash scripts/registry.sh --namespace NS --public-key KEY.asc DIR
#
#   DIR/.well-known/terraform.json                       {"providers.v1": "/v1/providers/"}
#   DIR/v1/providers/NS/rds/versions                     every version laid out in DIR, with its platforms
#   DIR/v1/providers/NS/rds/VERSION/download/OS/ARCH     download_url, shasums_url, shasums_signature_url,
#                                                        shasum, signing_keys.gpg_public_keys[{key_id, ascii_armor}]
#   DIR/v1/providers/NS/rds/VERSION/<zips, SHA256SUMS, SHA256SUMS.sig>
#
# Serve DIR at the root of https://HOST[:PORT]/ and write `source = "HOST[:PORT]/NS/rds"`; Terraform then
# checks each zip against the SUMS and the SUMS against the signature and key (see README.md).
#
# Options:
#   --release DIR      the release folder (default: <repo>/build/release)
#   --namespace NS     the namespace of the source address (required)
#   --public-key FILE  the armored public key of the key that signed the release (required)
#   --base-url URL     make the URLs absolute (https://host:port); by default they are paths from the
#                      server's root, which Terraform resolves against the registry's own address
#
# The release is checked against its SHA256SUMS, and the SUMS against the signature and the key, before
# anything is written. Running it again for a newer release adds that version to an existing registry.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
release="$root/build/release"
namespace=""
public_key=""
base_url=""
out=""

usage() { sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
fail() { printf 'registry.sh: %s\n' "$*" >&2; exit 1; }

while (($#)); do
  case $1 in
    --release | --namespace | --public-key | --base-url)
      (($# >= 2)) || fail "$1 needs a value"
      case $1 in
        --release) release=$2 ;;
        --namespace) namespace=$2 ;;
        --public-key) public_key=$2 ;;
        --base-url) base_url=${2%/} ;;
      esac
      shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; fail "unknown option: $1" ;;
    *) [ -z "$out" ] || fail "one output folder only"; out=$1; shift ;;
  esac
done
[ -n "$out" ] && [ -n "$namespace" ] && [ -n "$public_key" ] || { usage >&2; fail "give --namespace, --public-key and DIR"; }
[[ $namespace =~ ^[A-Za-z0-9][A-Za-z0-9-]*$ ]] || fail "--namespace $namespace is not a namespace"
[ -f "$public_key" ] || fail "--public-key $public_key is not a file"

shopt -s nullglob
sums_files=("$release"/terraform-provider-rds_*_SHA256SUMS)
((${#sums_files[@]} == 1)) || fail "expected one release in $release: run cmake --build build --target release"
sums=${sums_files[0]}
sums_name=${sums##*/}
version=${sums_name#terraform-provider-rds_}
version=${version%_SHA256SUMS}
[ -f "$sums.sig" ] ||
  fail "$sums_name.sig is missing: Terraform installs from a registry only what is signed; build the release with RDS_RELEASE_GPG_KEY or RDS_RELEASE_GPG_KEY_FILE set (cmake/PackRelease.cmake)"
(cd "$release" && sha256sum --quiet -c "$sums_name") || fail "$sums_name does not match the files in $release"

# The key: its id, and the signature checked with it (in a keyring of its own, not the user's).
keyring=$(mktemp -d)
trap 'gpgconf --homedir "$keyring" --kill all 2>/dev/null || true; rm -rf "$keyring"' EXIT
key_id=$(gpg --homedir "$keyring" --batch --with-colons --show-keys "$public_key" 2>/dev/null |
  awk -F: '$1 == "pub" { print $5; exit }')
[ -n "$key_id" ] || fail "$public_key holds no public key"
gpg --homedir "$keyring" --batch --quiet --dearmor <"$public_key" >"$keyring/key.gpg"
gpgv --keyring "$keyring/key.gpg" "$sums.sig" "$sums" 2>/dev/null ||
  fail "$sums_name.sig is not a valid signature by $public_key (key $key_id)"

# JSON string contents: backslashes and quotes escaped, lines joined by \n.
json_text() { sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' "$1" | awk '{ printf "%s\\n", $0 }'; }
armor=$(json_text "$public_key")

provider="$out/v1/providers/$namespace/rds"
files="$provider/$version"
url_base="$base_url/v1/providers/$namespace/rds/$version"
mkdir -p "$out/.well-known" "$files"
printf '{\n  "providers.v1": "/v1/providers/"\n}\n' >"$out/.well-known/terraform.json"
cp "$sums" "$sums.sig" "$files/"

while read -r shasum file; do
  [[ $file == *.zip ]] || continue
  cp "$release/$file" "$files/"
  platform=${file#terraform-provider-rds_"$version"_}
  platform=${platform%.zip}
  os=${platform%%_*}
  arch=${platform#*_}
  mkdir -p "$files/download/$os"
  cat >"$files/download/$os/$arch" <<EOF
{
  "protocols": ["5.0", "6.0"],
  "os": "$os",
  "arch": "$arch",
  "filename": "$file",
  "download_url": "$url_base/$file",
  "shasums_url": "$url_base/$sums_name",
  "shasums_signature_url": "$url_base/$sums_name.sig",
  "shasum": "$shasum",
  "signing_keys": {
    "gpg_public_keys": [
      {
        "key_id": "$key_id",
        "ascii_armor": "$armor"
      }
    ]
  }
}
EOF
  echo "registry: $files/download/$os/$arch"
done <"$sums"

# versions: every version with a download folder here, this release's and earlier ones.
{
  printf '{\n  "versions": ['
  separator=""
  for dir in "$provider"/*/download; do
    v=${dir%/download}
    v=${v##*/}
    platforms=""
    for download in "$dir"/*/*; do
      arch=${download##*/}
      os=${download%/*}
      os=${os##*/}
      platforms+="${platforms:+, }{\"os\": \"$os\", \"arch\": \"$arch\"}"
    done
    printf '%s\n    {"version": "%s", "protocols": ["5.0", "6.0"], "platforms": [%s]}' "$separator" "$v" "$platforms"
    separator=","
  done
  printf '\n  ]\n}\n'
} >"$provider/versions"
echo "registry: $provider/versions (key $key_id)"
