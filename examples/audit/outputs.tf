output "ssl_enabled" {
  description = "The IDs of the MySQL instances whose SSL Terraform now keeps on."
  value       = sort(keys(rds_instance_ssl.mysql))
}

output "unmanaged_without_ssl" {
  description = "The MySQL instances outside name_contains that run without SSL: ID => name."
  value = {
    for instance in data.rds_instances.mysql_without_ssl.instances : instance.id => instance.name
    if !contains(data.rds_instances.mysql.ids, instance.id)
  }
}
