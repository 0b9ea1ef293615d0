#include "tests/sim/webhook_sender.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdio>

#include <httplib.h>

#include "tests/sim/sim_server.h"

namespace wardline::sim {

using nlohmann::json;

namespace {

std::string Hex(const unsigned char* d, unsigned int n) {
  std::string out;
  char buf[3];
  for (unsigned int i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", d[i]);
    out += buf;
  }
  return out;
}

std::string Num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  return buf;
}

WebhookResponse PostWith(httplib::Client& client, const std::string& path, const std::string& body,
                         const httplib::Headers& headers) {
  WebhookResponse out;
  auto res = client.Post(path, headers, body, "application/json");
  if (!res) {
    out.error = httplib::to_string(res.error());
    return out;
  }
  out.transport_ok = true;
  out.status = res->status;
  out.body = res->body;
  return out;
}

void Configure(httplib::Client& client, int timeout_ms) {
  client.set_tcp_nodelay(true);
  client.set_connection_timeout(std::chrono::milliseconds(timeout_ms));
  client.set_read_timeout(std::chrono::milliseconds(timeout_ms));
  client.set_write_timeout(std::chrono::milliseconds(timeout_ms));
}

WebhookResponse Post(const std::string& url, const std::string& body,
                     const httplib::Headers& headers, int timeout_ms) {
  auto [base, path] = SplitUrl(url);
  httplib::Client client(base);
  Configure(client, timeout_ms);
  return PostWith(client, path, body, headers);
}

}  // namespace

std::string SimSha256Hex(const std::string& data) {
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), d, &n, EVP_sha256(), nullptr);
  return Hex(d, n);
}

std::string SimHmacSha256Hex(const std::string& key, const std::string& data) {
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), d, &n);
  return Hex(d, n);
}

std::string ZaloMac(const std::string& app_id, const std::string& body,
                    const std::string& timestamp, const std::string& oa_secret) {
  return "mac=" + SimSha256Hex(app_id + body + timestamp + oa_secret);
}

std::string FacebookSignature(const std::string& app_secret, const std::string& body) {
  return "sha256=" + SimHmacSha256Hex(app_secret, body);
}

std::string MetaEscape(const json& doc) {
  // nlohmann's ensure_ascii writes \uXXXX with lower-case hex and surrogate pairs.
  const std::string ascii = doc.dump(-1, ' ', true);
  std::string out;
  out.reserve(ascii.size() + 16);
  for (char c : ascii) {
    if (c == '/') {
      out += "\\/";  // only appears inside strings in JSON text
    } else {
      out += c;
    }
  }
  return out;
}

// --- Zalo ---------------------------------------------------------------------------------------

json ZaloEvents::Envelope(const std::string& event, const std::string& user, std::int64_t ts_ms) const {
  const bool from_oa = event.rfind("oa_", 0) == 0;
  return json{{"app_id", app_id},
              {"user_id_by_app", "7712093344556677889"},
              {"event_name", event},
              {"timestamp", std::to_string(ts_ms)},
              {"sender", {{"id", from_oa ? oa_id : user}}},
              {"recipient", {{"id", from_oa ? user : oa_id}}}};
}

std::string ZaloEvents::Text(const std::string& user, const std::string& msg_id,
                             const std::string& text, std::int64_t ts_ms) const {
  json j = Envelope("user_send_text", user, ts_ms);
  j["message"] = {{"msg_id", msg_id}, {"text", text}};
  return j.dump();
}

std::string ZaloEvents::Image(const std::string& user, const std::string& msg_id,
                              const std::string& url, const std::string& caption,
                              std::int64_t ts_ms) const {
  json j = Envelope("user_send_image", user, ts_ms);
  j["message"] = {{"msg_id", msg_id},
                  {"text", caption},
                  {"attachments",
                   json::array({{{"type", "image"},
                                 {"payload", {{"url", url}, {"thumbnail", url + "?thumb"}}}}})}};
  return j.dump();
}

