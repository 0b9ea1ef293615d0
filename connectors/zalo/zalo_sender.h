// ZaloSender: delivers outbox items as Zalo OA "tư vấn" (customer-service) text messages.
//
//   POST {api_base}/v3.0/oa/message/cs   header access_token: <token>
//   {"recipient":{"user_id":"..."},"message":{"text":"..."}}
//
// Zalo answers errors with HTTP 200 and {"error": <negative>, "message": ...}. Outcomes:
//   error 0                          -> kDelivered (platform_message_id = data.message_id)
//   -216, -220, -124, HTTP 401       -> kTokenExpired; the token manager has already refreshed
//                                       (single-flight), so the caller may try again at once.
//                                       If the refresh itself fails -> kRetry with the reason.
//   -32, HTTP 429                    -> kRetry, retry_after_ms from Retry-After, else
//                                       options.rate_limit_retry_ms
//   -213 -217 -227 -230 -232 -244 -201 and other negative codes -> kPermanent, readable reason
//   HTTP 5xx, network errors, timeouts, unreadable 200 bodies -> kRetry
// Texts longer than 2000 characters are shortened at a word boundary with "…" (the full answer
// stays readable on /track/{code}); one outbox item is always exactly one platform message.
//
// Thread safety: Send() is safe from several threads. Dependencies must outlive the sender.
#pragma once

#include <chrono>
#include <cstddef>

#include "connectors/zalo/zalo_token_manager.h"
#include "core/domain/config.h"
#include "core/domain/delivery.h"
#include "core/domain/http_client.h"

namespace wardline::connectors::zalo {

inline constexpr std::size_t kMaxTextChars = 2000;

class ZaloSender final : public ChannelSender {
 public:
  struct Options {
    // Hint for Zalo's per-minute rate limit (-32) when no Retry-After header came.
    long long rate_limit_retry_ms = 60000;
  };

  // Timeouts come from outbox.connect_timeout_ms / total_timeout_ms.
  ZaloSender(const ZaloConfig& config, const OutboxConfig& outbox, HttpClient& http,
             ZaloTokenManager& tokens);
  ZaloSender(const ZaloConfig& config, const OutboxConfig& outbox, HttpClient& http,
             ZaloTokenManager& tokens, Options options);

  ChannelKind channel() const override { return ChannelKind::kZalo; }
  DeliveryResult Send(const OutboxItem& item, const DeliveryContext& ctx) override;

 private:
  const ZaloConfig& config_;
  const OutboxConfig& outbox_;
  HttpClient& http_;
  ZaloTokenManager& tokens_;
  const Options options_;
};

// Readable reason for a Zalo OA API error code, e.g. -230 -> "user has not interacted with the
// OA in the last 7 days". Unknown codes give "zalo error <code>".
std::string ErrorReason(int code);

}  // namespace wardline::connectors::zalo
