// Small HTTP helpers shared by the integration tests that talk to a running hub.
#pragma once

#include <catch2/catch.hpp>
#include <httplib.h>

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

}  // namespace wardline::testing