std::string ZaloEvents::Location(const std::string& user, const std::string& msg_id, double lat,
                                 double lon, ZaloLocationShape shape, bool as_strings,
                                 std::int64_t ts_ms) const {
  json j = Envelope("user_send_location", user, ts_ms);
  auto value = [&](double v) { return as_strings ? json(Num(v)) : json(v); };
  json message{{"msg_id", msg_id}, {"text", ""}};
  switch (shape) {
    case ZaloLocationShape::kCoordinatesLatitude:
      message["attachments"] = json::array(
          {{{"type", "location"},
            {"payload", {{"coordinates", {{"latitude", value(lat)}, {"longitude", value(lon)}}}}}}});
      break;
    case ZaloLocationShape::kCoordinatesLatLong:
      message["attachments"] = json::array(
          {{{"type", "location"},
            {"payload", {{"coordinates", {{"lat", value(lat)}, {"long", value(lon)}}}}}}});
      break;
    case ZaloLocationShape::kMessageLocation:
      message["location"] = {{"latitude", value(lat)}, {"longitude", value(lon)}};
      break;
  }
  j["message"] = message;
  return j.dump();
}

std::string ZaloEvents::File(const std::string& user, const std::string& msg_id,
                             const std::string& url, const std::string& name,
                             std::int64_t ts_ms) const {
  json j = Envelope("user_send_file", user, ts_ms);
  j["message"] = {{"msg_id", msg_id},
                  {"attachments",
                   json::array({{{"type", "file"},
                                 {"payload", {{"url", url}, {"name", name}, {"size", "2048"},
                                              {"type", "pdf"}}}}})}};
  return j.dump();
}

std::string ZaloEvents::Attachment(const std::string& type, const std::string& user,
                                   const std::string& msg_id, const std::string& url,
                                   std::int64_t ts_ms) const {
  json j = Envelope("user_send_" + type, user, ts_ms);
  j["message"] = {{"msg_id", msg_id},
                  {"attachments", json::array({{{"type", type}, {"payload", {{"url", url}}}}})}};
  return j.dump();
}

std::string ZaloEvents::Follow(const std::string& user, bool follow, std::int64_t ts_ms) const {
  json j{{"app_id", app_id},
         {"oa_id", oa_id},
         {"user_id_by_app", "7712093344556677889"},
         {"event_name", follow ? "follow" : "unfollow"},
         {"source", "oa_profile"},
         {"follower", {{"id", user}}},
         {"timestamp", std::to_string(ts_ms)}};
  return j.dump();
}

std::string ZaloEvents::OaEcho(const std::string& user, const std::string& msg_id,
                               const std::string& text, std::int64_t ts_ms) const {
  json j = Envelope("oa_send_text", user, ts_ms);
  j["message"] = {{"msg_id", msg_id}, {"text", text}};
  return j.dump();
}

std::string ZaloEvents::Custom(const std::string& event_name, const std::string& user,
                               const std::string& msg_id, const std::string& text,
                               std::int64_t ts_ms) const {
  json j = Envelope(event_name, user, ts_ms);
  j["message"] = {{"msg_id", msg_id}, {"text", text}};
  return j.dump();
}

