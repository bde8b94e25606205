#include "sim/ca_bundle_store.h"

#include <optional>
#include <stdexcept>

#include "sim/http_util.h"
#include "sim/tls.h"
#include "sim/zip_writer.h"

namespace rds::sim {

namespace {

// Large enough for the hostile cases (a 2 MB download, a bomb), small enough that a typo cannot exhaust
// memory.
constexpr double kMaxFileBytes = 64.0 * 1024 * 1024;

std::string new_ca(double valid_days) {
  return self_signed_ca_pem("rds-sim instance CA", static_cast<long>(valid_days * 24 * 3600));
}

std::vector<ZipFile> files_from_json(const nlohmann::json& list) {
  if (!list.is_array()) throw std::invalid_argument("files must be a list");
  std::vector<ZipFile> files;
  for (const auto& item : list) {
    if (!item.is_object()) throw std::invalid_argument("each file must be an object");
    reject_unknown_fields(item, {"name", "content", "repeat", "stored"});
    if (!item.contains("name") || !item["name"].is_string())
      throw std::invalid_argument("each file needs a string name");
    const std::string content = item.value("content", std::string());
    const double repeat = item.value("repeat", 1.0);
    if (repeat < 0 || repeat * static_cast<double>(content.size()) > kMaxFileBytes)
      throw std::invalid_argument("repeat must be non-negative, and a file at most 64 MiB");
    std::string whole;
    for (long i = 0; i < static_cast<long>(repeat); ++i) whole += content;
    files.push_back(item.value("stored", false) ? stored_file(item["name"], std::move(whole))
                                                : deflated_file(item["name"], std::move(whole)));
  }
  return files;
}

}  // namespace

std::string bundle_zip(const std::string& pem) {
  return write_zip(
      {deflated_file("ca-bundle.pem", pem),
       deflated_file("README.txt",
                     "rds-sim instance CA bundle.\n\nConfigure your MySQL client to trust "
                     "ca-bundle.pem, e.g. mysql --ssl-ca=ca-bundle.pem --ssl-mode=VERIFY_CA.\n")});
}

CaBundleStore::CaBundleStore() : pem_(new_ca(kDefaultCaValidDays)), zip_(bundle_zip(pem_)) {}

std::string CaBundleStore::pem() const {
  std::lock_guard lock(mutex_);
  return pem_;
}

std::string CaBundleStore::zip() const {
  std::lock_guard lock(mutex_);
  return zip_;
}

std::string CaBundleStore::link_base() const {
  std::lock_guard lock(mutex_);
  return link_base_;
}

nlohmann::json CaBundleStore::apply(const nlohmann::json& body) {
  reject_unknown_fields(body, {"valid_days", "files", "link_base"});
  std::optional<double> valid_days;
  if (body.contains("valid_days")) {
    if (!body["valid_days"].is_number() || body["valid_days"].get<double>() <= 0 ||
        body["valid_days"].get<double>() > 36500)
      throw std::invalid_argument("valid_days must be a number of days above 0, at most 36500");
    valid_days = body["valid_days"].get<double>();
  }
  std::optional<std::string> custom_zip;
  if (body.contains("files")) custom_zip = write_zip(files_from_json(body["files"]));
  if (body.contains("link_base") && !body["link_base"].is_string())
    throw std::invalid_argument("link_base must be a string");
  std::optional<std::string> fresh_pem;
  if (valid_days) fresh_pem = new_ca(*valid_days);  // outside the lock: key generation takes a while

  std::lock_guard lock(mutex_);
  if (fresh_pem) {
    valid_days_ = *valid_days;
    pem_ = std::move(*fresh_pem);
    zip_ = bundle_zip(pem_);
    custom_zip_ = false;
  }
  if (custom_zip) {
    zip_ = std::move(*custom_zip);
    custom_zip_ = true;
  }
  if (body.contains("link_base")) link_base_ = body["link_base"].get<std::string>();
  return state_json();
}

nlohmann::json CaBundleStore::to_json() const {
  std::lock_guard lock(mutex_);
  return state_json();
}

nlohmann::json CaBundleStore::state_json() const {
  return {{"pem", pem_},
          {"valid_days", valid_days_},
          {"zip_bytes", zip_.size()},
          {"custom_zip", custom_zip_},
          {"link_base", link_base_}};
}

}  // namespace rds::sim
