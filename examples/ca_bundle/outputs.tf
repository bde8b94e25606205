output "ca_pem" {
  description = "The CA certificates clients must trust, PEM (e.g. mysql --ssl-ca, or a Kubernetes secret)."
  value       = data.rds_ssl_ca_bundle.db.pem
}

output "ca_not_after" {
  description = "When the first of the CA certificates expires (RFC 3339)."
  value       = data.rds_ssl_ca_bundle.db.not_after
}

output "ca_fingerprints" {
  description = "SHA-256 fingerprints of the CA certificates, to compare with what clients trust."
  value       = data.rds_ssl_ca_bundle.db.certificates[*].sha256_fingerprint
}
