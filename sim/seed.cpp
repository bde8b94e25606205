#include "sim/seed.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace rds::sim {

namespace {

std::string string_field(const nlohmann::json& j, const char* name, const std::string& fallback) {
  if (!j.contains(name) || j[name].is_null()) return fallback;
  if (!j[name].is_string()) throw std::invalid_argument(std::string(name) + " must be a string");
  return j[name].get<std::string>();
}

std::vector<std::string> string_list(const nlohmann::json& j, const char* name) {
  const auto& list = j[name];
  const auto wrong = [&] { return std::invalid_argument(std::string(name) + " must be a list of strings"); };
  if (!list.is_array()) throw wrong();
  std::vector<std::string> out;
  for (const auto& item : list) {
    if (!item.is_string()) throw wrong();
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace

InstanceSpec instance_spec_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw std::invalid_argument("an instance must be a JSON object");
  InstanceSpec spec;
  spec.id = string_field(j, "id", spec.id);
  spec.name = string_field(j, "name", spec.name);
  if (j.contains("datastore")) {
    if (!j["datastore"].is_object())
      throw std::invalid_argument("datastore must be an object {\"type\",\"version\"}");
    spec.engine = string_field(j["datastore"], "type", spec.engine);
    spec.engine_version = string_field(j["datastore"], "version", spec.engine_version);
  }
  spec.engine = string_field(j, "engine", spec.engine);
  spec.engine_version = string_field(j, "engine_version", spec.engine_version);
  spec.status = string_field(j, "status", spec.status);
  spec.type = string_field(j, "type", spec.type);
  if (j.contains("enable_ssl")) {
    if (j["enable_ssl"].is_null()) {
      spec.enable_ssl.reset();  // the field is then absent, like on old API versions
    } else if (j["enable_ssl"].is_boolean()) {
      spec.enable_ssl = j["enable_ssl"].get<bool>();
    } else {
      throw std::invalid_argument("enable_ssl must be a boolean or null");
    }
  }
  if (j.contains("port")) {
    if (!j["port"].is_number_integer()) throw std::invalid_argument("port must be an integer");
    spec.port = j["port"].get<int>();
  }
  if (j.contains("private_ips") && !j["private_ips"].is_null())
    spec.private_ips = string_list(j, "private_ips");
  if (j.contains("public_ips") && !j["public_ips"].is_null()) spec.public_ips = string_list(j, "public_ips");
  return spec;
}

InstanceSpec instance_spec_from_flag(const std::string& flag) {
  std::vector<std::string> parts;
  std::stringstream ss(flag);
  std::string part;
  while (std::getline(ss, part, ':')) parts.push_back(part);
  if (parts.empty() || parts.size() > 3 || parts[0].empty()) {
    throw std::invalid_argument("--instance " + flag + ": expected ID[:ENGINE[:on|off]]");
  }
  InstanceSpec spec;
  spec.id = parts[0];
  if (parts.size() >= 2 && !parts[1].empty()) spec.engine = parts[1];
  if (parts.size() == 3) {
    if (parts[2] == "on") {
      spec.enable_ssl = true;
    } else if (parts[2] == "off") {
      spec.enable_ssl = false;
    } else {
      throw std::invalid_argument("--instance " + flag + ": the SSL part must be on or off");
    }
  }
  return spec;
}

std::vector<InstanceSpec> load_seed_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("seed file " + path + ": cannot be opened");
  auto j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) throw std::runtime_error("seed file " + path + ": not valid JSON");
  if (!j.is_object() || !j.contains("instances") || !j["instances"].is_array()) {
    throw std::runtime_error("seed file " + path + ": expected {\"instances\": [ ... ]}");
  }
  std::vector<InstanceSpec> specs;
  for (std::size_t i = 0; i < j["instances"].size(); ++i) {
    try {
      specs.push_back(instance_spec_from_json(j["instances"][i]));
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error("seed file " + path + ": instances[" + std::to_string(i) + "]: " + e.what());
    }
  }
  return specs;
}

}  // namespace rds::sim
