variable "instance_id" {
  description = "ID of the existing MySQL instance whose SSL setting Terraform should manage."
  type        = string
}
