variable "region" {
  description = "Region of the instance, e.g. eu-de or eu-nl (selects https://rds.<region>.otc.t-systems.com)."
  type        = string
  default     = "eu-de"
}

variable "instance_id" {
  description = "ID of an existing RDS for MySQL instance (the console shows it on the instance's overview)."
  type        = string
}

variable "disable_on_destroy" {
  description = "Turn SSL off when the resource is destroyed."
  type        = bool
  default     = false
}
