#pragma once
// The CA bundle rds-sim serves at every MySQL instance's certificate link: a CA made when the sim starts
// (sim/tls.h), zipped like the cloud's Certificate_Download.zip (ca-bundle.pem and a README.txt).
// Tests change it through POST /_admin/ca-bundle: a CA that expires soon, hostile zips, links to a host
// that does not answer. Thread-safe.
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

namespace rds::sim {

inline constexpr double kDefaultCaValidDays = 365;

class CaBundleStore {
 public:
  CaBundleStore();

  std::string pem() const;        // the CA's PEM (also when a test's zip is served instead)
  std::string zip() const;        // what the download answers
  std::string link_base() const;  // where links point; empty: the sim itself

  // POST /_admin/ca-bundle, all optional: {"valid_days": 20} makes a fresh CA valid that long and serves
  // it again; {"files": [{"name": "README.txt", "content": "x", "repeat": 1000, "stored": true}]} serves a
  // zip of these files instead; {"link_base": "http://host:port"} makes links point there ("" for the
  // sim). Answers the state as GET /_admin/ca-bundle does. Throws std::invalid_argument.
  nlohmann::json apply(const nlohmann::json& body);
  nlohmann::json to_json() const;

 private:
  nlohmann::json state_json() const;  // under mutex_

  mutable std::mutex mutex_;
  std::string pem_;
  std::string zip_;
  std::string link_base_;
  double valid_days_ = kDefaultCaValidDays;
  bool custom_zip_ = false;
};

// The zip the cloud serves for `pem`: ca-bundle.pem and a README.txt.
std::string bundle_zip(const std::string& pem);

}  // namespace rds::sim
