#include "connectors/zalo/zalo_sender.h"

#include "connectors/common/backoff.h"
#include "connectors/common/json_util.h"
#include "connectors/common/text.h"

namespace wardline::connectors::zalo {
namespace {

using nlohmann::json;
namespace c = ::wardline::connectors::common;

bool IsTokenError(int code) { return code == -216 || code == -220 || code == -124; }

}  // namespace

std::string ErrorReason(int code) {
  switch (code) {
    case -32:
      return "zalo rate limit exceeded (-32)";
    case -124:
      return "zalo access token invalid (-124)";
    case -201:
      return "zalo rejected a parameter of the message (-201)";
    case -204:
      return "zalo OA is disabled (-204)";
    case -205:
      return "zalo OA does not exist (-205)";
    case -209:
      return "zalo app is not activated (-209)";
    case -211:
      return "zalo OA is out of quota (-211)";
    case -213:
      return "user does not follow the OA (-213)";
    case -216:
      return "zalo access token invalid (-216)";
    case -217:
      return "user blocked messages from the OA (-217)";
    case -218:
      return "user's message quota reached (-218)";
    case -220:
      return "zalo access token expired (-220)";
    case -223:
      return "zalo OA has not authorised this API (-223)";
    case -224:
      return "zalo OA tier does not allow this API (-224)";
    case -227:
      return "user is banned or inactive for more than 45 days (-227)";
    case -230:
      return "user has not interacted with the OA in the last 7 days (-230)";
    case -232:
      return "user has no recent interaction with the OA (-232)";
    case -233:
      return "zalo does not support this message type (-233)";
    case -240:
      return "zalo API version shut down (-240)";
    case -244:
      return "user restricted this kind of message (-244)";
    default:
      return "zalo error " + std::to_string(code);
  }
}

ZaloSender::ZaloSender(const ZaloConfig& config, const OutboxConfig& outbox, HttpClient& http,
                       ZaloTokenManager& tokens)
    : ZaloSender(config, outbox, http, tokens, Options{}) {}

ZaloSender::ZaloSender(const ZaloConfig& config, const OutboxConfig& outbox, HttpClient& http,
                       ZaloTokenManager& tokens, Options options)
    : config_(config), outbox_(outbox), http_(http), tokens_(tokens), options_(options) {}

DeliveryResult ZaloSender::Send(const OutboxItem& item, const DeliveryContext& ctx) {
  if (item.recipient.empty()) return MakeDelivery(DeliveryOutcome::kPermanent, "no Zalo recipient");
  if (item.text.empty()) return MakeDelivery(DeliveryOutcome::kPermanent, "empty message text");
  if (!c::IsValidUtf8(item.text))
    return MakeDelivery(DeliveryOutcome::kPermanent, "text is not UTF-8");

  auto token = tokens_.AccessToken();
  if (!token.ok()) {
    const bool permanent = token.error().code == ErrorCode::kFailedPrecondition;
    // A missing or refused token needs an admin; keep the message and retry slowly.
    return MakeDelivery(DeliveryOutcome::kRetry, "zalo token: " + token.error().message,
                        permanent ? std::optional<long long>(300000) : std::nullopt);
  }

  json body;
  body["recipient"]["user_id"] = item.recipient;
  body["message"]["text"] = c::FitText(item.text, kMaxTextChars);

  HttpRequest request;
  request.method = "POST";
  request.url = config_.api_base + "/v3.0/oa/message/cs";
  request.log_url = request.url;
  request.headers = {{"access_token", *token},
                     {"Content-Type", "application/json; charset=utf-8"},
                     {"Accept", "application/json"}};
  request.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  request.connect_timeout = std::chrono::milliseconds(outbox_.connect_timeout_ms);
  request.total_timeout = std::chrono::milliseconds(outbox_.total_timeout_ms);

  auto response = http_.Send(request);
  if (!response.ok()) {
    return RetryAfterTransportError(response.error());
  }
  const auto retry_after = c::ParseRetryAfterMs(response->Header("retry-after"), ctx.now);
  const int status = response->status;
  if (status == 429) {
    return MakeDelivery(
        DeliveryOutcome::kRetry, "zalo HTTP 429",
        retry_after ? retry_after : std::optional<long long>(options_.rate_limit_retry_ms));
  }
  if (status >= 500) {
    return MakeDelivery(DeliveryOutcome::kRetry, "zalo HTTP " + std::to_string(status),
                        retry_after);
  }
  if (status == 401) {
    auto next = tokens_.RefreshAfterRejection(*token);
    if (!next.ok())
      return MakeDelivery(DeliveryOutcome::kRetry, "zalo HTTP 401; " + next.error().message);
    return MakeDelivery(DeliveryOutcome::kTokenExpired, "zalo HTTP 401: token refreshed");
  }
  if (status != 200) {
    return MakeDelivery(DeliveryOutcome::kPermanent, "zalo HTTP " + std::to_string(status));
  }

  auto parsed = c::ParseUntrustedJson(response->body);
  if (!parsed.ok() || !parsed->contains("error") || !(*parsed)["error"].is_number_integer()) {
    // We cannot tell whether Zalo took the message; retrying risks a duplicate, dropping risks a
    // loss. Keep it.
    return MakeDelivery(DeliveryOutcome::kRetry, "zalo answered 200 with an unreadable body");
  }
  const int code = (*parsed)["error"].get<int>();
  if (code == 0) {
    DeliveryResult r;
    r.outcome = DeliveryOutcome::kDelivered;
    if (const json* data = c::ObjectField(*parsed, "data")) {
      r.platform_message_id = c::IdField(*data, "message_id");
    }
    return r;
  }
  if (code == -32) {
    return MakeDelivery(
        DeliveryOutcome::kRetry, ErrorReason(code),
        retry_after ? retry_after : std::optional<long long>(options_.rate_limit_retry_ms));
  }
  if (IsTokenError(code)) {
    auto next = tokens_.RefreshAfterRejection(*token);
    if (!next.ok()) {
      return MakeDelivery(DeliveryOutcome::kRetry, ErrorReason(code) + "; " + next.error().message);
    }
    return MakeDelivery(DeliveryOutcome::kTokenExpired, ErrorReason(code) + ": token refreshed");
  }
  std::string reason = ErrorReason(code);
  const std::string platform_message = c::StringField(*parsed, "message");
  if (!platform_message.empty() && reason.rfind("zalo error", 0) == 0) {
    reason += ": " + platform_message.substr(0, 200);
  }
  return MakeDelivery(DeliveryOutcome::kPermanent, reason);
}

}  // namespace wardline::connectors::zalo
