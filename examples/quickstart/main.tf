# Quickstart: turn SSL on for a MySQL instance served by rds-sim, the local RDS simulator.
# scripts/quickstart.sh starts the simulator and runs this for you; to run it by hand, see README.md.
#
# The provider reads its settings from the environment, so this file stays free of endpoints and keys:
#   RDS_ENDPOINT=<sim URL>  OS_AUTH_URL=<sim URL>/v3  OS_PROJECT_ID=sim-project
#   OS_ACCESS_KEY=sim-ak    OS_SECRET_KEY=sim-sk
terraform {
  required_providers {
    rds = {
      source = "local/rds"
    }
  }
}

provider "rds" {}

resource "rds_instance_ssl" "quickstart" {
  instance_id = var.instance_id
  ssl_enable  = var.ssl_enable

  # The simulator switches SSL in about two seconds; a real instance takes longer.
  timeouts {
    create = "2m"
    update = "2m"
  }
}
