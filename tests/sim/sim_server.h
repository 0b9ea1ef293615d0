// Shared plumbing for the platform simulators: a cpp-httplib server on 127.0.0.1 running on
// its own thread, and the fault-injection switches every simulated endpoint honours.
// Test-only code: httplib types are fine here and never reach connectors/.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <httplib.h>

namespace wardline::sim {

// Milliseconds since the Unix epoch (the simulators use real wall time, like the platforms).
std::int64_t NowMs();

// Random lower-case hex string of `n` characters (message ids, tokens).
std::string RandomHex(std::size_t n);

// Number of UTF-8 code points in `s`.
std::size_t CodePoints(const std::string& s);

// Fault-injection switches. Each "next N" counter is consumed by one request at a time.
// Thread-safe.
class Faults {
 public:
  void SetDelayMs(int ms) { delay_ms_ = ms; }
  void FailNext5xx(int n, int status = 503) { fail_5xx_ = n; fail_status_ = status; }
  void RateLimitNext(int n) { rate_limit_ = n; }
  void DropNext(int n) { drop_ = n; }
  void Reset();

  // Sleeps for the delay (interruptibly), then answers a dropped connection or a 5xx when
  // those switches are armed. Returns true when it produced the response itself.
  bool Apply(httplib::Response& res);
  // Consumes one "rate-limited" call; true when this call must be rate-limited.
  bool TakeRateLimit() { return Take(rate_limit_); }
  // Wakes every sleeping handler (called on shutdown).
  void Interrupt();

  int delay_ms() const { return delay_ms_; }

 private:
  static bool Take(std::atomic<int>& counter);

  std::atomic<int> delay_ms_{0};
  std::atomic<int> fail_5xx_{0};
  std::atomic<int> fail_status_{503};
  std::atomic<int> rate_limit_{0};
  std::atomic<int> drop_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  bool interrupted_ = false;  // guarded by mu_
};

// One HTTP server on 127.0.0.1. Register routes on server() before Start().
class SimServer {
 public:
  SimServer();
  ~SimServer();
  SimServer(const SimServer&) = delete;
  SimServer& operator=(const SimServer&) = delete;

  httplib::Server& server() { return *server_; }
  // Binds 127.0.0.1:`port` (0 = a free port) and serves on a background thread.
  // Returns the bound port, or -1 when binding failed.
  int Start(int port = 0);
  void Stop();
  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = -1;
};

// Splits "http://host:port/path" into ("http://host:port", "/path").
std::pair<std::string, std::string> SplitUrl(const std::string& url);

}  // namespace wardline::sim
