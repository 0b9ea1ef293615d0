// CaseStore: the case aggregate — cases with their messages and audit events.
// Thread safety: safe to call from many threads. Inside Database::InTransaction every call
// joins the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/result.h"
#include "core/domain/types.h"

namespace wardline {

struct NewCase {
  Case data;                      // id, created_at, version ignored; tracking_code must be set
  std::optional<CaseMessage> first_message;  // stored with the case (dedup by external id)
  std::vector<OutboxItem> outbox;  // e.g. the acknowledgement, queued in the same transaction
  std::string actor = "resident";
};

// Filters of a case list; absent ones do not constrain. Text search `q` must already be
// folded the way Case::search_text is (the triage normaliser: lower case, no diacritics).
struct CaseQuery {
  std::optional<std::string> ward_slug;
  std::optional<std::string> department;
  std::vector<CaseStatus> statuses;   // any of these; empty: all
  std::optional<std::string> category;
  std::optional<Priority> priority;
  std::optional<ChannelKind> channel;
  std::optional<std::string> assignee;
  std::optional<std::string> q;
  std::optional<EpochMs> from;        // created_at >= from
  std::optional<EpochMs> to;          // created_at < to
  std::optional<std::int64_t> before_id;  // keyset cursor: only ids below it
  int limit = 50;
};

struct CasePage {
  std::vector<Case> cases;                // newest first (id descending)
  std::optional<std::int64_t> next;       // cursor of the next page; nullopt on the last page
};

struct StatusCount {
  std::string status;
  std::int64_t count = 0;
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // Inserts the case (version 1), its first message, a "created" event (and a "triaged"
  // event when it already carries a category) and its outbox items in one transaction.
  // Errors: kAlreadyExists when the first message's (channel, external_id) is stored already;
  // kUnavailable when the database does not answer.
  virtual Result<Case> Create(const NewCase& c, EpochMs now) = 0;

  // Errors: kNotFound; kUnavailable.
  virtual Result<Case> Get(std::int64_t id) = 0;
  // As Get, and inside a transaction holds the case's row lock until it ends (MariaDB; SQLite
  // has one writer), so a check-then-write on the case cannot interleave with another hub.
  virtual Result<Case> GetForUpdate(std::int64_t id) = 0;
  // Errors: kNotFound; kUnavailable.
  virtual Result<Case> GetByTrackingCode(const std::string& code) = 0;

  // One page of cases matching the query, newest first. The statement names only the
  // filters present, so each combination uses its index. Errors: kUnavailable.
  virtual Result<CasePage> List(const CaseQuery& q) = 0;

  // Writes every mutable field of `c` (ward, triage, status, texts, assignee, timestamps)
  // when the stored version is still `expected_version`, and bumps the version.
  // Errors: kNotFound; kAborted when someone else changed the case first; kUnavailable.
  virtual Result<Case> Save(const Case& c, std::int64_t expected_version, EpochMs now) = 0;

  // The newest open case of this resident on this channel whose last message is not older
  // than `since`, for threading. Errors: kNotFound when none; kUnavailable.
  virtual Result<Case> FindOpenForResident(ChannelKind channel, const std::string& resident_ref,
                                           EpochMs since) = 0;
  // Inside a transaction: holds this resident's lock until it ends, so that workers (in this
  // or another hub) never thread one resident's messages at the same time. Errors: kUnavailable.
  virtual Status LockResident(ChannelKind channel, const std::string& resident_ref) = 0;

  // Appends a message (joining its text to the case's, taking its location) and bumps
  // last_message_at; `search_text` is the case's new folded text. Does not bump the version
  // (a resident writing again must not make a staff answer fail).
  // Errors: kNotFound; kAlreadyExists when (channel, external_id) is stored; kUnavailable.
  virtual Status AddMessage(std::int64_t case_id, const CaseMessage& m,
                            const std::optional<GeoPoint>& location,
                            const std::string& search_text, EpochMs now) = 0;
  // Errors: kUnavailable.
  virtual Result<std::vector<CaseMessage>> ListMessages(std::int64_t case_id) = 0;
  // Errors: kUnavailable.
  virtual Result<bool> MessageExists(ChannelKind channel, const std::string& external_id) = 0;

  // Records why a delivery to the resident failed (shown to staff), with an event; no version
  // bump. Errors: kUnavailable.
  virtual Status SetDeliveryNote(std::int64_t case_id, const std::string& note, EpochMs now) = 0;

  // Errors: kUnavailable.
  virtual Status AddEvent(const CaseEvent& e) = 0;
  // Oldest first. Errors: kUnavailable.
  virtual Result<std::vector<CaseEvent>> ListEvents(std::int64_t case_id) = 0;
  // Errors: kUnavailable.
  virtual Result<std::vector<StatusCount>> CountByStatus() = 0;
  // The query plan of List(q) as the database reports it (EXPLAIN QUERY PLAN / EXPLAIN), one
  // line per step, for tests that keep each filter combination on an index.
  virtual Result<std::vector<std::string>> ExplainList(const CaseQuery& q) = 0;
};

}  // namespace wardline
