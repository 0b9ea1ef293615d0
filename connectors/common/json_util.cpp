#include "connectors/common/json_util.h"

#include <cstdint>

#include "connectors/common/text.h"

namespace wardline::connectors::common {

using nlohmann::json;

Result<json> ParseUntrustedJson(std::string_view raw) {
  if (raw.empty()) return InvalidArgument("empty body: expected a JSON object");
  if (auto bad = FindInvalidUtf8(raw)) {
    return InvalidArgument("invalid UTF-8 at byte " + std::to_string(*bad));
  }
  if (JsonNestingDepth(raw) > kMaxJsonDepth) {
    return InvalidArgument("JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  try {
    json j = json::parse(raw.begin(), raw.end());
    if (!j.is_object()) return InvalidArgument("expected a JSON object at the top level");
    return j;
  } catch (const json::parse_error& e) {
    // e.byte is the 1-based position where parsing stopped.
    std::string reason = e.byte >= raw.size() ? "truncated JSON" : "malformed JSON";
    return InvalidArgument(reason + " at byte " + std::to_string(e.byte));
  } catch (const json::exception& e) {
    return InvalidArgument(std::string("malformed JSON: ") + e.what());
  }
}

std::string IdField(const json& j, std::string_view key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_unsigned()) return std::to_string(it->get<std::uint64_t>());
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  return {};  // floats lost precision already: not a usable id
}

std::string StringField(const json& j, std::string_view key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

const json* ObjectField(const json& j, std::string_view key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return nullptr;
  return &*it;
}

const json* ArrayField(const json& j, std::string_view key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return nullptr;
  return &*it;
}

std::optional<double> NumberLike(const json* j) {
  if (j == nullptr) return std::nullopt;
  double v = 0;
  if (j->is_number()) {
    v = j->get<double>();
  } else if (j->is_string()) {
    const std::string& s = j->get_ref<const std::string&>();
    std::string_view sv(s);
    while (!sv.empty() && sv.front() == ' ') sv.remove_prefix(1);
    while (!sv.empty() && sv.back() == ' ') sv.remove_suffix(1);
    if (!sv.empty() && sv.front() == '+') sv.remove_prefix(1);
    auto [ptr, ec] = std::from_chars(sv.data(), sv.data() + sv.size(), v);
    if (sv.empty() || ec != std::errc() || ptr != sv.data() + sv.size()) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<EpochMs> EpochField(const json& j, std::string_view key, bool seconds) {
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end()) return std::nullopt;
  std::int64_t v = 0;
  if (it->is_number_unsigned()) {
    const auto u = it->get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    v = static_cast<std::int64_t>(u);
  } else if (it->is_number_integer()) {
    v = it->get<std::int64_t>();
  } else if (it->is_string()) {
    const std::string& s = it->get_ref<const std::string&>();
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (v < 0) return std::nullopt;
  if (seconds) {
    if (v > INT64_MAX / 1000) return std::nullopt;
    v *= 1000;
  }
  return v;
}

std::optional<GeoPoint> ParseCoordinates(const json* obj) {
  if (obj == nullptr || !obj->is_object()) return std::nullopt;
  auto member = [&](std::initializer_list<std::string_view> names) -> const json* {
    for (auto name : names) {
      auto it = obj->find(name);
      if (it != obj->end()) return &*it;
    }
    return nullptr;
  };
  auto lat = NumberLike(member({"latitude", "lat"}));
  auto lon = NumberLike(member({"longitude", "long", "lng", "lon"}));
  if (!lat || !lon) return std::nullopt;
  if (*lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) return std::nullopt;
  return GeoPoint{*lat, *lon};
}

}  // namespace wardline::connectors::common
