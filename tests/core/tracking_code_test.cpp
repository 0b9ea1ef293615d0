#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "core/domain/tracking_code.h"

using namespace wardline;

TEST_CASE("tracking codes have the readable shape", "[tracking_code]") {
  auto random = SystemRandomBytes();
  std::regex shape("PA-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}");
  for (int i = 0; i < 200; ++i) {
    std::string code = NewTrackingCode(random);
    CHECK(std::regex_match(code, shape));
  }
}

TEST_CASE("tracking codes do not repeat and are not sequential", "[tracking_code]") {
  auto random = SystemRandomBytes();
  std::set<std::string> seen;
  for (int i = 0; i < 5000; ++i) seen.insert(NewTrackingCode(random));
  CHECK(seen.size() == 5000);
}

TEST_CASE("a deterministic source gives a deterministic code", "[tracking_code]") {
  RandomBytes zeros = [](unsigned char* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<unsigned char>(i * 7);
  };
  CHECK(NewTrackingCode(zeros) == NewTrackingCode(zeros));
}

TEST_CASE("what residents type is normalised", "[tracking_code]") {
  CHECK(NormalizeTrackingCode("pa-ab3d-7kmn") == std::optional<std::string>("PA-AB3D-7KMN"));
  CHECK(NormalizeTrackingCode("AB3D 7KMN") == std::optional<std::string>("PA-AB3D-7KMN"));
  CHECK_FALSE(NormalizeTrackingCode("PA-AB3D-7KM").has_value());
  CHECK_FALSE(NormalizeTrackingCode("PA-AB0D-7KMN").has_value());  // 0 is not in the alphabet
  CHECK_FALSE(NormalizeTrackingCode("'; DROP TABLE cases; --").has_value());
}
