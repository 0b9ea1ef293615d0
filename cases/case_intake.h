// CaseIntake: turns one inbound message (web form, Zalo, Facebook) into a case or a follow-up
// of the resident's open case. It threads conversations, triages new text, locates shared map
// points, and queues the acknowledgement in the same transaction as the case.
// Callers run Accept() inside Database::InTransaction, so the resident lock, the case and its
// acknowledgement commit together.
// Thread safety: safe to call from many threads (state lives in the store).
#pragma once

#include <string>

#include "core/domain/clock.h"
#include "core/domain/config.h"
#include "core/domain/result.h"
#include "core/domain/tracking_code.h"
#include "cases/resident_messages.h"
#include "core/store/case_store.h"
#include "triage/triager.h"

namespace wardline::cases {

// Private details a resident typed into the web form.
struct ResidentDetails {
  std::string name, phone, address;
};

struct IntakeOutcome {
  enum class Kind { kCreated, kJoined, kDuplicate, kIgnored } kind = Kind::kIgnored;
  Case c;  // the created or joined case (empty for duplicates and ignored events)
};

struct IntakeSettings {
  int join_window_minutes = 30;  // ThreadingConfig: messages within it join the open case
  std::string public_base_url;   // for the /track link in the acknowledgement
};

class CaseIntake {
 public:
  // `catalogue`: wards, departments, categories and routing.
  CaseIntake(CaseStore& cases, const AppConfig& catalogue, IntakeSettings settings,
             const Clock& clock, const triage::Triager& triager,
             const ResidentMessages& messages, RandomBytes random);

  // `default_ward`: the ward the message arrived through (ward site or the channel's ward).
  // Errors: kUnavailable (database); kInvalidArgument from triage on invalid text.
  Result<IntakeOutcome> Accept(const InboundMessage& m, const ResidentDetails& details,
                               const std::string& default_ward);

  // Re-runs triage on the case's text (after new text joined it) while nobody has claimed it;
  // returns the updated case. Errors: kAborted when staff changed the case meanwhile;
  // kUnavailable.
  Result<Case> Retriage(const Case& c, const std::string& actor);

  std::string TrackUrl(const std::string& code) const;

 private:
  Result<IntakeOutcome> Create(const InboundMessage& m, const ResidentDetails& details,
                               const std::string& default_ward);
  Result<IntakeOutcome> Join(const Case& open, const InboundMessage& m);

  CaseStore& cases_;
  const AppConfig& config_;
  IntakeSettings settings_;
  const Clock& clock_;
  const triage::Triager& triager_;
  const ResidentMessages& messages_;
  RandomBytes random_;
};

// JSON array text of the message's attachments (and location), for storage.
std::string AttachmentsJson(const InboundMessage& m);

// The inbound message as stored on its case.
CaseMessage StoredMessage(const InboundMessage& m, EpochMs now);

// The folded text staff search in (Case::search_text); "" for invalid UTF-8.
std::string SearchText(const std::string& text);

}  // namespace wardline::cases
