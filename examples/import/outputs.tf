output "ssl_enabled" {
  description = "SSL as imported from the RDS API."
  value       = rds_instance_ssl.existing.ssl_enable
}
