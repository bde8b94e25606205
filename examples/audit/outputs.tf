output "mysql_without_ssl" {
  description = "The MySQL instances that had SSL off when this run read them: ID => name."
  value       = { for instance in data.rds_instances.mysql_without_ssl.instances : instance.id => instance.name }
}

output "ssl_enabled" {
  description = "The IDs of the MySQL instances whose SSL Terraform now keeps on."
  value       = sort(keys(rds_instance_ssl.mysql))
}
