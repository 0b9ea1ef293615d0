// CaseService: every staff action on a case. Each action takes the authenticated actor, checks
// that the actor may do it (permissions.h) and that the case's state allows it, then runs in
// ONE transaction: the case write (guarded by its version), the audit event, and whatever goes
// with it (the reply queued to the resident, the triage correction). It returns the updated
// case. Nothing is written when any check fails.
//
// Errors common to every action:
//   kNotFound           no such case
//   kPermissionDenied   the actor's role, ward or department does not allow the action (or
//                       even reading the case: its existence is not secret to staff)
//   kFailedPrecondition the case's state does not allow it (e.g. a reply on a published case)
//   kInvalidArgument    a missing or malformed field (text, category, reason, ...)
//   kAborted            `expected_version` is not the case's version, or another write won
//   kUnavailable        the database does not answer
// Thread safety: safe to call from many threads (state lives in the stores).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cases/actor.h"
#include "cases/permissions.h"
#include "cases/resident_messages.h"
#include "core/domain/clock.h"
#include "core/domain/config.h"
#include "core/domain/result.h"
#include "core/store/account_store.h"
#include "core/store/case_store.h"
#include "core/store/correction_store.h"
#include "core/store/database.h"
#include "core/store/outbox_store.h"

namespace wardline::cases {

struct CaseServiceDeps {
  Database& db;
  CaseStore& cases;
  OutboxStore& outbox;
  CorrectionStore& corrections;
  AccountStore& accounts;
  const AppConfig& catalogue;  // wards, departments, categories and routing only
  const Clock& clock;
  const ResidentMessages& messages;
  std::string public_base_url;  // for the /track link in messages to residents
};

// The version the caller last saw; nullopt skips the check (the write is still refused when a
// concurrent writer wins the race).
using Version = std::optional<std::int64_t>;

struct RouteChange {
  std::optional<std::string> category;
  std::optional<std::string> department;  // default: the routing table's for ward + category
  std::optional<std::string> ward_slug;
  std::optional<Priority> priority;
};

// Reasons a case may be rejected for.
enum class RejectReason { kSpam, kOffTopic, kDuplicate, kOutOfScope };
std::optional<RejectReason> ParseRejectReason(const std::string& s);  // "spam", "off_topic", ...
const char* RejectReasonName(RejectReason r);

// Everything staff see about one case.
struct CaseDetail {
  Case c;
  std::vector<CaseMessage> messages;
  std::vector<CaseEvent> events;  // the audit trail, notes included
  std::vector<OutboxItem> outbox;
};

class CaseService {
 public:
  explicit CaseService(CaseServiceDeps deps);

  // Errors: kNotFound, kPermissionDenied, kUnavailable.
  Result<CaseDetail> Detail(const Actor& actor, std::int64_t id);
  // Narrowed to what the actor may read. Errors: kPermissionDenied (another ward asked for),
  // kUnavailable.
  Result<CasePage> List(const Actor& actor, CaseQuery q);

  // Answers the resident on the case's channel (queued in the outbox) and keeps the answer on
  // the case for /track. The case moves to in_progress (taken by the actor when unassigned),
  // or to resolved when `resolve` is set. Refused on published (unpublish first), merged,
  // rejected and closed cases.
  Result<Case> Reply(const Actor& actor, std::int64_t id, const std::string& text, bool resolve,
                     Version expected);
  // Re-routes to another category / department / ward (and priority); the change is kept as
  // a triage correction for training. An in-progress case goes back to the new queue.
  // Refused on published, resolved, merged, rejected and closed cases.
  Result<Case> Route(const Actor& actor, std::int64_t id, const RouteChange& change,
                     Version expected);
  // Assigns the case to `username` (who must be active and allowed to work it); "" unassigns.
  Result<Case> Assign(const Actor& actor, std::int64_t id, const std::string& username,
                      Version expected);
  // An internal note, never shown to the resident or on a public page.
  Result<Case> Note(const Actor& actor, std::int64_t id, const std::string& text,
                    Version expected);
  // Records the resolution and marks the case resolved; a new resolution text is sent to the
  // resident like a reply. An empty text keeps the answer already given.
  Result<Case> Resolve(const Actor& actor, std::int64_t id, const std::string& resolution,
                       Version expected);
  Result<Case> Reject(const Actor& actor, std::int64_t id, RejectReason reason,
                      const std::string& note, Version expected);
  // Merges the case into `into` (another open or resolved case the actor may work).
  Result<Case> Merge(const Actor& actor, std::int64_t id, std::int64_t into, Version expected);
  // Resolved, published or closed -> in progress; rejected or merged -> back to its queue.
  Result<Case> Reopen(const Actor& actor, std::int64_t id, Version expected);
  // Resolved -> published on the ward's public page, with the district office's edited
  // summary (optional: the resident's text, redacted, is shown otherwise).
  Result<Case> Publish(const Actor& actor, std::int64_t id, const std::optional<std::string>& summary,
                       Version expected);
  Result<Case> Unpublish(const Actor& actor, std::int64_t id, Version expected);

 private:
  struct Change {
    Case next;                         // the case as it should be stored
    bool write_case = true;            // false: only the event (a note)
    std::string event_kind;            // audit event
    std::string event_detail;
    std::optional<std::string> reply;  // a text to queue to the resident
    std::optional<TriageCorrection> correction;
  };
  using Planner = std::function<Result<Change>(const Case& current)>;

  // The one transaction every action runs: lock the case, check the actor and the version,
  // let `plan` decide the change from the current case, write it all.
  Result<Case> Apply(const Actor& actor, Action action, std::int64_t id, Version expected,
                     const Planner& plan);
  Status QueueReply(const Case& c, const std::string& text, EpochMs now);
  std::string TrackUrl(const std::string& code) const;

  CaseServiceDeps d_;
};

}  // namespace wardline::cases
