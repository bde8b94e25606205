# CA bundle: turn SSL on and hand every client the CA certificate it must trust, in one apply.
#
# The PEM is an output: pass it on to where clients read it (a Kubernetes secret, a parameter store, an
# application's config), or write it to a file with the hashicorp/local provider's local_file.
#
# The check block warns in every plan once the CA expires within 30 days (Terraform >= 1.5), so that a
# reviewer sees it before clients start to fail.
terraform {
  required_version = ">= 1.5"
  required_providers {
    rds = {
      source = "local/rds"
    }
  }
}

provider "rds" {}

resource "rds_instance_ssl" "db" {
  instance_id = var.instance_id
  ssl_enable  = true
}

data "rds_ssl_ca_bundle" "db" {
  instance_id = rds_instance_ssl.db.instance_id
}

check "ca_bundle_not_expiring" {
  assert {
    condition     = timecmp(data.rds_ssl_ca_bundle.db.not_after, timeadd(plantimestamp(), "${var.warn_days * 24}h")) > 0
    error_message = "The CA of RDS instance ${var.instance_id} expires at ${data.rds_ssl_ca_bundle.db.not_after}, within ${var.warn_days} days: download the new bundle and roll it out to every client."
  }
}
