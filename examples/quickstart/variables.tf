variable "instance_id" {
  description = "ID of the MySQL instance in rds-sim (scripts/quickstart.sh creates mysql-quickstart)."
  type        = string
  default     = "mysql-quickstart"
}

variable "ssl_enable" {
  description = "Whether SSL should be on for the instance."
  type        = bool
  default     = true
}
