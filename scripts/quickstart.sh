#!/usr/bin/env bash
# Quickstart: from a fresh Debian 12 machine to SSL turned on by `terraform apply`, against rds-sim.
#
#   bash scripts/quickstart.sh          (from any directory)
#
# Installs the missing Debian packages, builds the release (the zip users download) and the simulator into
# <repo>/build (BUILD_DIR overrides), lays the release out as a filesystem mirror, starts rds-sim on a free
# port with one MySQL instance, installs the provider with `terraform init` from that mirror (as a team's
# CI would; no dev_overrides), applies examples/quickstart, shows the outputs, checks that a second plan
# reports no changes and that Terraform printed no warning, and stops the simulator. Nothing is left
# running, even when a step fails.
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

step "Building the release of terraform-provider-rds and rds-sim into $build"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target release rds-sim
ls -l "$build/release"

step "Laying the release out as a filesystem mirror"
bash "$root/scripts/mirror.sh" --release "$build/release" --packed "$work/mirror"

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

step "Writing a Terraform CLI config that installs local/rds from that mirror"
cat >"$work/cli.tfrc" <<CONFIG
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/local/rds"]
  }
  direct {
    exclude = ["registry.terraform.io/local/rds"]
  }
}
CONFIG
cat "$work/cli.tfrc"
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
# The provider settings for the simulator, in the same variables a real cloud uses.
export RDS_ENDPOINT="$url" OS_AUTH_URL="$url/v3" OS_PROJECT_ID=sim-project OS_ACCESS_KEY=sim-ak OS_SECRET_KEY=sim-sk
unset OS_TOKEN OS_AUTH_TOKEN OS_USERNAME OS_PASSWORD OS_DOMAIN_NAME OS_SECURITY_TOKEN OS_CACERT OS_INSECURE

mkdir "$work/quickstart"
cp "$root"/examples/quickstart/*.tf "$work/quickstart/"
cd "$work/quickstart"

# Every Terraform command's output is shown and kept: the quickstart must not print a single warning.
tf() { terraform "$@" 2>&1 | tee -a "$work/terraform.log"; return "${PIPESTATUS[0]}"; }

case $(uname -m) in
  aarch64 | arm64) platform=linux_arm64 ;;
  *) platform=linux_amd64 ;;
esac
step "terraform providers lock -fs-mirror=... -platform=$platform (the lock file a team commits)"
tf providers lock -fs-mirror="$work/mirror" -platform="$platform"
grep -q '"h1:' .terraform.lock.hcl || fail "the lock file records no h1: hash"

step "terraform init"
tf init -input=false

step "terraform apply -auto-approve"
tf apply -auto-approve -input=false

step "terraform output"
tf output

step "terraform plan (must report no changes)"
set +e
tf plan -input=false -detailed-exitcode
plan_status=$?
set -e
case $plan_status in
  0) ;;
  2) fail "the plan after the apply is not empty" ;;
  *) fail "terraform plan failed (exit $plan_status)" ;;
esac

if grep -q 'Warning' "$work/terraform.log"; then
  fail "Terraform printed a warning (see above)"
fi

step "Done: SSL is on for $instance, and Terraform sees no changes. Stopping rds-sim."
