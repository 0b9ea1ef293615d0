// Platform webhooks. Order matters: verify the signature over the raw bytes, check the body is
// well-formed JSON, store it durably (group commit), and only then answer 200. Parsing into
// messages, triage and replies happen later in the EventWorker.
#include "connectors/common/crypto.h"
#include "connectors/common/text.h"
#include "connectors/facebook/facebook_webhook.h"
#include "connectors/zalo/zalo_webhook.h"
#include "gateway/http_util.h"
#include "gateway/route_areas.h"

namespace wardline::gateway {
namespace {

// Nesting deeper than this is not a platform event; refuse it before any parser recurses.
constexpr std::size_t kMaxJsonDepth = 32;

void Store(const WebhookDeps& d, ChannelKind channel, const httplib::Request& req,
           httplib::Response& res, const std::string& ok_body) {
  const char* ch = ChannelName(channel);
  if (connectors::common::JsonNestingDepth(req.body) > kMaxJsonDepth ||
      !nlohmann::json::accept(req.body)) {
    d.metrics.CountIngest(ch, "malformed");
    return SendErrorCode(res, 400, "invalid_argument", "body is not well-formed UTF-8 JSON");
  }
  RawEvent e;
  e.channel = channel;
  e.dedup_key = connectors::common::Sha256Hex(req.body);
  e.body = req.body;
  e.received_at = d.clock.NowMs();
  // Concurrent requests share one commit (group commit in the store): one fsync for a burst.
  auto stored = d.inbox.Insert({std::move(e)});
  if (!stored.ok()) {
    d.metrics.CountIngest(ch, "store_failed");
    LogError("webhook", stored.error());
    // 503 makes the platform deliver it again later; nothing was acknowledged.
    return SendErrorCode(res, 503, "unavailable", "event not stored, retry later");
  }
  const bool is_new = stored->at(0);
  d.metrics.CountIngest(ch, is_new ? "stored" : "redelivered");
  if (is_new && d.on_stored) d.on_stored();
  res.status = 200;
  res.set_content(ok_body, "application/json; charset=utf-8");
}

}  // namespace

void RegisterWebhookRoutes(Routes& routes, const WebhookDeps& d) {
  routes.Post("/webhooks/zalo", "/webhooks/zalo", [d](const httplib::Request& req,
                                                      httplib::Response& res) {
    if (!d.zalo.enabled) return SendErrorCode(res, 404, "not_found", "the Zalo channel is off");
    std::optional<std::string> ts_header;
    if (req.has_header("X-ZEvent-Timestamp")) ts_header = req.get_header_value("X-ZEvent-Timestamp");
    Status v = connectors::zalo::VerifySignature(
        req.body, req.get_header_value("X-ZEvent-Signature"),
        ts_header ? std::optional<std::string_view>(*ts_header) : std::nullopt, d.zalo,
        d.clock.NowMs());
    if (!v.ok()) {
      d.metrics.CountIngest("zalo", "bad_signature");
      return SendErrorCode(res, 401, "unauthenticated", v.error().message);
    }
    Store(d, ChannelKind::kZalo, req, res, R"({"status":"ok"})");
  });

  routes.Get("/webhooks/facebook", "/webhooks/facebook", [d](const httplib::Request& req,
                                                             httplib::Response& res) {
    auto challenge = connectors::facebook::VerifyHandshake(
        req.get_param_value("hub.mode"), req.get_param_value("hub.verify_token"),
        req.get_param_value("hub.challenge"), d.facebook);
    if (!challenge) {
      res.status = 403;
      res.set_content("verification failed\n", "text/plain; charset=utf-8");
      return;
    }
    res.status = 200;
    res.set_content(*challenge, "text/plain; charset=utf-8");
  });

  routes.Post("/webhooks/facebook", "/webhooks/facebook", [d](const httplib::Request& req,
                                                              httplib::Response& res) {
    if (!d.facebook.enabled) return SendErrorCode(res, 404, "not_found", "the Facebook channel is off");
    Status v = connectors::facebook::VerifySignature(
        req.body, req.get_header_value("X-Hub-Signature-256"), d.facebook);
    if (!v.ok()) {
      d.metrics.CountIngest("facebook", "bad_signature");
      return SendErrorCode(res, 401, "unauthenticated", v.error().message);
    }
    Store(d, ChannelKind::kFacebook, req, res, R"({"status":"EVENT_RECEIVED"})");
  });
}

}  // namespace wardline::gateway
