// Small HTTP helpers shared by the integration tests that talk to a running hub.
#pragma once

#include <catch2/catch.hpp>
#include <httplib.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/common/hub_process.h"

namespace wardline::testing {

// The hub's environment in tests: no access log noise.
inline std::map<std::string, std::string> HubEnv() { return {{"WARDLINE_ACCESS_LOG", "0"}}; }

inline httplib::Client Client(const HubProcess& hub) {
  httplib::Client c("127.0.0.1", hub.port());
  c.set_connection_timeout(5);
  c.set_read_timeout(10);
  return c;
}

inline httplib::Headers JsonAccept() { return {{"Accept", "application/json"}}; }

inline httplib::Headers Bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

// Files a complaint on the ward's web form and returns its tracking code.
inline std::string FileComplaint(httplib::Client& c, const std::string& ward,
                                 const httplib::Params& form) {
  auto res = c.Post(("/w/" + ward + "/feedback").c_str(), JsonAccept(), form);
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 200);
  return nlohmann::json::parse(res->body).at("tracking_code").get<std::string>();
}

// The staff API id of the case with tracking code `code` in `ward`, as `auth` lists it.
inline std::int64_t CaseIdOf(httplib::Client& c, const httplib::Headers& auth,
                             const std::string& ward, const std::string& code) {
  auto list = c.Get(("/api/v1/cases?limit=500&ward=" + ward).c_str(), auth);
  REQUIRE(list);
  INFO(list->body);
  REQUIRE(list->status == 200);
  const nlohmann::json listed = nlohmann::json::parse(list->body);
  for (const auto& cs : listed["cases"]) {
    if (cs["tracking_code"] == code) return cs["id"].get<std::int64_t>();
  }
  FAIL("case " << code << " not listed");
  return 0;
}

}  // namespace wardline::testing
