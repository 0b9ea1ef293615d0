// Zalo OA inbound webhooks: signature verification and event parsing.
//
//   auto ok = zalo::VerifySignature(raw, req.get_header_value("X-ZEvent-Signature"),
//                                   ts_header_or_nullopt, config.zalo, clock.NowMs());
//   if (!ok.ok()) -> 401, store nothing
//   auto parsed = zalo::ParseEvent(raw);   // later, in the worker, on the stored raw body
//
// Platform facts: shared/docs/channels.md section 1. Pure functions, safe from any thread.
#pragma once

#include <optional>
#include <string_view>

#include "connectors/common/parsed_events.h"
#include "core/domain/clock.h"
#include "core/domain/config.h"
#include "core/domain/result.h"

namespace wardline::connectors::zalo {

// Checks `X-ZEvent-Signature: mac=<hex>` against
// sha256(app_id + raw_body + timestamp + oa_secret), compared in constant time over the exact
// bytes received. The timestamp is the `X-ZEvent-Timestamp` header when given, else the
// body's "timestamp" field (epoch ms; a value below 10^11 is taken as seconds).
// Errors:
//   kUnauthenticated   - header missing or empty, or no oa_secret/app_id configured
//   kPermissionDenied  - malformed header, wrong mac, no timestamp to sign with, or a timestamp
//                        more than config.max_timestamp_skew_seconds away from `now` ("stale")
Status VerifySignature(std::string_view raw_body, std::string_view signature_header,
                       std::optional<std::string_view> timestamp_header, const ZaloConfig& config,
                       EpochMs now);

// The signature header value Zalo would send for this body: "mac=" + lower-case hex.
// Used by simulators and tests.
std::string ComputeSignature(std::string_view app_id, std::string_view raw_body,
                             std::string_view timestamp, std::string_view oa_secret);

// Parses one webhook body into resident messages:
//   user_send_text|image|gif|sticker|link|audio|video|file|location -> kind text, image, gif,
//     sticker, link, audio, video, file, location (external_id = message.msg_id);
//   follow / unfollow -> kind "follow"/"unfollow" (external_id "follow:<user>:<timestamp>");
//   oa_send_* echoes, receipts, unknown events, and the empty `{}` URL probe -> no message,
//     one "ignored: <event_name>" entry.
// Locations are read from payload.coordinates (latitude/longitude or lat/long, strings or
// numbers) or message.location. All ids stay strings.
// Errors: kInvalidArgument for empty, truncated, malformed, too deeply nested or non-UTF-8
// bodies, a non-object top level, and user messages lacking sender.id or message.msg_id.
Result<ParsedEvents> ParseEvent(std::string_view raw_body);

}  // namespace wardline::connectors::zalo
