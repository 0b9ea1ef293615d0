// Outbound delivery: what a channel connector reports after trying to send one outbox item.
// The outbox worker (gateway) decides retries from this; connectors never sleep or retry.
#pragma once

#include <optional>
#include <string>

#include "core/domain/result.h"
#include "core/domain/types.h"

namespace wardline {

enum class DeliveryOutcome {
  kDelivered,     // the platform accepted the message
  kRetry,         // transient: network error, timeout, 5xx, rate limit
  kTokenExpired,  // refresh the access token, then try again at once
  kPermanent,     // refused for good: blocked, outside the window, invalid recipient
};

struct DeliveryResult {
  DeliveryOutcome outcome = DeliveryOutcome::kRetry;
  std::string platform_message_id;         // when delivered
  std::string error;                       // short, no secrets; recorded on the case
  std::optional<long long> retry_after_ms; // from Retry-After or a platform hint
};

inline DeliveryResult MakeDelivery(DeliveryOutcome outcome, std::string error,
                                   std::optional<long long> retry_after = std::nullopt) {
  DeliveryResult r;
  r.outcome = outcome;
  r.error = std::move(error);
  r.retry_after_ms = retry_after;
  return r;
}

// The call did not complete (connection refused, dropped, timed out): try again later.
inline DeliveryResult RetryAfterTransportError(const Error& e) {
  return MakeDelivery(DeliveryOutcome::kRetry, std::string(ErrorCodeName(e.code)) + ": " + e.message);
}

// Context a sender needs beyond the item itself.
struct DeliveryContext {
  EpochMs now = 0;
  EpochMs last_inbound_at = 0;  // last message from the resident (messaging windows)
};

// One per channel; registered in gateway/main.cpp. Implementations are thread-safe.
class ChannelSender {
 public:
  virtual ~ChannelSender() = default;
  virtual ChannelKind channel() const = 0;
  virtual DeliveryResult Send(const OutboxItem& item, const DeliveryContext& ctx) = 0;
};

}  // namespace wardline
