// terraform-provider-rds: Terraform starts this binary; rds::plugin::serve does the go-plugin
// start-up (cookie, version, socket, AutoMTLS, handshake) and serves the tfplugin5 or tfplugin6
// Provider service for the protocol version Terraform and we agree on.
#include "provider/plugin/server.h"
#include "provider/protocol/provider_service.h"
#include "provider/rds_provider.h"

int main(int argc, char** argv) {
  return rds::plugin::serve(argc, argv, [](int protocol_version) {
    return rds::protocol::make_provider_service(protocol_version, rds::make_rds_provider());
  });
}
