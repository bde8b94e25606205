#!/usr/bin/env bash
# Lays a release (cmake --build build --target release) out as provider mirrors Terraform installs from:
#
#   bash scripts/mirror.sh --packed DIR    DIR/HOST/NAMESPACE/rds/terraform-provider-rds_VERSION_OS_ARCH.zip
#                                          for `provider_installation { filesystem_mirror { path = "DIR" } }`
#                                          and `terraform providers lock -fs-mirror=DIR`
#   bash scripts/mirror.sh --network DIR   DIR/HOST/NAMESPACE/rds/{index.json, VERSION.json, *.zip}: the
#                                          provider network mirror protocol, for any static HTTPS server
#                                          (`network_mirror { url = "https://server/" }`, serving DIR)
#
# Options (both forms can be given at once):
#   --release DIR      the release folder (default: <repo>/build/release)
#   --hostname HOST    registry hostname of the provider's address (default: registry.terraform.io)
#   --namespace NS     namespace of the provider's address (default: local, i.e. source = "local/rds")
#
# The release is checked against its SHA256SUMS first. VERSION.json lists each archive with its "h1:" hash,
# the hash `terraform init` records in .terraform.lock.hcl. Running it again for a newer release adds that
# version to an existing network mirror.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
release="$root/build/release"
hostname=registry.terraform.io
namespace=local
packed=""
network=""

usage() { sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
fail() { printf 'mirror.sh: %s\n' "$*" >&2; exit 1; }

while (($#)); do
  case $1 in
    --release | --hostname | --namespace | --packed | --network)
      (($# >= 2)) || fail "$1 needs a value"
      case $1 in
        --release) release=$2 ;;
        --hostname) hostname=$2 ;;
        --namespace) namespace=$2 ;;
        --packed) packed=$2 ;;
        --network) network=$2 ;;
      esac
      shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; fail "unknown argument: $1" ;;
  esac
done
[ -n "$packed$network" ] || { usage >&2; fail "give --packed DIR, --network DIR or both"; }
[[ $hostname =~ ^[A-Za-z0-9.-]+(:[0-9]+)?$ ]] || fail "--hostname $hostname is not a host name"
[[ $namespace =~ ^[A-Za-z0-9][A-Za-z0-9-]*$ ]] || fail "--namespace $namespace is not a namespace"

shopt -s nullglob
sums=("$release"/terraform-provider-rds_*_SHA256SUMS)
((${#sums[@]} > 0)) || fail "no release in $release: run cmake --build build --target release"
zips=()
for sum in "${sums[@]}"; do
  (cd "$release" && sha256sum --quiet -c "$(basename "$sum")") ||
    fail "$(basename "$sum") does not match the files in $release"
  while read -r _ file; do
    [[ $file == *.zip ]] && zips+=("$release/$file")
  done <"$sum"
done

# Terraform's "h1:" hash of a zip: the dirhash (golang.org/x/mod/sumdb/dirhash Hash1) of its contents,
# i.e. base64(sha256 of "<sha256 hex>  <path>\n" for every file, sorted by path).
h1_hash() {
  local zip=$1 tmp digest
  tmp=$(mktemp -d)
  (cd "$tmp" && cmake -E tar xf "$zip")
  digest=$(cd "$tmp" && find . -type f -printf '%P\n' | LC_ALL=C sort | while IFS= read -r file; do
    printf '%s  %s\n' "$(sha256sum "$file" | cut -d' ' -f1)" "$file"
  done | sha256sum | cut -d' ' -f1)
  rm -rf "$tmp"
  printf 'h1:%s' "$(printf '%s' "$digest" | tr a-f A-F | basenc --base16 -d | base64)"
}

# terraform-provider-rds_0.1.0_linux_amd64.zip -> version 0.1.0, platform linux_amd64
parse_name() {
  local name=${1##*/}
  name=${name#terraform-provider-rds_}
  name=${name%.zip}
  version=${name%%_*}
  platform=${name#*_}
}

if [ -n "$packed" ]; then
  target="$packed/$hostname/$namespace/rds"
  mkdir -p "$target"
  for zip in "${zips[@]}"; do
    cp "$zip" "$target/"
    echo "packed mirror: $target/${zip##*/}"
  done
fi

if [ -n "$network" ]; then
  target="$network/$hostname/$namespace/rds"
  mkdir -p "$target"
  declare -A archives=()
  for zip in "${zips[@]}"; do
    parse_name "$zip"
    cp "$zip" "$target/"
    entry=$(printf '    "%s": {\n      "url": "%s",\n      "hashes": ["%s"]\n    }' \
      "$platform" "${zip##*/}" "$(h1_hash "$zip")")
    archives[$version]+="${archives[$version]:+,$'\n'}$entry"
  done
  for version in "${!archives[@]}"; do
    printf '{\n  "archives": {\n%s\n  }\n}\n' "${archives[$version]}" >"$target/$version.json"
    echo "network mirror: $target/$version.json"
  done
  # index.json lists every version that has a VERSION.json here, this release's and earlier ones.
  versions=()
  for json in "$target"/*.json; do
    name=${json##*/}
    [ "$name" = index.json ] || versions+=("${name%.json}")
  done
  {
    printf '{\n  "versions": {\n'
    separator=""
    for version in "${versions[@]}"; do
      printf '%s    "%s": {}' "$separator" "$version"
      separator=$',\n'
    done
    printf '\n  }\n}\n'
  } >"$target/index.json"
  echo "network mirror: $target/index.json"
fi
