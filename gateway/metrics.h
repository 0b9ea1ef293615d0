// Metrics: request counts and latency histograms per route, delivery results, and gauges read
// from the stores at scrape time (ops_routes.cpp gathers them). Rendered in the Prometheus text exposition format.
// Thread safety: all methods are safe to call from many threads.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include <optional>
#include <vector>

#include "core/store/case_store.h"

namespace wardline::gateway {

// Figures read from the stores when /metrics is scraped; absent ones were not readable.
struct StoreGauges {
  std::optional<std::vector<StatusCount>> cases_by_status;
  std::optional<std::int64_t> outbox_pending;
  std::optional<std::int64_t> inbox_pending;
  std::optional<std::int64_t> inbox_failed;  // parked after the configured attempts
  bool database_up = false;
};

class Metrics {
 public:
  void ObserveRequest(const std::string& route, const std::string& method, int status,
                      double seconds);
  void CountDelivery(const std::string& channel, const std::string& result);
  void CountIngest(const std::string& channel, const std::string& result);

  // Prometheus text.
  std::string Render(const StoreGauges& gauges) const;

 private:
  static constexpr std::array<double, 12> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                    0.1,   0.25,   0.5,   1.0,  2.5,   5.0};
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;  // GUARDED_BY(mu_)
  std::map<std::pair<std::string, std::string>, Histogram> latency_;            // GUARDED_BY(mu_)
  std::map<std::pair<std::string, std::string>, std::uint64_t> deliveries_;     // GUARDED_BY(mu_)
  std::map<std::pair<std::string, std::string>, std::uint64_t> ingest_;         // GUARDED_BY(mu_)
};

}  // namespace wardline::gateway
