#!/usr/bin/env bash
# Installs the Debian 12 packages the build and the tests need, only those that are missing, and sets up
# what the release needs from the machine:
# - the arm64 architecture (dpkg --add-architecture) for the cross-built linux_arm64 release;
# - a deb-src entry for Debian's archive, for curl's source package (scripts/fetch-curl-source.sh);
# - as root, qemu-aarch64 registered with binfmt_misc, so that the arm64 release can be run by the tests.
set -euo pipefail
packages=(build-essential cmake pkg-config git clang-format
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler nlohmann-json3-dev
  libcurl4-openssl-dev libssl-dev libgtest-dev libgmock-dev libcpp-httplib-dev
  libyaml-dev               # clouds.yaml (provider/config/clouds_yaml.cpp); libyaml.a for the release
  python3                   # the include-cycle check (scripts/check-include-cycles.py)
  clang libclang-rt-14-dev  # clang: the sanitizer and fuzzing builds (scripts/sanitize.sh, scripts/fuzz.sh)
  zip                       # zip: the release archive (cmake --build build --target release)
  # The static release: curl built from Debian's source (dpkg-dev unpacks it) with the static archives of
  # OpenSSL, zlib and c-ares; gnupg signs the release (cmake/PackRelease.cmake).
  dpkg-dev libc-ares-dev zlib1g-dev gnupg
  # The linux_arm64 release, cross-built (cmake/ReleaseArm64.cmake): the compiler and the :arm64 -dev
  # packages of what the provider links; nlohmann-json3-dev is for every architecture already.
  g++-aarch64-linux-gnu libgrpc++-dev:arm64 libprotobuf-dev:arm64 libssl-dev:arm64 zlib1g-dev:arm64
  libc-ares-dev:arm64 libyaml-dev:arm64  # (libyaml-cpp-dev cannot be installed for two architectures)
  # The release tests: qemu-user runs the arm64 executable; strace and file check the static one.
  qemu-user-static binfmt-support strace file)

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
update=""

if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "adding the arm64 architecture (dpkg --add-architecture arm64)" >&2
  $sudo dpkg --add-architecture arm64
  update=yes
fi

# A deb-src twin of each "deb" entry of Debian's archive, in either format of the sources.
if ! grep -rqsE '^(deb-src |Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    echo "adding deb-src entries (/etc/apt/sources.list.d/deb-src.sources)" >&2
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
      $sudo tee /etc/apt/sources.list.d/deb-src.sources >/dev/null
  else
    echo "adding deb-src entries (/etc/apt/sources.list.d/deb-src.list)" >&2
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list | $sudo tee /etc/apt/sources.list.d/deb-src.list >/dev/null
  fi
  update=yes
fi
[ -n "$(apt-cache showsrc curl 2>/dev/null)" ] || update=yes

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]} == 0)) || update=yes
if [ -n "$update" ]; then
  $sudo apt-get update -qq
fi
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Running arm64 executables: binfmt_misc hands them to qemu-aarch64. Needs root; a container may not be
# allowed to mount binfmt_misc, in which case tests/e2e/release/release_arm64_test.cpp says so (and fails
# in CI).
binfmt=/proc/sys/fs/binfmt_misc
if [ ! -e "$binfmt/qemu-aarch64" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "note: qemu-aarch64 is not registered with binfmt_misc; run this script as root to register it" >&2
  else
    [ -e "$binfmt/register" ] || mount -t binfmt_misc binfmt_misc "$binfmt" ||
      echo "warning: cannot mount binfmt_misc: arm64 executables cannot be run here" >&2
    if [ -e "$binfmt/register" ]; then
      update-binfmts --enable qemu-aarch64 ||
        echo "warning: cannot register qemu-aarch64 with binfmt_misc" >&2
    fi
  fi
fi
