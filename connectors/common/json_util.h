// Internal helpers for reading untrusted platform JSON with nlohmann::json. Not part of the
// connectors' public API: nlohmann types never leave connectors/*.cpp.
#pragma once

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/domain/result.h"
#include "core/domain/types.h"

namespace wardline::connectors::common {

inline constexpr std::size_t kMaxJsonDepth = 64;

// Parses an untrusted webhook body. kInvalidArgument with a readable reason for invalid UTF-8
// (with the byte offset), too-deep nesting, or malformed/truncated JSON.
Result<nlohmann::json> ParseUntrustedJson(std::string_view raw);

// The member `key` of object `j` as a string. Strings are returned as is; integers (platforms
// sometimes send ids as numbers) are printed exactly. Anything else or missing gives "".
std::string IdField(const nlohmann::json& j, std::string_view key);

// The member `key` of object `j` if it is a string, else "".
std::string StringField(const nlohmann::json& j, std::string_view key);

// The member `key` of object `j` if it is an object, else nullptr.
const nlohmann::json* ObjectField(const nlohmann::json& j, std::string_view key);

// The member `key` of object `j` if it is an array, else nullptr.
const nlohmann::json* ArrayField(const nlohmann::json& j, std::string_view key);

// A number given as a JSON number or as a numeric string ("21.0278"); nullopt otherwise,
// including NaN and infinities.
std::optional<double> NumberLike(const nlohmann::json* j);

// Epoch milliseconds from a string or number. `seconds` = the value is in seconds.
std::optional<EpochMs> EpochField(const nlohmann::json& j, std::string_view key, bool seconds);

// A location from an object holding lat/long, lat/lng or latitude/longitude (strings or
// numbers); nullopt when absent, unparseable or out of range.
std::optional<GeoPoint> ParseCoordinates(const nlohmann::json* obj);

}  // namespace wardline::connectors::common
