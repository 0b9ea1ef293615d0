// Facebook Page inbound webhooks: the GET verification handshake, the X-Hub-Signature-256
// check and parsing of Messenger events and feed comments.
//
//   if (auto c = facebook::VerifyHandshake(mode, token, challenge, config.facebook)) -> 200 *c
//   else -> 403
//   auto ok = facebook::VerifySignature(raw, req.get_header_value("X-Hub-Signature-256"), cfg);
//   auto parsed = facebook::ParseEvent(raw);   // later, in the worker
//
// Platform facts: shared/docs/channels.md section 2. Pure functions, safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "connectors/common/parsed_events.h"
#include "core/domain/config.h"
#include "core/domain/result.h"

namespace wardline::connectors::facebook {

// Checks `X-Hub-Signature-256: sha256=<hex>` = HMAC-SHA256(app_secret, raw body bytes),
// compared in constant time. Errors: kUnauthenticated (header missing, no app_secret
// configured), kPermissionDenied (malformed header or wrong digest).
Status VerifySignature(std::string_view raw_body, std::string_view signature_header,
                       const FacebookConfig& config);

// The header value Meta would send for this body: "sha256=" + lower-case hex. For simulators.
std::string ComputeSignature(std::string_view app_secret, std::string_view raw_body);

// The challenge to echo when mode == "subscribe" and verify_token matches the configured one
// (constant-time; an empty configured token never matches); nullopt otherwise (answer 403).
std::optional<std::string> VerifyHandshake(std::string_view mode, std::string_view verify_token,
                                           std::string_view challenge,
                                           const FacebookConfig& config);

// Parses one webhook body (object "page"). Every entry and every messaging[] and standby[]
// event is read:
//   message with text/attachments -> kind "text", or the first attachment's type ("image",
//     "location" with `location` set from payload.coordinates lat/long, "video", ...);
//     external_id = message.mid, sender_id = PSID, recipient_id = page id, sent_at = timestamp.
//   echoes (is_echo), delivery, read, postback, reactions, ... -> "ignored: <what>".
// Feed changes (field "feed", item "comment", verb "add", from.id != page id) -> kind
//   "comment", external_id = reply_ref = comment_id, text = message, sender_name = from.name.
//   Page-authored, edited and removed comments, posts, reactions -> "ignored: ...".
// Other objects (e.g. "instagram") -> "ignored: object <name>".
// Errors: kInvalidArgument for empty, truncated, malformed, too deeply nested or non-UTF-8
// bodies, and a top level that is not an object.
Result<ParsedEvents> ParseEvent(std::string_view raw_body);

}  // namespace wardline::connectors::facebook
