// Retry delays for outbound delivery: exponential backoff with full jitter, honouring a
// platform's Retry-After hint, always capped. The random source is injected so tests are
// deterministic.
//
//   common::Mt19937Random rng(seed);
//   common::BackoffPolicy policy{.base_ms = 2000, .max_ms = 600000};
//   long long wait = common::BackoffDelayMs(policy, item.attempts, rng, result.retry_after_ms);
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string_view>

#include "core/domain/clock.h"

namespace wardline::connectors::common {

// A source of uniform doubles in [0, 1). Implementations used from several threads must be
// thread-safe themselves.
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual double NextUnit() = 0;
};

// std::mt19937_64 behind a mutex. Thread-safe.
class Mt19937Random final : public RandomSource {
 public:
  explicit Mt19937Random(std::uint64_t seed) : engine_(seed) {}
  double NextUnit() override {
    std::lock_guard<std::mutex> lock(mu_);
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine_);
  }

 private:
  std::mutex mu_;
  std::mt19937_64 engine_;  // guarded by mu_
};

struct BackoffPolicy {
  long long base_ms = 2000;    // the ceiling of the first retry's delay
  long long max_ms = 600000;   // no delay (jittered or Retry-After) exceeds this
};

// Delay before retry number `attempt` (1 = the first retry after the first failure):
// uniform in [0, min(max_ms, base_ms * 2^(attempt-1))] ("full jitter"). When the platform gave
// `retry_after_ms`, the delay is at least that (still capped at max_ms). Never negative.
long long BackoffDelayMs(const BackoffPolicy& policy, int attempt, RandomSource& random,
                         std::optional<long long> retry_after_ms = std::nullopt);

// Parses an HTTP Retry-After value: delay-seconds ("120") or an HTTP date
// ("Sun, 06 Nov 1994 08:49:37 GMT", also the RFC 850 and asctime forms), relative to `now`.
// Returns milliseconds (0 for a date in the past), or nullopt when the value is unparseable.
std::optional<long long> ParseRetryAfterMs(std::string_view value, EpochMs now);

}  // namespace wardline::connectors::common
