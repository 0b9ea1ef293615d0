#include "connectors/zalo/zalo_webhook.h"

#include <charconv>
#include <cstdlib>
#include <string>

#include "connectors/common/crypto.h"
#include "connectors/common/json_util.h"

namespace wardline::connectors::zalo {
namespace {

using nlohmann::json;
namespace c = ::wardline::connectors::common;

Error Unauthenticated(std::string m) { return {ErrorCode::kUnauthenticated, std::move(m)}; }
Error Denied(std::string m) { return {ErrorCode::kPermissionDenied, std::move(m)}; }

// Pulls the body's "timestamp" without trusting the body otherwise. Parsing happens on bytes
// that are not yet authenticated, so a failure here is just "cannot verify".
std::optional<std::string> BodyTimestamp(std::string_view raw) {
  auto parsed = c::ParseUntrustedJson(raw);
  if (!parsed.ok()) return std::nullopt;
  std::string ts = c::IdField(*parsed, "timestamp");
  if (ts.empty()) return std::nullopt;
  return ts;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

// event_name -> InboundMessage.kind for resident messages.
std::optional<std::string> KindOf(std::string_view event) {
  static constexpr std::pair<std::string_view, std::string_view> kKinds[] = {
      {"user_send_text", "text"},       {"user_send_image", "image"},
      {"user_send_gif", "gif"},         {"user_send_sticker", "sticker"},
      {"user_send_link", "link"},       {"user_send_audio", "audio"},
      {"user_send_video", "video"},     {"user_send_file", "file"},
      {"user_send_location", "location"},
  };
  for (const auto& [name, kind] : kKinds) {
    if (event == name) return std::string(kind);
  }
  return std::nullopt;
}

Attachment ToAttachment(const json& a) {
  Attachment out;
  out.type = c::StringField(a, "type");
  if (const json* p = c::ObjectField(a, "payload")) {
    out.url = c::StringField(*p, "url");
    out.name = c::StringField(*p, "name");
    if (out.name.empty()) out.name = c::StringField(*p, "description");
    if (out.url.empty()) out.url = c::StringField(*p, "thumbnail");
  }
  return out;
}

std::optional<GeoPoint> FindLocation(const json& message) {
  if (const json* atts = c::ArrayField(message, "attachments")) {
    for (const json& a : *atts) {
      if (const json* p = c::ObjectField(a, "payload")) {
        if (auto g = c::ParseCoordinates(c::ObjectField(*p, "coordinates"))) return g;
        if (auto g = c::ParseCoordinates(p)) return g;
      }
    }
  }
  if (auto g = c::ParseCoordinates(c::ObjectField(message, "location"))) return g;
  return std::nullopt;
}

}  // namespace

std::string ComputeSignature(std::string_view app_id, std::string_view raw_body,
                             std::string_view timestamp, std::string_view oa_secret) {
  std::string material;
  material.reserve(app_id.size() + raw_body.size() + timestamp.size() + oa_secret.size());
  material.append(app_id).append(raw_body).append(timestamp).append(oa_secret);
  return "mac=" + c::Sha256Hex(material);
}

Status VerifySignature(std::string_view raw_body, std::string_view signature_header,
                       std::optional<std::string_view> timestamp_header, const ZaloConfig& config,
                       EpochMs now) {
  if (config.oa_secret.empty() || config.app_id.empty()) {
    return Unauthenticated("zalo webhook secret (oa_secret/app_id) is not configured");
  }
  const std::string header = Trim(signature_header);
  if (header.empty()) return Unauthenticated("missing X-ZEvent-Signature");
  std::string_view mac(header);
  if (mac.rfind("mac=", 0) != 0) return Denied("X-ZEvent-Signature must start with mac=");
  mac.remove_prefix(4);
  if (!c::IsHex64(mac)) return Denied("X-ZEvent-Signature is not a SHA-256 hex digest");

  std::string timestamp;
  if (timestamp_header && !Trim(*timestamp_header).empty()) {
    timestamp = Trim(*timestamp_header);
  } else if (auto ts = BodyTimestamp(raw_body)) {
    timestamp = *ts;
  } else {
    return Denied("no timestamp to verify the signature with");
  }

  const std::string expected = ComputeSignature(config.app_id, raw_body, timestamp, config.oa_secret);
  if (!c::ConstantTimeEquals(std::string_view(expected).substr(4), c::AsciiLower(mac))) {
    return Denied("X-ZEvent-Signature does not match");
  }

  long long ts = 0;
  auto [ptr, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), ts);
  if (ec != std::errc() || ptr != timestamp.data() + timestamp.size() || ts <= 0) {
    return Denied("timestamp is not a number");
  }
  if (ts < 100000000000LL) ts *= 1000;  // seconds, not milliseconds
  const long long skew_ms = static_cast<long long>(config.max_timestamp_skew_seconds) * 1000;
  if (std::llabs(now - ts) > skew_ms) {
    return Denied("stale timestamp: " + std::to_string((now - ts) / 1000) +
                  " s from now (limit " + std::to_string(config.max_timestamp_skew_seconds) + " s)");
  }
  return OkStatus();
}

Result<ParsedEvents> ParseEvent(std::string_view raw_body) {
  auto parsed = c::ParseUntrustedJson(raw_body);
  if (!parsed.ok()) return parsed.error();
  const json& j = *parsed;
  ParsedEvents out;

  auto event_it = j.find("event_name");
  if (event_it == j.end()) {
    if (j.empty()) {
      out.ignored.push_back("ignored: empty probe");
      return out;
    }
    return InvalidArgument("zalo event without event_name");
  }
  if (!event_it->is_string()) return InvalidArgument("zalo event_name is not a string");
  const std::string event = event_it->get<std::string>();
  const EpochMs sent_at = c::EpochField(j, "timestamp", false).value_or(0);

  if (event == "follow" || event == "unfollow") {
    InboundMessage m;
    m.channel = ChannelKind::kZalo;
    m.kind = event;
    if (const json* follower = c::ObjectField(j, "follower")) m.sender_id = c::IdField(*follower, "id");
    if (m.sender_id.empty()) m.sender_id = c::IdField(j, "user_id_by_app");
    m.recipient_id = c::IdField(j, "oa_id");
    if (m.sender_id.empty()) return InvalidArgument("zalo " + event + " event without follower.id");
    m.external_id = event + ":" + m.sender_id + ":" + c::IdField(j, "timestamp");
    m.sent_at = sent_at;
    out.messages.push_back(std::move(m));
    return out;
  }

  const auto kind = KindOf(event);
  if (!kind) {
    // oa_send_* echoes of our own sends, receipts, user_submit_info, anything new: the raw
    // event is kept by the caller; nothing becomes a message.
    out.ignored.push_back("ignored: " + (event.empty() ? std::string("(empty event_name)") : event));
    return out;
  }

  InboundMessage m;
  m.channel = ChannelKind::kZalo;
  m.kind = *kind;
  if (const json* sender = c::ObjectField(j, "sender")) m.sender_id = c::IdField(*sender, "id");
  if (const json* recipient = c::ObjectField(j, "recipient")) m.recipient_id = c::IdField(*recipient, "id");
  const json* message = c::ObjectField(j, "message");
  if (m.sender_id.empty()) return InvalidArgument("zalo " + event + " without sender.id");
  if (message == nullptr) return InvalidArgument("zalo " + event + " without a message object");
  m.external_id = c::IdField(*message, "msg_id");
  if (m.external_id.empty()) return InvalidArgument("zalo " + event + " without message.msg_id");
  m.text = c::StringField(*message, "text");
  m.sent_at = sent_at;
  if (const json* atts = c::ArrayField(*message, "attachments")) {
    for (const json& a : *atts) {
      if (!a.is_object()) continue;
      Attachment att = ToAttachment(a);
      if (att.type.empty()) att.type = *kind;
      m.attachments.push_back(std::move(att));
    }
  }
  if (*kind == "location") {
    m.location = FindLocation(*message);
    if (m.attachments.empty()) m.attachments.push_back(Attachment{"location", "", ""});
  }
  out.messages.push_back(std::move(m));
  return out;
}

}  // namespace wardline::connectors::zalo
