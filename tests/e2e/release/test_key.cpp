#include "tests/e2e/release/test_key.h"

#include <regex>
#include <stdexcept>

#include "tests/e2e/release/release_fixture.h"

namespace rds::testing {

namespace fs = std::filesystem;

CommandResult gpg(const TestKey& key, std::vector<std::string> args) {
  std::vector<std::string> argv{
      "gpg", "--homedir", key.home.string(), "--batch", "--pinentry-mode", "loopback", "--passphrase", ""};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv);
}

TestKey make_test_key(const fs::path& dir, const std::string& name) {
  TestKey key{.home = dir / name,
              .id = {},
              .secret_file = dir / (name + "-secret.asc"),
              .public_file = dir / (name + "-public.asc")};
  fs::create_directories(key.home);
  fs::permissions(key.home, fs::perms::owner_all);
  auto made =
      gpg(key, {"--quick-gen-key", name + " <release-test@example.invalid>", "ed25519", "sign", "never"});
  if (!made.succeeded()) throw std::runtime_error("gpg --quick-gen-key failed\n" + made.describe());
  std::smatch id;
  const std::string listing = gpg(key, {"--with-colons", "--list-secret-keys"}).out;
  if (!std::regex_search(listing, id, std::regex("(^|\n)sec:[^:]*:[^:]*:[^:]*:([0-9A-F]{16}):")))
    throw std::runtime_error("no key id in\n" + listing);
  key.id = id[2];
  write_binary(key.secret_file, gpg(key, {"--armor", "--export-secret-keys", key.id}).out);
  write_binary(key.public_file, gpg(key, {"--armor", "--export", key.id}).out);
  return key;
}

void forget_test_key(const TestKey& key) {
  run({"gpgconf", "--homedir", key.home.string(), "--kill", "gpg-agent"});
}

}  // namespace rds::testing
