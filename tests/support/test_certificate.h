// A real CA certificate in PEM, for tests that need a CA bundle OpenSSL accepts (cacert_file). Made once
// with `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -days 36500 -subj
// /CN=rds-unit-test-ca`; its key was thrown away, so it can verify nothing.
#pragma once

namespace rds::testing {

inline constexpr const char* kTestCaCertificatePem = R"(-----BEGIN CERTIFICATE-----
MIIBjDCCATOgAwIBAgIUTpIew/sghoEF+PGvfAQqQw1BMGwwCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQcmRzLXVuaXQtdGVzdC1jYTAgFw0yNjEyMDYwMjI4MDdaGA8y
MTI2MTExMjAyMjgwN1owGzEZMBcGA1UEAwwQcmRzLXVuaXQtdGVzdC1jYTBZMBMG
ByqGSM49AgEGCCqGSM49AwEHA0IABIRPAkfPAIB3tkYwM+kZqMHC8WMUpETPEw95
Ld9H/jj9Krp/rmHWr3dTw53wBZYPxdzNIDLyihhsrunbaE0zDAOjUzBRMB0GA1Ud
DgQWBBSYa5ZxkxYIZmsuv0ZTIAp8bo8zRzAfBgNVHSMEGDAWgBSYa5ZxkxYIZmsu
v0ZTIAp8bo8zRzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIA5r
EdYuXEDeEs/R9ZQi0fvlE2RQWa5tsniYW0iTfxLrAiB7jpfwzvwMYMkZGT2wJ+0O
Of+eM2xvRI7NMkFsUVf4qA==
-----END CERTIFICATE-----
)";

}  // namespace rds::testing
