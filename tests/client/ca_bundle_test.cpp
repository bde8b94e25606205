// Finding the CA certificates on any distribution (client/ca_bundle.h), in a fake root folder laid out as
// each distribution lays it out.
#include "client/ca_bundle.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace rds::client {
namespace {

namespace fs = std::filesystem;

class CaBundleSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pattern = (fs::temp_directory_path() / "rds-ca-root-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
  }
  void TearDown() override { fs::remove_all(root_); }

  // Creates `path` (absolute, as on the real system) below the fake root.
  void add_file(const std::string& path) {
    fs::create_directories((root_ / fs::path(path).relative_path()).parent_path());
    std::ofstream(root_ / fs::path(path).relative_path()) << "-----BEGIN CERTIFICATE-----\n";
  }
  void add_directory(const std::string& path) {
    fs::create_directories(root_ / fs::path(path).relative_path());
  }
  std::string in_root(const std::string& path) const {
    return (root_ / fs::path(path).relative_path()).string();
  }

  CaBundle find(const std::string& cacert_file = "") const {
    CaSearchContext context{.getenv = [this](const std::string& name) -> std::optional<std::string> {
                              auto it = env_.find(name);
                              if (it == env_.end()) return std::nullopt;
                              return it->second;
                            },
                            .root = root_};
    return find_ca_bundle(cacert_file, context);
  }
  std::string error_of_find() const {
    try {
      find();
    } catch (const CaBundleNotFound& e) {
      return e.what();
    }
    ADD_FAILURE() << "a CA bundle was found in an empty root";
    return "";
  }

  fs::path root_;
  std::map<std::string, std::string> env_;
};

TEST_F(CaBundleSearch, DebianAndUbuntuUseCaCertificatesCrtAndTheirCertsFolder) {
  add_file("/etc/ssl/certs/ca-certificates.crt");
  auto bundle = find();
  EXPECT_EQ(bundle.file, in_root("/etc/ssl/certs/ca-certificates.crt"));
  EXPECT_EQ(bundle.directory, in_root("/etc/ssl/certs"));
}

TEST_F(CaBundleSearch, RhelUsesItsCaBundleCrt) {
  add_file("/etc/pki/tls/certs/ca-bundle.crt");
  auto bundle = find();
  EXPECT_EQ(bundle.file, in_root("/etc/pki/tls/certs/ca-bundle.crt"));
  EXPECT_EQ(bundle.directory, in_root("/etc/pki/tls/certs"));
}

TEST_F(CaBundleSearch, Rhel7AndLaterUseTheExtractedTrustBundle) {
  add_file("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem");
  EXPECT_EQ(find().file, in_root("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"));
}

TEST_F(CaBundleSearch, OpenSuseUsesCaBundlePem) {
  add_file("/etc/ssl/ca-bundle.pem");
  EXPECT_EQ(find().file, in_root("/etc/ssl/ca-bundle.pem"));
  EXPECT_EQ(find().directory, "");
}

TEST_F(CaBundleSearch, AlpineUsesCertPem) {
  add_file("/etc/ssl/cert.pem");
  EXPECT_EQ(find().file, in_root("/etc/ssl/cert.pem"));
}

TEST_F(CaBundleSearch, TheFirstFileOfGosOrderWinsWhenSeveralExist) {
  add_file("/etc/ssl/cert.pem");
  add_file("/etc/pki/tls/cacert.pem");
  add_file("/etc/pki/tls/certs/ca-bundle.crt");
  EXPECT_EQ(find().file, in_root("/etc/pki/tls/certs/ca-bundle.crt"));
}

TEST_F(CaBundleSearch, AFolderAloneIsEnoughAndEveryExistingFolderIsUsed) {
  add_directory("/etc/ssl/certs");
  add_directory("/etc/pki/tls/certs");
  auto bundle = find();
  EXPECT_EQ(bundle.file, "");
  EXPECT_EQ(bundle.directory, in_root("/etc/ssl/certs") + ":" + in_root("/etc/pki/tls/certs"));
}

TEST_F(CaBundleSearch, SslCertFileReplacesTheListOfFiles) {
  add_file("/etc/ssl/certs/ca-certificates.crt");
  add_file("/opt/corp/ca.pem");
  env_["SSL_CERT_FILE"] = "/opt/corp/ca.pem";
  auto bundle = find();
  EXPECT_EQ(bundle.file, in_root("/opt/corp/ca.pem"));
  EXPECT_EQ(bundle.directory, in_root("/etc/ssl/certs")) << "SSL_CERT_FILE leaves the folders alone";
}

TEST_F(CaBundleSearch, SslCertDirReplacesTheListOfFoldersAndMaySeparateSeveralWithColons) {
  add_directory("/etc/ssl/certs");
  add_directory("/opt/a");
  add_directory("/opt/b");
  env_["SSL_CERT_DIR"] = "/opt/a:/opt/missing:/opt/b";
  auto bundle = find();
  EXPECT_EQ(bundle.directory, in_root("/opt/a") + ":" + in_root("/opt/b"));
}

TEST_F(CaBundleSearch, EmptyVariablesCountAsUnset) {
  add_file("/etc/ssl/cert.pem");
  env_["SSL_CERT_FILE"] = "";
  env_["SSL_CERT_DIR"] = "";
  EXPECT_EQ(find().file, in_root("/etc/ssl/cert.pem"));
}

TEST_F(CaBundleSearch, CacertFileWinsAndNothingElseIsTrusted) {
  add_file("/etc/ssl/certs/ca-certificates.crt");
  env_["SSL_CERT_FILE"] = "/etc/ssl/certs/ca-certificates.crt";
  auto bundle = find("/home/me/private-ca.pem");
  EXPECT_EQ(bundle.file, "/home/me/private-ca.pem");
  EXPECT_EQ(bundle.directory, "");
}

TEST_F(CaBundleSearch, NothingFoundIsAnErrorNamingEveryPlaceSearched) {
  const std::string message = error_of_find();
  EXPECT_NE(message.find("cacert_file is not set"), std::string::npos) << message;
  EXPECT_NE(message.find("SSL_CERT_FILE (not set)"), std::string::npos) << message;
  EXPECT_NE(message.find("SSL_CERT_DIR (not set)"), std::string::npos) << message;
  for (const auto& place : ca_bundle_files()) EXPECT_NE(message.find(place), std::string::npos) << message;
  for (const auto& place : ca_bundle_directories())
    EXPECT_NE(message.find(place), std::string::npos) << message;
}

TEST_F(CaBundleSearch, NothingFoundNamesTheVariablesThatReplacedTheLists) {
  env_["SSL_CERT_FILE"] = "/opt/corp/ca.pem";
  env_["SSL_CERT_DIR"] = "/opt/corp/certs";
  const std::string message = error_of_find();
  EXPECT_NE(message.find("SSL_CERT_FILE=/opt/corp/ca.pem"), std::string::npos) << message;
  EXPECT_NE(message.find("SSL_CERT_DIR=/opt/corp/certs"), std::string::npos) << message;
  EXPECT_EQ(message.find("/etc/ssl/cert.pem"), std::string::npos) << "a replaced list was searched\n"
                                                                  << message;
}

TEST_F(CaBundleSearch, AFolderWhereAFileIsExpectedDoesNotCount) {
  add_directory("/etc/ssl/cert.pem");
  EXPECT_FALSE(error_of_find().empty());
}

}  // namespace
}  // namespace rds::client
