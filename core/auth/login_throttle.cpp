#include "core/auth/login_throttle.h"

#include <algorithm>
#include <vector>

namespace wardline::auth {

LoginThrottle::LoginThrottle(const Clock& clock, ThrottleLimits limits)
    : clock_(clock), limits_(limits) {}

ThrottleDecision LoginThrottle::Check(const std::string& key) {
  std::lock_guard lock(mu_);
  ThrottleDecision d;
  auto it = entries_.find(key);
  if (it == entries_.end()) return d;
  const EpochMs now = clock_.NowMs();
  Entry& e = it->second;
  if (now - e.first_failure >= limits_.window_ms) {
    entries_.erase(it);
    return d;
  }
  if (e.failures >= limits_.lockout_failures) {
    d.allowed = false;
    d.retry_after_s = std::max<std::int64_t>(1, (e.first_failure + limits_.window_ms - now + 999) / 1000);
    return d;
  }
  const int over = e.failures - limits_.free_failures;
  if (over >= 0) {
    std::int64_t delay = limits_.first_delay_ms;
    for (int i = 0; i < over && delay < limits_.max_delay_ms; ++i) delay *= 2;
    d.delay_ms = std::min(delay, limits_.max_delay_ms);
  }
  return d;
}

void LoginThrottle::RecordFailure(const std::string& key) {
  std::lock_guard lock(mu_);
  const EpochMs now = clock_.NowMs();
  auto it = entries_.find(key);
  if (it != entries_.end() && now - it->second.first_failure >= limits_.window_ms) {
    entries_.erase(it);
    it = entries_.end();
  }
  if (it == entries_.end()) {
    if (entries_.size() >= limits_.max_keys) DropStalest();
    it = entries_.emplace(key, Entry{0, now, now}).first;
  }
  it->second.failures += 1;
  it->second.last_seen = now;
}

void LoginThrottle::RecordSuccess(const std::string& key) {
  std::lock_guard lock(mu_);
  entries_.erase(key);
}

std::size_t LoginThrottle::TrackedKeys() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

void LoginThrottle::DropStalest() {
  // Only when the table is full (an attack across many keys): one linear pass finds the
  // 1/16 stalest, so the cost is amortised over the next 1/16 of inserts.
  const std::size_t drop = std::max<std::size_t>(1, entries_.size() / 16);
  std::vector<EpochMs> seen;
  seen.reserve(entries_.size());
  for (const auto& [key, e] : entries_) seen.push_back(e.last_seen);
  std::nth_element(seen.begin(), seen.begin() + (drop - 1), seen.end());
  const EpochMs cutoff = seen[drop - 1];
  std::size_t dropped = 0;
  for (auto it = entries_.begin(); it != entries_.end() && dropped < drop;) {
    if (it->second.last_seen <= cutoff) {
      it = entries_.erase(it);
      ++dropped;
    } else {
      ++it;
    }
  }
}

}  // namespace wardline::auth
