# Basic: manage SSL of an existing RDS for MySQL instance on Open Telekom Cloud (or Huawei Cloud).
#
# Credentials come from the environment, never from this file. Pick one method:
#   AK/SK:     OS_ACCESS_KEY, OS_SECRET_KEY (and OS_SECURITY_TOKEN for temporary credentials)
#   token:     OS_TOKEN
#   password:  OS_USERNAME, OS_PASSWORD, OS_DOMAIN_NAME
# plus OS_PROJECT_ID. On Huawei Cloud also set `endpoint` and `auth_url` (or RDS_ENDPOINT, OS_AUTH_URL).
terraform {
  required_version = ">= 1.0"
  required_providers {
    rds = {
      source = "local/rds"
    }
  }
}

provider "rds" {
  region = var.region
}

resource "rds_instance_ssl" "this" {
  instance_id = var.instance_id
  ssl_enable  = true

  # Turn SSL off again on `terraform destroy`. Without it, destroy only forgets the resource.
  disable_on_destroy = var.disable_on_destroy

  timeouts {
    create = "30m"
    update = "30m"
    delete = "10m"
  }
}
