#include "connectors/facebook/facebook_sender.h"

#include <algorithm>

#include "connectors/common/backoff.h"
#include "connectors/common/json_util.h"
#include "connectors/common/text.h"

namespace wardline::connectors::facebook {
namespace {

using nlohmann::json;
namespace c = ::wardline::connectors::common;

// Largest estimated_time_to_regain_access (minutes) in X-Business-Use-Case-Usage:
// {"<business id>":[{"type":"messenger","call_count":..,"estimated_time_to_regain_access":5}]}
std::optional<long long> UsageHintMs(const HttpResponse& response) {
  const std::string header = response.Header("x-business-use-case-usage");
  if (header.empty()) return std::nullopt;
  auto parsed = c::ParseUntrustedJson(header);
  if (!parsed.ok()) return std::nullopt;
  long long minutes = 0;
  for (const auto& [id, list] : parsed->items()) {
    if (!list.is_array()) continue;
    for (const json& usage : list) {
      if (!usage.is_object()) continue;
      auto it = usage.find("estimated_time_to_regain_access");
      if (it != usage.end() && it->is_number()) minutes = std::max(minutes, it->get<long long>());
    }
  }
  if (minutes <= 0) return std::nullopt;
  return minutes * 60 * 1000;
}

DeliveryResult Classify(const HttpResponse& response, EpochMs now) {
  const int status = response.status;
  std::optional<long long> hint = c::ParseRetryAfterMs(response.Header("retry-after"), now);
  if (!hint) hint = UsageHintMs(response);

  auto parsed = c::ParseUntrustedJson(response.body);
  const json* error = parsed.ok() ? c::ObjectField(*parsed, "error") : nullptr;
  if (error == nullptr) {
    if (status == 429) return MakeDelivery(DeliveryOutcome::kRetry, "graph HTTP 429", hint);
    if (status >= 500)
      return MakeDelivery(DeliveryOutcome::kRetry, "graph HTTP " + std::to_string(status), hint);
    return MakeDelivery(DeliveryOutcome::kPermanent, "graph HTTP " + std::to_string(status));
  }
  const json* code_j = nullptr;
  const json* sub_j = nullptr;
  if (auto it = error->find("code"); it != error->end()) code_j = &*it;
  if (auto it = error->find("error_subcode"); it != error->end()) sub_j = &*it;
  const long long code = static_cast<long long>(c::NumberLike(code_j).value_or(0));
  const long long subcode = static_cast<long long>(c::NumberLike(sub_j).value_or(0));
  std::string message = c::StringField(*error, "message").substr(0, 200);
  const std::string tail =
      " (" + std::to_string(code) + (subcode != 0 ? "/" + std::to_string(subcode) : "") + ")";
  bool transient = false;
  if (auto it = error->find("is_transient"); it != error->end() && it->is_boolean()) {
    transient = it->get<bool>();
  }

  switch (code) {
    case 190:
      return MakeDelivery(DeliveryOutcome::kPermanent, "page token invalid" + tail);
    case 4:
    case 17:
    case 32:
    case 613:
    case 80006:
      return MakeDelivery(DeliveryOutcome::kRetry, "graph rate limit" + tail, hint);
    case 551:
      return MakeDelivery(DeliveryOutcome::kPermanent,
                          "person is not available on Messenger" + tail);
    case 10:
      return MakeDelivery(DeliveryOutcome::kPermanent, std::string(kOutsideWindow) + tail);
    case 1:
    case 2:
      return MakeDelivery(DeliveryOutcome::kRetry, "graph temporary error" + tail, hint);
    default:
      break;
  }
  if (subcode == 2018278)
    return MakeDelivery(DeliveryOutcome::kPermanent, std::string(kOutsideWindow) + tail);
  if (code == 100 && subcode == 2018001) {
    return MakeDelivery(DeliveryOutcome::kPermanent, "no matching Messenger user" + tail);
  }
  if (transient || status >= 500 || status == 429) {
    return MakeDelivery(DeliveryOutcome::kRetry,
                        "graph error" + tail + (message.empty() ? "" : ": " + message), hint);
  }
  if (code == 100)
    return MakeDelivery(DeliveryOutcome::kPermanent, "invalid parameter" + tail + ": " + message);
  if (code == 200 || code == 230) {
    return MakeDelivery(DeliveryOutcome::kPermanent, "permission missing" + tail + ": " + message);
  }
  return MakeDelivery(DeliveryOutcome::kPermanent,
                      "graph error" + tail + (message.empty() ? "" : ": " + message));
}

}  // namespace

FacebookSender::FacebookSender(const FacebookConfig& config, const OutboxConfig& outbox,
                               HttpClient& http)
    : FacebookSender(config, outbox, http, Options{}) {}

FacebookSender::FacebookSender(const FacebookConfig& config, const OutboxConfig& outbox,
                               HttpClient& http, Options options)
    : config_(config), outbox_(outbox), http_(http), options_(options) {}

DeliveryResult FacebookSender::Send(const OutboxItem& item, const DeliveryContext& ctx) {
  if (item.text.empty()) return MakeDelivery(DeliveryOutcome::kPermanent, "empty message text");
  if (!c::IsValidUtf8(item.text))
    return MakeDelivery(DeliveryOutcome::kPermanent, "text is not UTF-8");
  if (config_.page_token.empty()) {
    return MakeDelivery(DeliveryOutcome::kRetry, "facebook page token is not configured", 300000);
  }
  const std::string text = c::FitText(item.text, kMaxTextChars);
  const std::string base = config_.graph_base + "/" + config_.graph_version + "/";
  const bool comment_reply = !item.reply_ref.empty();

  json body;
  std::string path;
  if (comment_reply) {
    path = c::UrlEncode(item.reply_ref) + "/comments";
    body["message"] = text;
  } else {
    if (item.recipient.empty())
      return MakeDelivery(DeliveryOutcome::kPermanent, "no Messenger recipient");
    const EpochMs age = ctx.now - ctx.last_inbound_at;
    const EpochMs standard = static_cast<EpochMs>(config_.standard_window_hours) * 3600 * 1000;
    const EpochMs human = static_cast<EpochMs>(config_.human_agent_window_days) * 24 * 3600 * 1000;
    const bool human_reply = item.purpose == "reply" || item.purpose.empty();
    body["recipient"]["id"] = item.recipient;
    if (ctx.last_inbound_at <= 0) {
      return MakeDelivery(DeliveryOutcome::kPermanent,
                          std::string(kOutsideWindow) + ": no message from the resident on record");
    }
    if (age <= standard) {
      body["messaging_type"] = "RESPONSE";
    } else if (age <= human && (human_reply || !options_.human_agent_only_for_replies)) {
      body["messaging_type"] = "MESSAGE_TAG";
      body["tag"] = "HUMAN_AGENT";
    } else {
      return MakeDelivery(DeliveryOutcome::kPermanent,
                          std::string(kOutsideWindow) + ": last message " +
                              std::to_string(age / 3600000) + " h ago");
    }
    body["message"]["text"] = text;
    path = "me/messages";
  }

  HttpRequest request;
  request.method = "POST";
  request.log_url = base + path;
  request.url = base + path + "?access_token=" + c::UrlEncode(config_.page_token);
  request.headers = {{"Content-Type", "application/json; charset=utf-8"},
                     {"Accept", "application/json"}};
  request.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  request.connect_timeout = std::chrono::milliseconds(outbox_.connect_timeout_ms);
  request.total_timeout = std::chrono::milliseconds(outbox_.total_timeout_ms);

  auto response = http_.Send(request);
  if (!response.ok()) {
    return RetryAfterTransportError(response.error());
  }
  if (response->status >= 200 && response->status < 300) {
    auto parsed = c::ParseUntrustedJson(response->body);
    if (!parsed.ok())
      return MakeDelivery(DeliveryOutcome::kRetry, "graph answered 2xx with an unreadable body");
    if (c::ObjectField(*parsed, "error") == nullptr) {
      DeliveryResult r;
      r.outcome = DeliveryOutcome::kDelivered;
      r.platform_message_id = c::IdField(*parsed, comment_reply ? "id" : "message_id");
      return r;
    }
  }
  return Classify(*response, ctx.now);
}

}  // namespace wardline::connectors::facebook
