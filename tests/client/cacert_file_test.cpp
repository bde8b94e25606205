// cacert_file is read once, without blocking and within bounds, whatever the path names (a
// FIFO with no writer blocked ConfigureProvider for ever).
#include "client/cacert_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/support/test_certificate.h"

namespace rds::client {
namespace {

class CacertFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("ca-bundle-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& content) const {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }

  std::filesystem::path dir_;
};

TEST_F(CacertFileTest, AValidBundleIsReadWhole) {
  const std::string pem = std::string("# our private CA\n") + rds::testing::kTestCaCertificatePem +
                          rds::testing::kTestCaCertificatePem;
  const CacertFile bundle = load_cacert_file(write("ca.pem", pem));
  EXPECT_EQ(bundle.problem, "");
  EXPECT_EQ(bundle.pem, pem);
}

TEST_F(CacertFileTest, AFifoWithNoWriterIsRefusedWithoutWaitingForOne) {
  const auto fifo = dir_ / "ca.pem";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(load_cacert_file(fifo.string()).problem, "is a FIFO (named pipe), not a regular file");
}

TEST_F(CacertFileTest, ADirectoryIsRefused) {
  EXPECT_EQ(load_cacert_file(dir_.string()).problem, "is a directory, not a regular file");
}

TEST_F(CacertFileTest, DevZeroIsRefusedAsACharacterDevice) {
  EXPECT_EQ(load_cacert_file("/dev/zero").problem, "is a character device, not a regular file");
}

TEST_F(CacertFileTest, A200MiBFileIsRefusedWithItsSizeWithoutBeingRead) {
  const std::string path = write("huge.pem", "");
  std::filesystem::resize_file(path, 200ull * 1024 * 1024);  // sparse: costs no disk space
  EXPECT_EQ(load_cacert_file(path).problem, "is 200 MiB, over the 1 MiB limit for a CA bundle");
}

TEST_F(CacertFileTest, AFileOfExactlyTheLimitIsReadButOneByteMoreIsNot) {
  const std::string pem = rds::testing::kTestCaCertificatePem;
  const std::string at_limit = write("limit.pem", pem + std::string(kMaxCacertFileBytes - pem.size(), '\n'));
  EXPECT_EQ(load_cacert_file(at_limit).problem, "");
  const std::string over = write("over.pem", pem + std::string(kMaxCacertFileBytes - pem.size() + 1, '\n'));
  EXPECT_NE(load_cacert_file(over).problem.find("over the 1 MiB limit"), std::string::npos);
}

TEST_F(CacertFileTest, AFileWithoutACertificateIsRefused) {
  EXPECT_EQ(load_cacert_file(write("empty.pem", "")).problem,
            "holds no PEM certificate (no -----BEGIN CERTIFICATE----- line)");
  EXPECT_EQ(
      load_cacert_file(write("key.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
          .problem,
      "holds no PEM certificate (no -----BEGIN CERTIFICATE----- line)");
}

TEST_F(CacertFileTest, ACertificateBlockOpenSslCannotReadIsRefused) {
  const std::string broken = "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n";
  EXPECT_EQ(load_cacert_file(write("broken.pem", broken)).problem,
            "holds a PEM block that OpenSSL cannot read as a certificate");
  // One bad block spoils the bundle for libcurl, which reads it the same way.
  EXPECT_NE(
      load_cacert_file(write("mixed.pem", std::string(rds::testing::kTestCaCertificatePem) + broken)).problem,
      "");
}

TEST_F(CacertFileTest, AMissingFileIsRefused) {
  EXPECT_EQ(load_cacert_file((dir_ / "missing.pem").string()).problem, "does not exist");
}

}  // namespace
}  // namespace rds::client
