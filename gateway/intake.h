// CaseIntake: turns one inbound message (web form, Zalo, Facebook) into a case or a follow-up
// of the resident's open case. It threads conversations, triages new text, locates shared map
// points, and queues the acknowledgement in the same transaction as the case.
// Thread safety: safe to call from many threads (state lives in the store).
#pragma once

#include <string>

#include "core/domain/clock.h"
#include "core/domain/config.h"
#include "core/domain/result.h"
#include "core/domain/tracking_code.h"
#include "core/store/store.h"
#include "triage/triager.h"
#include "ward-sites/page_renderer.h"

namespace wardline::gateway {

// Private details a resident typed into the web form.
struct ResidentDetails {
  std::string name, phone, address;
};

struct IntakeOutcome {
  enum class Kind { kCreated, kJoined, kDuplicate, kIgnored } kind = Kind::kIgnored;
  Case c;  // the created or joined case (empty for duplicates and ignored events)
};

class CaseIntake {
 public:
  CaseIntake(Store& store, const AppConfig& config, const Clock& clock,
             const triage::Triager& triager, const ward_sites::PageRenderer& renderer,
             RandomBytes random);

  // `default_ward`: the ward the message arrived through (ward site or the channel's ward).
  Result<IntakeOutcome> Accept(const InboundMessage& m, const ResidentDetails& details,
                               const std::string& default_ward);

  // Re-runs triage on the case's text (after new text joined it) while nobody has claimed it;
  // returns the updated case.
  Result<Case> Retriage(const Case& c, const std::string& actor);

  std::string TrackUrl(const std::string& code) const;

 private:
  Result<IntakeOutcome> Create(const InboundMessage& m, const ResidentDetails& details,
                               const std::string& default_ward);
  Result<IntakeOutcome> Join(const Case& open, const InboundMessage& m);

  Store& store_;
  const AppConfig& config_;
  const Clock& clock_;
  const triage::Triager& triager_;
  const ward_sites::PageRenderer& renderer_;
  RandomBytes random_;
};

// JSON array text of the message's attachments (and location), for storage.
std::string AttachmentsJson(const InboundMessage& m);

// The inbound message as stored on its case.
CaseMessage StoredMessage(const InboundMessage& m, EpochMs now);

}  // namespace wardline::gateway
