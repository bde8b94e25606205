variable "instance_id" {
  description = "ID of the MySQL instance whose clients need its CA certificate."
  type        = string
}

variable "warn_days" {
  description = "Warn in the plan when the CA expires within this many days."
  type        = number
  default     = 30
}
