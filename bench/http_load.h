// A small closed-loop HTTP load generator for loopback benchmarks: `clients` threads, each with
// one keep-alive connection, send `total` requests in all and record each latency. Bounded in
// count and time; targets 127.0.0.1 only.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace wardline::bench {

struct LoadRequest {
  std::string method = "GET";
  std::string path;
  std::string body;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
};

struct LoadResult {
  std::string name;
  int ok = 0;        // 2xx answers
  int failed = 0;    // anything else, or no answer
  double seconds = 0;
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
  std::string first_failure;  // status and body (or transport error) of the first failure
  double per_second() const { return seconds > 0 ? ok / seconds : 0; }
};

// `make(i)` builds the i-th request (0 <= i < total).
LoadResult RunLoad(const std::string& name, int port, int clients, int total,
                   const std::function<LoadRequest(int)>& make, double max_seconds = 120);

void PrintHeader();
void PrintRow(const LoadResult& r);

}  // namespace wardline::bench
