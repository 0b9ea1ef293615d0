#include "gateway/metrics.h"

#include <sstream>

namespace wardline::gateway {

void Metrics::ObserveRequest(const std::string& route, const std::string& method, int status,
                             double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{route, method, status}];
  Histogram& h = latency_[{route, method}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::CountDelivery(const std::string& channel, const std::string& result) {
  std::lock_guard<std::mutex> lock(mu_);
  ++deliveries_[{channel, result}];
}

void Metrics::CountIngest(const std::string& channel, const std::string& result) {
  std::lock_guard<std::mutex> lock(mu_);
  ++ingest_[{channel, result}];
}

std::string Metrics::Render(const StoreGauges& g) const {
  std::ostringstream out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    out << "# HELP wardline_http_requests_total HTTP requests by route, method and status.\n"
        << "# TYPE wardline_http_requests_total counter\n";
    for (const auto& [k, n] : requests_) {
      out << "wardline_http_requests_total{route=\"" << std::get<0>(k) << "\",method=\""
          << std::get<1>(k) << "\",status=\"" << std::get<2>(k) << "\"} " << n << "\n";
    }
    out << "# HELP wardline_http_request_duration_seconds HTTP request latency.\n"
        << "# TYPE wardline_http_request_duration_seconds histogram\n";
    for (const auto& [k, h] : latency_) {
      std::string labels = "route=\"" + k.first + "\",method=\"" + k.second + "\"";
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        out << "wardline_http_request_duration_seconds_bucket{" << labels << ",le=\""
            << kBuckets[i] << "\"} " << h.buckets[i] << "\n";
      }
      out << "wardline_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} "
          << h.count << "\n";
      out << "wardline_http_request_duration_seconds_sum{" << labels << "} " << h.sum << "\n";
      out << "wardline_http_request_duration_seconds_count{" << labels << "} " << h.count << "\n";
    }
    out << "# HELP wardline_deliveries_total Outbound deliveries by channel and result.\n"
        << "# TYPE wardline_deliveries_total counter\n";
    for (const auto& [k, n] : deliveries_) {
      out << "wardline_deliveries_total{channel=\"" << k.first << "\",result=\"" << k.second
          << "\"} " << n << "\n";
    }
    out << "# HELP wardline_webhook_events_total Inbound webhook bodies by channel and result.\n"
        << "# TYPE wardline_webhook_events_total counter\n";
    for (const auto& [k, n] : ingest_) {
      out << "wardline_webhook_events_total{channel=\"" << k.first << "\",result=\"" << k.second
          << "\"} " << n << "\n";
    }
  }
  out << "# HELP wardline_cases Cases by status.\n# TYPE wardline_cases gauge\n";
  if (g.cases_by_status) {
    for (const auto& c : *g.cases_by_status) {
      out << "wardline_cases{status=\"" << c.status << "\"} " << c.count << "\n";
    }
  }
  out << "# HELP wardline_outbox_pending Outgoing messages waiting for delivery.\n"
      << "# TYPE wardline_outbox_pending gauge\n";
  if (g.outbox_pending) out << "wardline_outbox_pending " << *g.outbox_pending << "\n";
  out << "# HELP wardline_inbox_pending Stored webhook events not yet processed.\n"
      << "# TYPE wardline_inbox_pending gauge\n";
  if (g.inbox_pending) out << "wardline_inbox_pending " << *g.inbox_pending << "\n";
  out << "# HELP wardline_inbox_failed Webhook events parked after failing every attempt.\n"
      << "# TYPE wardline_inbox_failed gauge\n";
  if (g.inbox_failed) out << "wardline_inbox_failed " << *g.inbox_failed << "\n";
  out << "# HELP wardline_database_up Whether the database answers.\n"
      << "# TYPE wardline_database_up gauge\n"
      << "wardline_database_up " << (g.database_up ? 1 : 0) << "\n";
  return out.str();
}

}  // namespace wardline::gateway
