// FacebookSender: delivers outbox items through the Graph API.
//
// Direct messages: POST {graph_base}/{graph_version}/me/messages?access_token=<page token>
//   {"recipient":{"id":PSID},"messaging_type":"RESPONSE","message":{"text":...}}
//   Window, from ctx.last_inbound_at (the resident's last message) and ctx.now:
//     <= standard_window_hours      -> messaging_type RESPONSE
//     <= human_agent_window_days    -> messaging_type MESSAGE_TAG, tag HUMAN_AGENT (only for
//                                      human replies: purpose "reply" or "", see Options)
//     beyond, or no inbound known   -> kPermanent "outside the messaging window", no API call
// Comment replies (item.reply_ref = comment id): POST {graph_base}/{ver}/{comment_id}/comments
//   {"message": ...}; no messaging window applies.
// The page token only travels in the URL; HttpRequest::log_url carries the URL without it.
//
// Error classification from the Graph envelope {"error":{"code","error_subcode","message"}}:
//   190                              -> kPermanent "page token invalid" (page tokens cannot be
//                                       refreshed here; an admin must replace it)
//   4, 17, 32, 613, 80006, HTTP 429  -> kRetry, retry_after_ms from Retry-After or
//                                       X-Business-Use-Case-Usage estimated_time_to_regain_access
//   1, 2, is_transient, HTTP 5xx, network errors, timeouts -> kRetry
//   551 / 10 / 2018278 / 100+2018001 / other 4xx -> kPermanent with a readable reason
// Texts longer than 2000 characters are shortened at a word boundary with "…".
//
// Thread safety: Send() is safe from several threads. Dependencies must outlive the sender.
#pragma once

#include <cstddef>
#include <string>

#include "core/domain/config.h"
#include "core/domain/delivery.h"
#include "core/domain/http_client.h"

namespace wardline::connectors::facebook {

inline constexpr std::size_t kMaxTextChars = 2000;

class FacebookSender final : public ChannelSender {
 public:
  struct Options {
    // Meta allows HUMAN_AGENT for human answers only: automated acknowledgements and rating
    // requests beyond the standard window are not sent when this is true.
    bool human_agent_only_for_replies = true;
  };

  FacebookSender(const FacebookConfig& config, const OutboxConfig& outbox, HttpClient& http);
  FacebookSender(const FacebookConfig& config, const OutboxConfig& outbox, HttpClient& http,
                 Options options);

  ChannelKind channel() const override { return ChannelKind::kFacebook; }
  DeliveryResult Send(const OutboxItem& item, const DeliveryContext& ctx) override;

 private:
  const FacebookConfig& config_;
  const OutboxConfig& outbox_;
  HttpClient& http_;
  const Options options_;
};

// The reason recorded for an outside-window refusal (also used for Graph code 10/2018278).
inline constexpr const char* kOutsideWindow = "outside the messaging window";

}  // namespace wardline::connectors::facebook
