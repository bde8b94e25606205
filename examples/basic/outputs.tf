output "ssl_enabled" {
  description = "SSL as the RDS API reports it."
  value       = rds_instance_ssl.this.ssl_enable
}
