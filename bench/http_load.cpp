#include "bench/http_load.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <latch>
#include <cstdio>
#include <mutex>
#include <thread>

namespace wardline::bench {

LoadResult RunLoad(const std::string& name, int port, int clients, int total,
                   const std::function<LoadRequest(int)>& make, double max_seconds) {
  std::atomic<int> next{0};
  std::atomic<int> ok{0}, failed{0};
  std::mutex mu;
  std::vector<double> latencies;
  std::string first_failure;
  latencies.reserve(static_cast<std::size_t>(total));
  // Every client connects (one untimed request) before the clock starts: the server's small
  // listen backlog would otherwise add SYN-retry seconds to the first requests.
  std::latch connected(clients + 1);
  std::chrono::steady_clock::time_point start, deadline;
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&] {
      httplib::Client cli("127.0.0.1", port);
      cli.set_keep_alive(true);
      cli.set_tcp_nodelay(true);
      cli.set_connection_timeout(5);
      cli.set_read_timeout(30);
      (void)cli.Get("/livez");
      connected.arrive_and_wait();
      std::vector<double> mine;
      for (;;) {
        int i = next++;
        if (i >= total || std::chrono::steady_clock::now() > deadline) break;
        LoadRequest r = make(i);
        httplib::Headers headers(r.headers.begin(), r.headers.end());
        auto t0 = std::chrono::steady_clock::now();
        httplib::Result res = r.method == "POST"
                                  ? cli.Post(r.path.c_str(), headers, r.body, r.content_type.c_str())
                                  : cli.Get(r.path.c_str(), headers);
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (res && res->status >= 200 && res->status < 300) {
          ++ok;
          mine.push_back(ms);
        } else {
          if (failed++ == 0) {
            std::lock_guard<std::mutex> lock(mu);
            first_failure = res ? std::to_string(res->status) + " " + res->body.substr(0, 200)
                                : "transport error " + httplib::to_string(res.error());
          }
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  start = std::chrono::steady_clock::now();
  deadline = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                         std::chrono::duration<double>(max_seconds));
  connected.arrive_and_wait();
  for (auto& t : threads) t.join();
  LoadResult out;
  out.name = name;
  out.ok = ok;
  out.failed = failed;
  out.first_failure = first_failure;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!latencies.empty()) {
    std::sort(latencies.begin(), latencies.end());
    auto pct = [&](double p) {
      return latencies[std::min(latencies.size() - 1, static_cast<std::size_t>(p * latencies.size()))];
    };
    out.p50_ms = pct(0.50);
    out.p99_ms = pct(0.99);
    out.max_ms = latencies.back();
  }
  return out;
}

void PrintHeader() {
  std::printf("%-34s %8s %7s %10s %9s %9s %9s\n", "route", "ok", "failed", "req/s", "p50 ms",
              "p99 ms", "max ms");
}

void PrintRow(const LoadResult& r) {
  std::printf("%-34s %8d %7d %10.0f %9.2f %9.2f %9.2f\n", r.name.c_str(), r.ok, r.failed,
              r.per_second(), r.p50_ms, r.p99_ms, r.max_ms);
  if (r.failed > 0) std::printf("  first failure: %s\n", r.first_failure.c_str());
  std::fflush(stdout);
}

}  // namespace wardline::bench