namespace {

httplib::Headers ZaloHeaders(const std::string& body, const std::string& app_id,
                             const std::string& oa_secret, SignMode mode) {
  std::string timestamp;
  json parsed = json::parse(body, nullptr, false);
  if (!parsed.is_discarded() && parsed.is_object() && parsed.contains("timestamp")) {
    const json& t = parsed["timestamp"];
    timestamp = t.is_string() ? t.get<std::string>() : t.dump();
  }
  httplib::Headers headers;
  switch (mode) {
    case SignMode::kGood:
      headers.emplace("X-ZEvent-Signature", ZaloMac(app_id, body, timestamp, oa_secret));
      break;
    case SignMode::kForged:
      headers.emplace("X-ZEvent-Signature", ZaloMac(app_id, body, timestamp, oa_secret + "-forged"));
      break;
    case SignMode::kMissing:
      break;
    case SignMode::kTimestampHeader:
      headers.emplace("X-ZEvent-Signature", ZaloMac(app_id, body, timestamp, oa_secret));
      headers.emplace("X-ZEvent-Timestamp", timestamp);
      break;
  }
  return headers;
}

httplib::Headers FacebookHeaders(const std::string& body, const std::string& app_secret,
                                 SignMode mode) {
  httplib::Headers headers;
  switch (mode) {
    case SignMode::kGood:
    case SignMode::kTimestampHeader:
      headers.emplace("X-Hub-Signature-256", FacebookSignature(app_secret, body));
      break;
    case SignMode::kForged:
      headers.emplace("X-Hub-Signature-256", FacebookSignature(app_secret + "-forged", body));
      break;
    case SignMode::kMissing:
      break;
  }
  return headers;
}

}  // namespace

WebhookResponse PostZaloWebhook(const std::string& url, const std::string& body,
                                const std::string& app_id, const std::string& oa_secret,
                                SignMode mode, int timeout_ms) {
  return Post(url, body, ZaloHeaders(body, app_id, oa_secret, mode), timeout_ms);
}

// --- Facebook ----------------------------------------------------------------------------------

FacebookEvents::FacebookEvents(std::string page_id) : page_id_(std::move(page_id)) {
  doc_ = json{{"object", "page"}, {"entry", json::array()}};
  NewEntry();
}

FacebookEvents& FacebookEvents::NewEntry(std::int64_t time_ms) {
  doc_["entry"].push_back(json{{"id", page_id_}, {"time", time_ms == 0 ? NowMs() : time_ms}});
  return *this;
}

json& FacebookEvents::CurrentEntry() { return doc_["entry"].back(); }

json FacebookEvents::Base(const std::string& psid, std::int64_t ts_ms, bool from_page) const {
  return json{{"sender", {{"id", from_page ? page_id_ : psid}}},
              {"recipient", {{"id", from_page ? psid : page_id_}}},
              {"timestamp", ts_ms}};
}

FacebookEvents& FacebookEvents::Text(const std::string& psid, const std::string& mid,
                                     const std::string& text, std::int64_t ts_ms) {
  json e = Base(psid, ts_ms, false);
  e["message"] = {{"mid", mid}, {"text", text}};
  CurrentEntry()["messaging"].push_back(e);
  return *this;
}

FacebookEvents& FacebookEvents::Image(const std::string& psid, const std::string& mid,
                                      const std::string& url, std::int64_t ts_ms) {
  json e = Base(psid, ts_ms, false);
  e["message"] = {{"mid", mid},
                  {"attachments", json::array({{{"type", "image"}, {"payload", {{"url", url}}}}})}};
  CurrentEntry()["messaging"].push_back(e);
  return *this;
}

FacebookEvents& FacebookEvents::Location(const std::string& psid, const std::string& mid,
                                         double lat, double lon, std::int64_t ts_ms) {
  json e = Base(psid, ts_ms, false);
  e["message"] = {{"mid", mid},
                  {"attachments",
                   json::array({{{"type", "location"},
                                 {"title", "Vị trí của tôi"},
                                 {"payload", {{"coordinates", {{"lat", lat}, {"long", lon}}}}}}})}};
  CurrentEntry()["messaging"].push_back(e);
  return *this;
}

FacebookEvents& FacebookEvents::Echo(const std::string& psid, const std::string& mid,
                                     const std::string& text, std::int64_t ts_ms) {
  json e = Base(psid, ts_ms, true);
  e["message"] = {{"mid", mid}, {"text", text}, {"is_echo", true}, {"app_id", 1234567890}};
  CurrentEntry()["messaging"].push_back(e);
  return *this;
}

