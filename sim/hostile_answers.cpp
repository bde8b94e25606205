#include "sim/hostile_answers.h"

#include <charconv>
#include <string>

#include "sim/http_util.h"
#include "sim/rds_routes.h"

namespace rds::sim {

namespace {

// Pieces of a streamed body; whitespace after a JSON value is still valid JSON.
constexpr std::size_t kChunkBytes = 64 * 1024;
constexpr std::string_view kSmallList = R"({"instances":[],"total_count":0})";
const std::string& blank_chunk() {
  static const std::string chunk(kChunkBytes, ' ');
  return chunk;
}

std::size_t offset_of(const httplib::Request& req) {
  std::size_t offset = 0;
  if (req.has_param("offset")) {
    const std::string text = req.get_param_value("offset");
    std::from_chars(text.data(), text.data() + text.size(), offset);
  }
  return offset;
}

// A full page of instances no page ever showed before: ids from the offset on, so the list never ends.
nlohmann::json endless_page(std::size_t offset) {
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = 0; i < 100; ++i) {
    Instance fake;
    fake.id = "endless-" + std::to_string(offset + i);
    fake.name = fake.id;
    fake.status = "ACTIVE";
    fake.engine = "MySQL";
    list.push_back(rds_instance_json(fake));
  }
  return {{"instances", list}};
}

}  // namespace

void send_hostile_body(const Fault& fault, httplib::Response& res) {
  res.status = 200;
  switch (fault.kind) {
    case FaultKind::huge_body: {
      // A valid list, padded with blanks to size_mb MiB and announced in Content-Length.
      const std::size_t size = static_cast<std::size_t>(fault.size_mb) << 20;
      res.set_content_provider(
          size, "application/json", [size](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
            if (offset < kSmallList.size()) {
              return sink.write(kSmallList.data() + offset, std::min(length, kSmallList.size() - offset));
            }
            const std::size_t left = std::min({length, kChunkBytes, size - offset});
            return sink.write(blank_chunk().data(), left);
          });
      return;
    }
    case FaultKind::endless_body:
      // Chunked, so no length warns the client; it ends only when the client hangs up.
      res.set_chunked_content_provider("application/json", [](std::size_t offset, httplib::DataSink& sink) {
        if (offset == 0) return sink.write("{\"instances\":[", 14);
        return sink.write(blank_chunk().data(), blank_chunk().size());
      });
      return;
    case FaultKind::deep_json: {
      const auto depth = static_cast<std::size_t>(fault.depth);
      res.set_content("{\"instances\":" + std::string(depth, '[') + std::string(depth, ']') + "}",
                      "application/json");
      return;
    }
    default:
      return;
  }
}

void make_page_lie(PagingLie lie, SimContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (res.status != 200) return;
  auto body = parse_json_body(res.body);
  if (!body || !body->is_object() || !body->contains("instances") || !(*body)["instances"].is_array()) return;
  auto& page = (*body)["instances"];
  const std::size_t offset = offset_of(req);
  switch (lie) {
    case PagingLie::low_total:
      if (body->contains("total_count")) (*body)["total_count"] = (*body)["total_count"].get<int64_t>() / 2;
      break;
    case PagingLie::overlap: {
      const auto all = ctx.state.instances();
      if (offset > 0 && offset <= all.size() && !page.empty()) page[0] = rds_instance_json(all[offset - 1]);
      break;
    }
    case PagingLie::empty_id:
      if (!page.empty()) page[0]["id"] = "";
      break;
    case PagingLie::duplicate_id:
      if (page.size() >= 2) page[1]["id"] = page[0]["id"];
      break;
    case PagingLie::endless:
      *body = endless_page(offset);
      break;
  }
  send_json(res, 200, *body);
}

}  // namespace rds::sim
