#include "connectors/common/backoff.h"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <string>

namespace wardline::connectors::common {

long long BackoffDelayMs(const BackoffPolicy& policy, int attempt, RandomSource& random,
                         std::optional<long long> retry_after_ms) {
  const long long cap = std::max<long long>(0, policy.max_ms);
  const long long base = std::max<long long>(1, policy.base_ms);
  const int shift = std::clamp(attempt - 1, 0, 40);  // 2^40 * base overflows nothing
  long long ceiling = base;
  for (int i = 0; i < shift && ceiling < cap; ++i) ceiling *= 2;
  ceiling = std::min(ceiling, cap);
  double u = random.NextUnit();
  u = std::clamp(u, 0.0, 1.0);
  long long delay = static_cast<long long>(u * static_cast<double>(ceiling));
  if (retry_after_ms && *retry_after_ms > delay) delay = *retry_after_ms;
  return std::clamp<long long>(delay, 0, cap);
}

std::optional<long long> ParseRetryAfterMs(std::string_view value, EpochMs now) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (value.front() >= '0' && value.front() <= '9') {
    long long seconds = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec != std::errc() || ptr != value.data() + value.size()) return std::nullopt;
    if (seconds > 365LL * 24 * 3600) seconds = 365LL * 24 * 3600;
    return seconds * 1000;
  }
  // HTTP dates are always GMT (RFC 9110 5.6.7).
  const std::string s(value);
  static constexpr const char* kFormats[] = {
      "%a, %d %b %Y %H:%M:%S GMT",  // IMF-fixdate
      "%A, %d-%b-%y %H:%M:%S GMT",  // RFC 850
      "%a %b %d %H:%M:%S %Y",       // asctime
  };
  for (const char* format : kFormats) {
    std::tm tm{};
    const char* end = strptime(s.c_str(), format, &tm);
    if (end == nullptr || *end != '\0') continue;
    const std::time_t t = timegm(&tm);
    if (t == static_cast<std::time_t>(-1)) continue;
    const long long ms = static_cast<long long>(t) * 1000 - now;
    return std::max<long long>(0, ms);
  }
  return std::nullopt;
}

}  // namespace wardline::connectors::common
