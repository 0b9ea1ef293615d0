// Domain types shared by every module: channels, cases, messages, events, outbox items.
// Plain structs: no I/O, no vendor types. Personal data fields are marked "private": they are
// never shown on public pages and never written to logs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/clock.h"

namespace wardline {

enum class ChannelKind { kZalo, kFacebook, kWeb };
const char* ChannelName(ChannelKind c);                       // "zalo", "facebook", "web"
std::optional<ChannelKind> ParseChannel(std::string_view s);

enum class Priority { kNormal, kUrgent };
const char* PriorityName(Priority p);                         // "binh_thuong", "khan_cap"
std::optional<Priority> ParsePriority(std::string_view s);

enum class CaseStatus {
  kReceived,    // stored, not yet triaged
  kRouted,      // in a department's (or the needs-triage) queue
  kInProgress,  // claimed by a staff member
  kResolved,    // answered by staff
  kPublished,   // resolution published on the public ward page
  kClosed,
  kRejected,    // spam, off-topic
  kMerged,      // duplicate of another case
};
const char* StatusName(CaseStatus s);                         // "received", "routed", ...
std::optional<CaseStatus> ParseStatus(std::string_view s);

struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

struct Attachment {
  std::string type;  // image, file, sticker, video, audio, location, ...
  std::string url;
  std::string name;
};

// One message from a resident, as parsed from a platform event or a web form.
struct InboundMessage {
  ChannelKind channel = ChannelKind::kWeb;
  std::string external_id;   // platform message id: the de-duplication key per channel
  std::string sender_id;     // Zalo user id / Facebook PSID or commenter id (private)
  std::string recipient_id;  // OA id / page id
  std::string kind;          // text, image, location, file, sticker, comment, follow, unfollow
  std::string text;          // original text, untouched
  std::vector<Attachment> attachments;
  std::optional<GeoPoint> location;
  EpochMs sent_at = 0;
  std::string reply_ref;     // Facebook: comment id to answer under; empty for direct messages
  std::string sender_name;   // display name when the platform gives one (private)
};

struct Case {
  std::int64_t id = 0;
  std::string tracking_code;
  ChannelKind channel = ChannelKind::kWeb;
  std::string resident_ref;       // platform user id to answer (private)
  std::string reply_ref;          // Facebook comment id when the case came from a comment
  std::string ward_slug;          // ward the case belongs to; empty when unknown
  std::optional<std::string> category;  // triage category id, nullopt until triaged
  std::string department;         // department id; empty until routed
  Priority priority = Priority::kNormal;
  double confidence = 0;
  CaseStatus status = CaseStatus::kReceived;
  std::string text;               // the resident's text (all joined messages), original
  std::string resident_name;      // private
  std::string resident_phone;     // private
  std::string resident_address;   // private
  std::optional<GeoPoint> location;
  std::string resolution;         // the answer, shown on /track once resolved
  std::string delivery_note;      // e.g. why the answer could not be delivered on the channel
  std::optional<std::int64_t> merged_into;
  std::string assignee;           // username of the staff member working it; empty if none
  std::string public_summary;     // the district office's edited text for the public page
  std::string reject_reason;      // spam, off_topic, duplicate, out_of_scope (when rejected)
  std::string search_text;        // folded text (no diacritics) for staff search; never shown
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
  EpochMs last_message_at = 0;    // last resident message, for threading and windows
  EpochMs resolved_at = 0;
  EpochMs published_at = 0;
  // Bumped by every staff-visible change; a write naming an older version is refused (409).
  std::int64_t version = 1;
};

// One entry of a case's audit trail.
struct CaseEvent {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::string kind;    // created, status, triaged, rerouted, note, reply, delivery, ...
  std::string actor;   // "system", "resident", or a staff login
  std::string detail;  // free text or JSON
  EpochMs at = 0;
};

// A stored message of a case (inbound from a resident or outbound to one).
struct CaseMessage {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  ChannelKind channel = ChannelKind::kWeb;
  std::string direction;    // "in" or "out"
  std::string external_id;  // platform message id; unique per channel when not empty
  std::string kind;
  std::string text;
  std::string attachments_json;  // JSON array of attachments
  EpochMs at = 0;
};

// A raw webhook body, stored before anything else happens to it.
struct RawEvent {
  std::int64_t id = 0;
  ChannelKind channel = ChannelKind::kWeb;
  std::string dedup_key;  // hash of the body: a byte-identical redelivery is stored once
  std::string body;
  EpochMs received_at = 0;
  int attempts = 0;
};

enum class OutboxState { kPending, kSent, kFailed };
const char* OutboxStateName(OutboxState s);                    // "pending", "sent", "failed"
std::optional<OutboxState> ParseOutboxState(std::string_view s);

// One outgoing message. It stays in the outbox until the platform accepts it or refuses it
// for good.
struct OutboxItem {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  ChannelKind channel = ChannelKind::kWeb;
  std::string recipient;   // platform user id, or comment id for comment replies
  std::string purpose;     // ack, reply, rating_request
  std::string text;
  std::string reply_ref;   // Facebook comment id to reply under; empty for direct messages
  OutboxState state = OutboxState::kPending;
  int attempts = 0;
  EpochMs next_attempt_at = 0;
  std::string last_error;
  std::string platform_message_id;
  EpochMs created_at = 0;
  EpochMs sent_at = 0;
};

// A staff correction of triage, used as extra training data.
struct TriageCorrection {
  std::int64_t case_id = 0;
  std::string text;
  std::string old_category;
  std::string new_category;
  std::string old_ward;
  std::string new_ward;
  std::string actor;
  EpochMs at = 0;
};

}  // namespace wardline
