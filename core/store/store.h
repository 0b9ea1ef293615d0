// Store: the persistence seam. One interface for the case aggregate, the inbound event inbox,
// the outbox, platform tokens and triage corrections. The SOCI implementation (soci_store.h)
// serves sqlite3:// and mysql:// URLs; no SOCI type appears here.
// Thread safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/result.h"
#include "core/domain/types.h"

namespace wardline {

struct NewCase {
  Case data;                      // id, created_at ignored; tracking_code must be set
  std::optional<CaseMessage> first_message;  // stored with the case (dedup by external id)
  std::vector<OutboxItem> outbox;  // e.g. the acknowledgement, queued in the same transaction
  std::string actor = "resident";
};

struct CaseFilter {
  std::optional<std::string> ward_slug;
  std::optional<std::string> department;
  std::optional<CaseStatus> status;
  int limit = 100;
  int offset = 0;
};

struct TriageUpdate {
  std::optional<std::string> category;
  std::string department;
  Priority priority = Priority::kNormal;
  double confidence = 0;
  std::string ward_slug;
};

struct PlatformToken {
  std::string access_token;
  std::string refresh_token;
  EpochMs expires_at = 0;
  std::int64_t version = 0;  // bumped on every write; compare-and-swap guard
};

struct CountByStatus {
  std::string status;
  std::int64_t count = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Health: kUnavailable when the database does not answer.
  virtual Status Ping() = 0;

  // Runs `fn` so that every Store call it makes (on this thread) joins one transaction: one
  // commit for a whole batch of work. Committed when `fn` returns ok, rolled back otherwise.
  // A write inside that fails (e.g. a duplicate) undoes only itself, through a savepoint.
  // `fn` may run on another thread (SQLite group commit); it must not wait on other threads.
  virtual Status InTransaction(const std::function<Status()>& fn) = 0;

  // --- cases ---------------------------------------------------------------
  // Inserts the case, its first message, a "created" event (and a "triaged" event when the
  // case already carries a category) and its outbox items in one transaction.
  // kAlreadyExists when the first message's (channel, external_id) is already stored.
  virtual Result<Case> CreateCase(const NewCase& c, EpochMs now) = 0;
  virtual Result<Case> GetCase(std::int64_t id) = 0;
  virtual Result<Case> GetCaseByTrackingCode(const std::string& code) = 0;
  virtual Result<std::vector<Case>> ListCases(const CaseFilter& filter) = 0;
  // The newest open case of this resident on this channel whose last message is not older
  // than `since`, for threading; kNotFound when none.
  virtual Result<Case> FindOpenCaseForResident(ChannelKind channel, const std::string& resident_ref,
                                               EpochMs since) = 0;
  // Inside InTransaction: holds this resident's lock until the transaction ends, so that
  // workers (in this or another hub process) never thread one resident's messages at the same
  // time (two "first" messages would open two cases).
  virtual Status LockResident(ChannelKind channel, const std::string& resident_ref) = 0;
  // Appends a message to a case (joins text, location), bumps last_message_at.
  // kAlreadyExists when (channel, external_id) is already stored.
  virtual Status AddMessage(std::int64_t case_id, const CaseMessage& m,
                            const std::optional<GeoPoint>& location, EpochMs now) = 0;
  // In the order sent (message time, then storage order): workers may store one resident's
  // messages out of order.
  virtual Result<std::vector<CaseMessage>> ListMessages(std::int64_t case_id) = 0;
  // Whether a message with this external id exists on the channel.
  virtual Result<bool> MessageExists(ChannelKind channel, const std::string& external_id) = 0;

  // Status change with the state machine checked inside the transaction, plus an event.
  virtual Result<Case> Transition(std::int64_t case_id, CaseStatus to, const std::string& actor,
                                  const std::string& detail, EpochMs now) = 0;
  // Stores triage output and moves received -> routed, with an event.
  virtual Result<Case> ApplyTriage(std::int64_t case_id, const TriageUpdate& t,
                                   const std::string& actor, EpochMs now) = 0;
  virtual Status SetResolution(std::int64_t case_id, const std::string& text,
                               const std::string& actor, EpochMs now) = 0;
  virtual Status SetDeliveryNote(std::int64_t case_id, const std::string& note, EpochMs now) = 0;
  virtual Status AddEvent(const CaseEvent& e) = 0;
  virtual Result<std::vector<CaseEvent>> ListEvents(std::int64_t case_id) = 0;
  virtual Result<std::vector<CountByStatus>> CountCasesByStatus() = 0;

  // --- inbound event inbox (webhooks) -----------------------------------------
  // Stores raw bodies durably in ONE transaction (group commit). Returns, per event, true when
  // stored, false when a byte-identical body was stored before.
  virtual Result<std::vector<bool>> InsertRawEvents(const std::vector<RawEvent>& events) = 0;
  // Claims up to `limit` unprocessed events whose lease is free or lapsed, leasing them to
  // `owner` until `lease_until`. Oldest first.
  virtual Result<std::vector<RawEvent>> ClaimRawEvents(const std::string& owner, int limit,
                                                       EpochMs now, EpochMs lease_until) = 0;
  virtual Status MarkRawEventDone(std::int64_t id, const std::string& outcome) = 0;
  virtual Status ReleaseRawEvent(std::int64_t id, const std::string& error, EpochMs retry_at) = 0;
  virtual Result<std::int64_t> CountPendingRawEvents() = 0;

  // --- outbox ---------------------------------------------------------------
  virtual Result<std::int64_t> EnqueueOutbox(const OutboxItem& item, EpochMs now) = 0;
  virtual Result<std::vector<OutboxItem>> ClaimOutbox(const std::string& owner, int limit,
                                                      EpochMs now, EpochMs lease_until) = 0;
  virtual Status MarkOutboxSent(std::int64_t id, const std::string& platform_message_id,
                                EpochMs now) = 0;
  virtual Status MarkOutboxRetry(std::int64_t id, const std::string& error,
                                 EpochMs next_attempt_at) = 0;
  virtual Status MarkOutboxFailed(std::int64_t id, const std::string& error, EpochMs now) = 0;
  virtual Result<std::vector<OutboxItem>> ListOutboxForCase(std::int64_t case_id) = 0;
  virtual Result<std::int64_t> CountPendingOutbox() = 0;

  // --- platform tokens --------------------------------------------------------
  virtual Result<PlatformToken> GetToken(const std::string& name) = 0;  // kNotFound if none
  // Writes only when the stored version equals `expected_version` (0 = no row yet).
  // kFailedPrecondition when someone else wrote first.
  virtual Result<PlatformToken> CompareAndSwapToken(const std::string& name,
                                                    const PlatformToken& next,
                                                    std::int64_t expected_version) = 0;

  // --- triage corrections -----------------------------------------------------
  virtual Status AddCorrection(const TriageCorrection& c) = 0;
  virtual Result<std::vector<TriageCorrection>> ListCorrections() = 0;
};

// Opens a store from a SOCI-style URL ("sqlite3://db=..." or "mysql://db=... host=..."),
// runs migrations, and returns it. kInvalidArgument for a bad URL, kUnavailable when the
// database cannot be reached, kFailedPrecondition for a schema newer than this build.
Result<std::unique_ptr<Store>> OpenStore(const std::string& url, int pool_size = 8);

}  // namespace wardline
