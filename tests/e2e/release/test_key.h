// Throw-away GPG signing keys for the release tests, each in a GNUPGHOME of its own (never the user's
// keyring; no key is ever committed).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/command_result.h"

namespace rds::testing {

struct TestKey {
  std::filesystem::path home;         // its GNUPGHOME
  std::string id;                     // the 16-hex-digit key id, as Terraform reports it
  std::filesystem::path secret_file;  // armored secret key, for RDS_RELEASE_GPG_KEY_FILE
  std::filesystem::path public_file;  // armored public key, for scripts/registry.sh
};

// Makes an ed25519 signing key named `name` in `dir`; throws with gpg's output on failure.
TestKey make_test_key(const std::filesystem::path& dir, const std::string& name);
// `gpg <args>` with `key`'s keyring, in batch mode, without a passphrase.
CommandResult gpg(const TestKey& key, std::vector<std::string> args);
// Stops the gpg-agent the key's keyring started.
void forget_test_key(const TestKey& key);

}  // namespace rds::testing
