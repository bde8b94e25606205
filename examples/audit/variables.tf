variable "name_contains" {
  description = "Only instances whose name contains this text (null: every MySQL instance)."
  type        = string
  default     = null
}
