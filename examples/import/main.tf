# Import: bring the SSL setting of an instance that already exists under Terraform's management.
#
# With Terraform >= 1.6 (an import id from a variable), the import block below does it during `terraform plan` / `apply`.
# With older Terraform, drop the block and run:
#   terraform import rds_instance_ssl.existing <instance_id>
#
# To let Terraform write the resource block for you, keep only the import block and run
#   terraform plan -generate-config-out=generated.tf
terraform {
  required_version = ">= 1.6"
  required_providers {
    rds = {
      source = "local/rds"
    }
  }
}

provider "rds" {}

import {
  to = rds_instance_ssl.existing
  id = var.instance_id
}

resource "rds_instance_ssl" "existing" {
  instance_id = var.instance_id
  # Set this to what the instance has today for an empty plan, or to what you want it to become.
  ssl_enable = true
}
