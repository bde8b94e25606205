output "instance_id" {
  description = "The instance whose SSL setting Terraform manages."
  value       = rds_instance_ssl.quickstart.instance_id
}

output "ssl_enabled" {
  description = "SSL as the RDS API reports it after the apply."
  value       = rds_instance_ssl.quickstart.ssl_enable
}
