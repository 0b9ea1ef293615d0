// Webhook senders: build platform webhook bodies exactly as Zalo and Meta send them, sign them
// (or forge them), and POST them to a hub URL. Signatures are computed here with OpenSSL
// directly, independently of connectors/, so a bug there cannot hide in a matching bug here.
//
//   sim::ZaloEvents z{.app_id = cfg.app_id, .oa_id = cfg.oa_id};
//   std::string body = z.Text("2468000011112222333", "msg1", "Đèn đường hỏng", sim::NowMs());
//   auto r = sim::PostZaloWebhook(hub + "/webhooks/zalo", body, z.app_id, oa_secret);
//
//   sim::FacebookEvents fb("109876543210987");
//   fb.Text("6543210987654321", "m_1", "Rác chưa thu gom", ts).NewEntry().Comment(...);
//   auto r = sim::PostFacebookWebhook(hub + "/webhooks/facebook", fb.Build(), app_secret);
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace wardline::sim {

// --- signatures (independent implementation) -------------------------------------------------
std::string SimSha256Hex(const std::string& data);
std::string SimHmacSha256Hex(const std::string& key, const std::string& data);
// "mac=" + sha256(app_id + body + timestamp + oa_secret)
std::string ZaloMac(const std::string& app_id, const std::string& body, const std::string& timestamp,
                    const std::string& oa_secret);
// "sha256=" + hmac_sha256(app_secret, body)
std::string FacebookSignature(const std::string& app_secret, const std::string& body);

// Meta's wire form of a JSON document: non-ASCII as \uXXXX (lower-case hex, surrogate pairs
// above the BMP) and "/" as "\/".
std::string MetaEscape(const nlohmann::json& doc);

// --- Zalo events --------------------------------------------------------------------------------
enum class ZaloLocationShape {
  kCoordinatesLatitude,  // payload.coordinates.latitude/longitude (chatwoot shape)
  kCoordinatesLatLong,   // payload.coordinates.lat/long
  kMessageLocation,      // message.location.latitude/longitude
};

struct ZaloEvents {
  std::string app_id = "4041286612345678901";
  std::string oa_id = "5790000044445555666";

  // user_send_* messages. `ts_ms` becomes the string "timestamp" field.
  std::string Text(const std::string& user, const std::string& msg_id, const std::string& text,
                   std::int64_t ts_ms) const;
  std::string Image(const std::string& user, const std::string& msg_id, const std::string& url,
                    const std::string& caption, std::int64_t ts_ms) const;
  std::string Location(const std::string& user, const std::string& msg_id, double lat, double lon,
                       ZaloLocationShape shape, bool as_strings, std::int64_t ts_ms) const;
  std::string File(const std::string& user, const std::string& msg_id, const std::string& url,
                   const std::string& name, std::int64_t ts_ms) const;
  // user_send_<type> with one attachment {type, payload:{url}}: sticker, gif, link, audio, video.
  std::string Attachment(const std::string& type, const std::string& user,
                         const std::string& msg_id, const std::string& url,
                         std::int64_t ts_ms) const;
  std::string Follow(const std::string& user, bool follow, std::int64_t ts_ms) const;
  // oa_send_text: the echo of a message the OA sent.
  std::string OaEcho(const std::string& user, const std::string& msg_id, const std::string& text,
                     std::int64_t ts_ms) const;
  // Any event name with the user_* envelope and a text message (e.g. an unknown event).
  std::string Custom(const std::string& event_name, const std::string& user,
                     const std::string& msg_id, const std::string& text, std::int64_t ts_ms) const;

 private:
  nlohmann::json Envelope(const std::string& event, const std::string& user,
                          std::int64_t ts_ms) const;
};

enum class SignMode {
  kGood,             // correct mac over the body's timestamp
  kForged,           // a well-formed mac made with the wrong secret
  kMissing,          // no signature header
  kTimestampHeader,  // correct mac, timestamp also sent as X-ZEvent-Timestamp (Zalo only)
};

struct WebhookResponse {
  bool transport_ok = false;  // false: connection failed or timed out
  int status = 0;
  std::string body;
  std::string error;          // transport error text
};

// POSTs `body` to `url` with X-ZEvent-Signature for `mode`. The signed timestamp is the body's
// "timestamp" field. `timeout_ms` bounds the whole call (Zalo waits 2 s).
WebhookResponse PostZaloWebhook(const std::string& url, const std::string& body,
                                const std::string& app_id, const std::string& oa_secret,
                                SignMode mode = SignMode::kGood, int timeout_ms = 2000);

// --- Facebook events ------------------------------------------------------------------------
class FacebookEvents {
 public:
  explicit FacebookEvents(std::string page_id);

  // Starts another entry for the same page (a POST may carry several).
  FacebookEvents& NewEntry(std::int64_t time_ms = 0);
  FacebookEvents& Text(const std::string& psid, const std::string& mid, const std::string& text,
                       std::int64_t ts_ms);
  FacebookEvents& Image(const std::string& psid, const std::string& mid, const std::string& url,
                        std::int64_t ts_ms);
  FacebookEvents& Location(const std::string& psid, const std::string& mid, double lat, double lon,
                           std::int64_t ts_ms);
  FacebookEvents& Echo(const std::string& psid, const std::string& mid, const std::string& text,
                       std::int64_t ts_ms);
  FacebookEvents& Delivery(const std::string& psid, const std::string& mid, std::int64_t ts_ms);
  FacebookEvents& Read(const std::string& psid, std::int64_t ts_ms);
  // A text message in standby[] (another app owns the thread).
  FacebookEvents& Standby(const std::string& psid, const std::string& mid, const std::string& text,
                          std::int64_t ts_ms);
  // A feed change. `from_id` == page id makes it a page-authored comment.
  FacebookEvents& Comment(const std::string& comment_id, const std::string& post_id,
                          const std::string& from_id, const std::string& from_name,
                          const std::string& message, const std::string& verb = "add",
                          std::int64_t created_s = 0);
  // The body on the wire (MetaEscape of the document).
  std::string Build() const;
  nlohmann::json Document() const { return doc_; }

 private:
  nlohmann::json& CurrentEntry();
  nlohmann::json Base(const std::string& psid, std::int64_t ts_ms, bool from_page) const;

  std::string page_id_;
  nlohmann::json doc_;
};

// POSTs a Meta webhook with X-Hub-Signature-256 for `mode` (kTimestampHeader = kGood).
WebhookResponse PostFacebookWebhook(const std::string& url, const std::string& body,
                                    const std::string& app_secret, SignMode mode = SignMode::kGood,
                                    int timeout_ms = 5000);

// A keep-alive connection to one hub URL, for load generators: one per thread (not
// thread-safe). Signs exactly like PostZaloWebhook / PostFacebookWebhook.
class WebhookClient {
 public:
  WebhookClient(const std::string& url, int timeout_ms);
  ~WebhookClient();
  WebhookResponse PostZalo(const std::string& body, const std::string& app_id,
                           const std::string& oa_secret, SignMode mode = SignMode::kGood);
  WebhookResponse PostFacebook(const std::string& body, const std::string& app_secret,
                               SignMode mode = SignMode::kGood);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// GET url?hub.mode=..&hub.verify_token=..&hub.challenge=..
WebhookResponse FacebookHandshake(const std::string& url, const std::string& mode,
                                  const std::string& verify_token, const std::string& challenge);

}  // namespace wardline::sim
