# Audit: turn SSL on for every MySQL instance whose name matches, and report the MySQL instances that
# still run without SSL outside that set. Works against rds-sim (see README.md for the environment
# variables) and against a real cloud.
#
# Each matching MySQL instance becomes one rds_instance_ssl, keyed by its ID, so the set is stable: an
# instance whose SSL this run turns on stays in the set on the next run (the for_each reads every MySQL
# instance, not only those without SSL, which would shrink after the apply and plan a destroy).
#
# The report is stable too: it lists only instances this configuration does not manage, whose SSL no
# apply of it changes, so a plan right after an apply is empty. (A report of the instances this run
# switches would change with the apply that switches them, and no plan after it would be empty.)
terraform {
  required_providers {
    rds = {
      source = "local/rds"
    }
  }
}

provider "rds" {}

locals {
  # A leading * is the RDS API's fuzzy match: "*orders" finds every name containing "orders".
  name_filter = var.name_contains == null ? null : "*${var.name_contains}"
}

data "rds_instances" "mysql" {
  engine = "MySQL"
  name   = local.name_filter
}

data "rds_instances" "mysql_without_ssl" {
  engine     = "MySQL"
  ssl_enable = false
}

resource "rds_instance_ssl" "mysql" {
  for_each = toset(data.rds_instances.mysql.ids)

  instance_id = each.value
  ssl_enable  = true
}
