#include "connectors/facebook/facebook_webhook.h"

#include "connectors/common/crypto.h"
#include "connectors/common/json_util.h"

namespace wardline::connectors::facebook {
namespace {

using nlohmann::json;
namespace c = ::wardline::connectors::common;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

void ParseMessaging(const json& event, const std::string& page_id, ParsedEvents& out) {
  if (!event.is_object()) {
    out.ignored.push_back("ignored: malformed messaging event");
    return;
  }
  const json* message = c::ObjectField(event, "message");
  if (message == nullptr) {
    static constexpr const char* kKnown[] = {"delivery", "read", "postback", "optin",
                                             "account_linking", "reaction", "referral",
                                             "policy_enforcement", "pass_thread_control",
                                             "take_thread_control", "request_thread_control"};
    for (const char* k : kKnown) {
      if (event.contains(k)) {
        out.ignored.push_back(std::string("ignored: ") + k);
        return;
      }
    }
    out.ignored.push_back("ignored: unknown messaging event");
    return;
  }
  if (auto it = message->find("is_echo"); it != message->end() && it->is_boolean() && it->get<bool>()) {
    out.ignored.push_back("ignored: echo");
    return;
  }
  InboundMessage m;
  m.channel = ChannelKind::kFacebook;
  if (const json* s = c::ObjectField(event, "sender")) m.sender_id = c::IdField(*s, "id");
  if (const json* r = c::ObjectField(event, "recipient")) m.recipient_id = c::IdField(*r, "id");
  if (m.recipient_id.empty()) m.recipient_id = page_id;
  m.external_id = c::IdField(*message, "mid");
  m.sent_at = c::EpochField(event, "timestamp", false).value_or(0);
  m.text = c::StringField(*message, "text");
  if (m.sender_id.empty() || m.external_id.empty()) {
    out.ignored.push_back("ignored: message without sender.id or mid");
    return;
  }
  if (const json* atts = c::ArrayField(*message, "attachments")) {
    for (const json& a : *atts) {
      if (!a.is_object()) continue;
      Attachment att;
      att.type = c::StringField(a, "type");
      const json* payload = c::ObjectField(a, "payload");
      if (payload != nullptr) {
        att.url = c::StringField(*payload, "url");
        att.name = c::StringField(*payload, "title");
        if (att.type == "location" && !m.location) {
          m.location = c::ParseCoordinates(c::ObjectField(*payload, "coordinates"));
        }
      }
      if (att.name.empty()) att.name = c::StringField(a, "title");
      if (att.url.empty()) att.url = c::StringField(a, "url");
      m.attachments.push_back(std::move(att));
    }
  }
  if (m.text.empty() && m.attachments.empty()) {
    out.ignored.push_back("ignored: message without text or attachments");
    return;
  }
  m.kind = m.attachments.empty() || m.attachments.front().type.empty() ? "text"
                                                                        : m.attachments.front().type;
  out.messages.push_back(std::move(m));
}

void ParseChange(const json& change, const std::string& page_id, ParsedEvents& out) {
  const std::string field = c::StringField(change, "field");
  const json* value = c::ObjectField(change, "value");
  if (field != "feed" || value == nullptr) {
    out.ignored.push_back("ignored: change " + (field.empty() ? std::string("(no field)") : field));
    return;
  }
  const std::string item = c::StringField(*value, "item");
  const std::string verb = c::StringField(*value, "verb");
  if (item != "comment") {
    out.ignored.push_back("ignored: feed " + (item.empty() ? std::string("(no item)") : item));
    return;
  }
  if (verb != "add") {
    out.ignored.push_back("ignored: comment " + (verb.empty() ? std::string("(no verb)") : verb));
    return;
  }
  const json* from = c::ObjectField(*value, "from");
  const std::string from_id = from != nullptr ? c::IdField(*from, "id") : "";
  if (!page_id.empty() && from_id == page_id) {
    out.ignored.push_back("ignored: page's own comment");
    return;
  }
  InboundMessage m;
  m.channel = ChannelKind::kFacebook;
  m.kind = "comment";
  m.external_id = c::IdField(*value, "comment_id");
  m.reply_ref = m.external_id;
  m.sender_id = from_id;
  m.sender_name = from != nullptr ? c::StringField(*from, "name") : "";
  m.recipient_id = page_id;
  m.text = c::StringField(*value, "message");
  m.sent_at = c::EpochField(*value, "created_time", true).value_or(0);
  if (m.external_id.empty()) {
    out.ignored.push_back("ignored: comment without comment_id");
    return;
  }
  if (std::string photo = c::StringField(*value, "photo"); !photo.empty()) {
    m.attachments.push_back(Attachment{"image", photo, ""});
  }
  if (std::string video = c::StringField(*value, "video"); !video.empty()) {
    m.attachments.push_back(Attachment{"video", video, ""});
  }
  out.messages.push_back(std::move(m));
}

}  // namespace

std::string ComputeSignature(std::string_view app_secret, std::string_view raw_body) {
  return "sha256=" + c::HmacSha256Hex(app_secret, raw_body);
}

Status VerifySignature(std::string_view raw_body, std::string_view signature_header,
                       const FacebookConfig& config) {
  if (config.app_secret.empty()) {
    return Error{ErrorCode::kUnauthenticated, "facebook app_secret is not configured"};
  }
  std::string_view header = Trim(signature_header);
  if (header.empty()) return Error{ErrorCode::kUnauthenticated, "missing X-Hub-Signature-256"};
  if (header.rfind("sha256=", 0) != 0) {
    return Error{ErrorCode::kPermissionDenied, "X-Hub-Signature-256 must start with sha256="};
  }
  header.remove_prefix(7);
  if (!c::IsHex64(header)) {
    return Error{ErrorCode::kPermissionDenied, "X-Hub-Signature-256 is not a SHA-256 hex digest"};
  }
  const std::string expected = c::HmacSha256Hex(config.app_secret, raw_body);
  if (!c::ConstantTimeEquals(expected, c::AsciiLower(header))) {
    return Error{ErrorCode::kPermissionDenied, "X-Hub-Signature-256 does not match"};
  }
  return OkStatus();
}

std::optional<std::string> VerifyHandshake(std::string_view mode, std::string_view verify_token,
                                           std::string_view challenge,
                                           const FacebookConfig& config) {
  if (mode != "subscribe" || config.verify_token.empty()) return std::nullopt;
  if (!c::ConstantTimeEquals(verify_token, config.verify_token)) return std::nullopt;
  return std::string(challenge);
}

Result<ParsedEvents> ParseEvent(std::string_view raw_body) {
  auto parsed = c::ParseUntrustedJson(raw_body);
  if (!parsed.ok()) return parsed.error();
  const json& j = *parsed;
  ParsedEvents out;
  const std::string object = c::StringField(j, "object");
  if (object != "page") {
    out.ignored.push_back("ignored: object " + (object.empty() ? std::string("(none)") : object));
    return out;
  }
  const json* entries = c::ArrayField(j, "entry");
  if (entries == nullptr) return InvalidArgument("facebook page event without an entry array");
  for (const json& entry : *entries) {
    if (!entry.is_object()) {
      out.ignored.push_back("ignored: malformed entry");
      continue;
    }
    const std::string page_id = c::IdField(entry, "id");
    for (const char* list : {"messaging", "standby"}) {
      if (const json* events = c::ArrayField(entry, list)) {
        for (const json& event : *events) ParseMessaging(event, page_id, out);
      }
    }
    if (const json* changes = c::ArrayField(entry, "changes")) {
      for (const json& change : *changes) {
        if (change.is_object()) {
          ParseChange(change, page_id, out);
        } else {
          out.ignored.push_back("ignored: malformed change");
        }
      }
    }
  }
  return out;
}

}  // namespace wardline::connectors::facebook
