#include <catch2/catch.hpp>

#include "gateway/metrics.h"

using namespace wardline;
using namespace wardline::gateway;

TEST_CASE("metrics render in Prometheus text format", "[metrics]") {
  Metrics m;
  m.ObserveRequest("/healthz", "GET", 200, 0.0004);
  m.ObserveRequest("/healthz", "GET", 200, 0.02);
  m.CountDelivery("zalo", "delivered");
  StoreGauges g;
  g.cases_by_status = std::vector<StatusCount>{{"routed", 3}, {"resolved", 1}};
  g.outbox_pending = 2;
  g.inbox_pending = 0;
  g.inbox_failed = 4;
  g.database_up = true;
  std::string text = m.Render(g);
  CHECK(text.find("wardline_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 2") != std::string::npos);
  CHECK(text.find("wardline_http_request_duration_seconds_bucket{route=\"/healthz\",method=\"GET\",le=\"0.001\"} 1") != std::string::npos);
  CHECK(text.find("wardline_http_request_duration_seconds_count{route=\"/healthz\",method=\"GET\"} 2") != std::string::npos);
  CHECK(text.find("wardline_deliveries_total{channel=\"zalo\",result=\"delivered\"} 1") != std::string::npos);
  CHECK(text.find("wardline_cases{status=\"routed\"} 3") != std::string::npos);
  CHECK(text.find("wardline_outbox_pending 2") != std::string::npos);
  CHECK(text.find("wardline_inbox_failed 4") != std::string::npos);
  CHECK(text.find("wardline_database_up 1") != std::string::npos);
  CHECK(text.find("# TYPE wardline_http_request_duration_seconds histogram") != std::string::npos);
}

TEST_CASE("gauges that could not be read are left out, the database shown down", "[metrics]") {
  Metrics m;
  std::string text = m.Render(StoreGauges{});
  CHECK(text.find("\nwardline_outbox_pending ") == std::string::npos);  // HELP/TYPE only
  CHECK(text.find("wardline_database_up 0") != std::string::npos);
}
