#!/usr/bin/env bash
# Quickstart: from a fresh Debian 12 machine to SSL turned on by `terraform apply`, against rds-sim.
#
#   bash scripts/quickstart.sh          (from any directory)
#
# Installs the missing Debian packages, builds the provider and the simulator into <repo>/build
# (BUILD_DIR overrides), starts rds-sim on a free port with one MySQL instance, points Terraform at the
# build with a dev_overrides CLI config in a temp dir, applies examples/quickstart, shows the outputs,
# checks that a second plan reports no changes, and stops the simulator. Nothing is left running, even
# when a step fails.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build}
instance=mysql-quickstart

step() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nquickstart failed: %s\n' "$*" >&2; exit 1; }

command -v terraform >/dev/null ||
  fail "terraform is not on the PATH. Install Terraform >= 1.6 (https://developer.hashicorp.com/terraform/install) and rerun."

work=$(mktemp -d "${TMPDIR:-/tmp}/rds-quickstart.XXXXXX")
sim_pid=""
cleanup() {
  local status=$?
  if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then
    kill -TERM "$sim_pid" 2>/dev/null || true
    # Give it a moment to exit cleanly, then make sure it is gone.
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$sim_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -s "$work/sim.log" ]; then
    printf '\n--- rds-sim log (last lines) ---\n' >&2
    tail -n 20 "$work/sim.log" >&2
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "Installing missing Debian packages"
bash "$root/scripts/install-deps.sh"

step "Building terraform-provider-rds and rds-sim into $build"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target terraform-provider-rds rds-sim

step "Starting rds-sim with MySQL instance $instance (SSL off)"
"$build/bin/rds-sim" --port 0 --instance "$instance:MySQL:off" >"$work/sim.out" 2>"$work/sim.log" &
sim_pid=$!
# The first stdout line is the sim's base URL; wait up to 10 s for it.
url=""
for _ in $(seq 1 100); do
  url=$(head -n 1 "$work/sim.out" 2>/dev/null || true)
  [ -n "$url" ] && break
  kill -0 "$sim_pid" 2>/dev/null || fail "rds-sim exited before printing its URL"
  sleep 0.1
done
[ -n "$url" ] || fail "rds-sim did not print its URL within 10 s"
echo "rds-sim is serving RDS and IAM at $url"

step "Writing a Terraform CLI config that uses the provider from $build/bin"
# dev_overrides make plan/apply use the freshly built binary. `terraform init` still wants to install
# local/rds from somewhere, and there is no registry for it, so a filesystem mirror in the temp dir
# offers the same binary (unpacked layout: <host>/<namespace>/<type>/<version>/<os>_<arch>/).
case $(uname -m) in
  x86_64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) arch=$(uname -m) ;;
esac
version=$(sed -n 's/^project(terraform-provider-rds VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
package="$work/mirror/registry.terraform.io/local/rds/${version:-0.1.0}/linux_$arch"
mkdir -p "$package"
cp "$build/bin/terraform-provider-rds" "$package/"
cat >"$work/cli.tfrc" <<CONFIG
provider_installation {
  dev_overrides {
    "local/rds" = "$build/bin"
  }
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["local/rds"]
  }
  direct {
    exclude = ["local/rds"]
  }
}
CONFIG
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
# The provider settings for the simulator, in the same variables a real cloud uses.
export RDS_ENDPOINT="$url" OS_AUTH_URL="$url/v3" OS_PROJECT_ID=sim-project OS_ACCESS_KEY=sim-ak OS_SECRET_KEY=sim-sk
unset OS_TOKEN OS_AUTH_TOKEN OS_USERNAME OS_PASSWORD OS_DOMAIN_NAME OS_SECURITY_TOKEN OS_CACERT OS_INSECURE

mkdir "$work/quickstart"
cp "$root"/examples/quickstart/*.tf "$work/quickstart/"
cd "$work/quickstart"

step "terraform init"
terraform init -input=false

step "terraform apply -auto-approve"
terraform apply -auto-approve -input=false

step "terraform output"
terraform output

step "terraform plan (must report no changes)"
set +e
terraform plan -input=false -detailed-exitcode
plan_status=$?
set -e
case $plan_status in
  0) ;;
  2) fail "the plan after the apply is not empty" ;;
  *) fail "terraform plan failed (exit $plan_status)" ;;
esac

step "Done: SSL is on for $instance, and Terraform sees no changes. Stopping rds-sim."
