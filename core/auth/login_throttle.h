// LoginThrottle: slows down and then refuses password guessing, per key (the auth service uses
// one key per username and one per client address). It never sleeps: it tells the caller how
// long to hold the answer (delay_ms) or to refuse with Retry-After.
//
// Rule: the first `free_failures` failures cost nothing; each further one doubles a delay that
// starts at `first_delay_ms` and stops at `max_delay_ms`; `lockout_failures` failures inside
// `window_ms` refuse the key until the window has passed. A success clears the key.
// Memory is bounded: at most `max_keys` keys are tracked, the stalest dropped first.
// Thread safety: safe to call from many threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/domain/clock.h"

namespace wardline::auth {

struct ThrottleLimits {
  int free_failures = 3;
  std::int64_t first_delay_ms = 250;
  std::int64_t max_delay_ms = 4'000;
  int lockout_failures = 10;
  std::int64_t window_ms = 15 * 60'000;
  std::size_t max_keys = 100'000;
};

struct ThrottleDecision {
  bool allowed = true;
  std::int64_t delay_ms = 0;    // hold the answer this long before checking the password
  std::int64_t retry_after_s = 0;  // when refused
};

class LoginThrottle {
 public:
  LoginThrottle(const Clock& clock, ThrottleLimits limits = {});

  ThrottleDecision Check(const std::string& key);
  void RecordFailure(const std::string& key);
  void RecordSuccess(const std::string& key);
  std::size_t TrackedKeys() const;

 private:
  struct Entry {
    int failures = 0;
    EpochMs first_failure = 0;
    EpochMs last_seen = 0;
  };
  void DropStalest();  // with mu_ held

  const Clock& clock_;
  ThrottleLimits limits_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace wardline::auth