FacebookEvents& FacebookEvents::Delivery(const std::string& psid, const std::string& mid,
                                         std::int64_t ts_ms) {
  json e = Base(psid, ts_ms, false);
  e["delivery"] = {{"mids", json::array({mid})}, {"watermark", ts_ms}};
  CurrentEntry()["messaging"].push_back(e);
  return *this;
}

FacebookEvents& FacebookEvents::Read(const std::string& psid, std::int64_t ts_ms) {
  json e = Base(psid, ts_ms, false);
  e["read"] = {{"watermark", ts_ms}};
  CurrentEntry()["messaging"].push_back(e);
  return *this;
}

FacebookEvents& FacebookEvents::Standby(const std::string& psid, const std::string& mid,
                                        const std::string& text, std::int64_t ts_ms) {
  json e = Base(psid, ts_ms, false);
  e["message"] = {{"mid", mid}, {"text", text}};
  CurrentEntry()["standby"].push_back(e);
  return *this;
}

FacebookEvents& FacebookEvents::Comment(const std::string& comment_id, const std::string& post_id,
                                        const std::string& from_id, const std::string& from_name,
                                        const std::string& message, const std::string& verb,
                                        std::int64_t created_s) {
  json value{{"item", "comment"},
             {"verb", verb},
             {"post_id", post_id},
             {"comment_id", comment_id},
             {"parent_id", post_id},
             {"from", {{"id", from_id}, {"name", from_name}}},
             {"message", message},
             {"created_time", created_s == 0 ? NowMs() / 1000 : created_s}};
  CurrentEntry()["changes"].push_back(json{{"field", "feed"}, {"value", value}});
  return *this;
}

std::string FacebookEvents::Build() const { return MetaEscape(doc_); }

WebhookResponse PostFacebookWebhook(const std::string& url, const std::string& body,
                                    const std::string& app_secret, SignMode mode, int timeout_ms) {
  return Post(url, body, FacebookHeaders(body, app_secret, mode), timeout_ms);
}

struct WebhookClient::Impl {
  std::unique_ptr<httplib::Client> client;
  std::string path;
};

WebhookClient::WebhookClient(const std::string& url, int timeout_ms) : impl_(std::make_unique<Impl>()) {
  auto [base, path] = SplitUrl(url);
  impl_->client = std::make_unique<httplib::Client>(base);
  impl_->path = path;
  Configure(*impl_->client, timeout_ms);
  impl_->client->set_keep_alive(true);
}

WebhookClient::~WebhookClient() = default;

WebhookResponse WebhookClient::PostZalo(const std::string& body, const std::string& app_id,
                                        const std::string& oa_secret, SignMode mode) {
  return PostWith(*impl_->client, impl_->path, body, ZaloHeaders(body, app_id, oa_secret, mode));
}

WebhookResponse WebhookClient::PostFacebook(const std::string& body, const std::string& app_secret,
                                            SignMode mode) {
  return PostWith(*impl_->client, impl_->path, body, FacebookHeaders(body, app_secret, mode));
}

WebhookResponse FacebookHandshake(const std::string& url, const std::string& mode,
                                  const std::string& verify_token, const std::string& challenge) {
  auto [base, path] = SplitUrl(url);
  httplib::Client client(base);
  client.set_connection_timeout(std::chrono::seconds(5));
  client.set_read_timeout(std::chrono::seconds(5));
  httplib::Params params{{"hub.mode", mode}, {"hub.verify_token", verify_token},
                         {"hub.challenge", challenge}};
  WebhookResponse out;
  auto res = client.Get(path, params, httplib::Headers{});
  if (!res) {
    out.error = httplib::to_string(res.error());
    return out;
  }
  out.transport_ok = true;
  out.status = res->status;
  out.body = res->body;
  return out;
}

}  // namespace wardline::sim
