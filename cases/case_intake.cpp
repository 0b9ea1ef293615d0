#include "cases/case_intake.h"

#include <nlohmann/json.hpp>

#include "core/domain/geo.h"
#include "triage/normalize.h"

namespace wardline::cases {
namespace {

struct Placement {
  std::string ward;
  std::string department;
};

// The ward a case belongs to: named in the text > shared map point > where it was filed.
Placement Place(const AppConfig& config, const triage::TriageResult& r,
                const std::optional<GeoPoint>& location, const std::string& default_ward) {
  Placement p;
  if (r.ward_from_text) {
    p.ward = r.ward_slug;
  } else if (location && !WardForPoint(config, *location).empty()) {
    p.ward = WardForPoint(config, *location);
  } else {
    p.ward = default_ward;
  }
  p.department = r.needs_triage ? r.department : config.DepartmentFor(p.ward, r.category);
  if (p.department.empty()) p.department = config.routing.needs_triage_department;
  return p;
}

}  // namespace

CaseMessage StoredMessage(const InboundMessage& m, EpochMs now) {
  CaseMessage msg;
  msg.channel = m.channel;
  msg.direction = "in";
  msg.external_id = m.external_id;
  msg.kind = m.kind.empty() ? "text" : m.kind;
  msg.text = m.text;
  msg.attachments_json = AttachmentsJson(m);
  msg.at = m.sent_at ? m.sent_at : now;
  return msg;
}

std::string AttachmentsJson(const InboundMessage& m) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& a : m.attachments) {
    arr.push_back({{"type", a.type}, {"url", a.url}, {"name", a.name}});
  }
  if (m.location) {
    arr.push_back({{"type", "location"}, {"lat", m.location->lat}, {"lon", m.location->lon}});
  }
  return arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string SearchText(const std::string& text) {
  auto folded = triage::Fold(text);
  return folded.ok() ? *folded : "";
}

CaseIntake::CaseIntake(CaseStore& cases, const AppConfig& catalogue, IntakeSettings settings,
                       const Clock& clock, const triage::Triager& triager,
                       const ResidentMessages& messages, RandomBytes random)
    : cases_(cases),
      config_(catalogue),
      settings_(std::move(settings)),
      clock_(clock),
      triager_(triager),
      messages_(messages),
      random_(std::move(random)) {}

std::string CaseIntake::TrackUrl(const std::string& code) const {
  std::string base = settings_.public_base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/track/" + code;
}

Result<IntakeOutcome> CaseIntake::Accept(const InboundMessage& m, const ResidentDetails& details,
                                         const std::string& default_ward) {
  if (m.kind == "follow" || m.kind == "unfollow") return IntakeOutcome{};
  if (!m.external_id.empty()) {
    auto exists = cases_.MessageExists(m.channel, m.external_id);
    if (!exists.ok()) return exists.error();
    if (*exists) return IntakeOutcome{IntakeOutcome::Kind::kDuplicate, {}};
  }
  const EpochMs window = static_cast<EpochMs>(settings_.join_window_minutes) * 60'000;
  if (m.channel != ChannelKind::kWeb && !m.sender_id.empty() && window > 0) {
    if (Status locked = cases_.LockResident(m.channel, m.sender_id); !locked.ok()) {
      return locked.error();
    }
    auto open = cases_.FindOpenForResident(m.channel, m.sender_id, clock_.NowMs() - window);
    if (open.ok()) return Join(*open, m);
    if (open.error().code != ErrorCode::kNotFound) return open.error();
  }
  return Create(m, details, default_ward);
}

Result<IntakeOutcome> CaseIntake::Create(const InboundMessage& m, const ResidentDetails& details,
                                         const std::string& default_ward) {
  const EpochMs now = clock_.NowMs();
  auto triaged = triager_.Triage(m.text, "");
  if (!triaged.ok()) return triaged.error();
  Placement place = Place(config_, *triaged, m.location, default_ward);

  NewCase nc;
  Case& c = nc.data;
  c.tracking_code = NewTrackingCode(random_);
  c.channel = m.channel;
  c.resident_ref = m.sender_id;
  c.reply_ref = m.reply_ref;
  c.ward_slug = place.ward;
  c.text = m.text;
  c.search_text = SearchText(m.text);
  c.resident_name = details.name.empty() ? m.sender_name : details.name;
  c.resident_phone = details.phone;
  c.resident_address = details.address;
  c.location = m.location;
  c.last_message_at = now;
  // Triaged before it is stored, so the case enters its queue in the same commit.
  c.category = triaged->category;
  c.department = place.department;
  c.priority = triaged->priority;
  c.confidence = triaged->confidence;
  c.status = CaseStatus::kRouted;

  nc.first_message = StoredMessage(m, now);

  // Residents on Zalo and Facebook get the tracking code on the same channel; web residents
  // see it on the confirmation page.
  if (m.channel != ChannelKind::kWeb && !m.sender_id.empty()) {
    OutboxItem ack;
    ack.channel = m.channel;
    ack.recipient = m.sender_id;
    ack.reply_ref = m.reply_ref;
    ack.purpose = "ack";
    const Ward* w = config_.FindWard(place.ward);
    ack.text = messages_.Ack(w ? w->name : "", c.tracking_code, TrackUrl(c.tracking_code));
    nc.outbox.push_back(ack);
  }

  auto created = cases_.Create(nc, now);
  if (!created.ok()) {
    if (created.error().code == ErrorCode::kAlreadyExists) {
      return IntakeOutcome{IntakeOutcome::Kind::kDuplicate, {}};
    }
    return created.error();
  }
  return IntakeOutcome{IntakeOutcome::Kind::kCreated, *created};
}

Result<IntakeOutcome> CaseIntake::Join(const Case& open, const InboundMessage& m) {
  const EpochMs now = clock_.NowMs();
  const std::string joined_text =
      m.text.empty() ? open.text : (open.text.empty() ? m.text : open.text + "\n" + m.text);
  Status added =
      cases_.AddMessage(open.id, StoredMessage(m, now), m.location, SearchText(joined_text), now);
  if (!added.ok()) {
    if (added.error().code == ErrorCode::kAlreadyExists) {
      return IntakeOutcome{IntakeOutcome::Kind::kDuplicate, {}};
    }
    return added.error();
  }
  auto joined = cases_.Get(open.id);
  if (!joined.ok()) return joined.error();
  // New text or a map point can change what the case is about or where it is, as long as no
  // staff member has taken it yet.
  if ((!m.text.empty() || m.location) && joined->status == CaseStatus::kRouted) {
    if (auto retriaged = Retriage(*joined, "triage"); retriaged.ok()) joined = retriaged;
  }
  return IntakeOutcome{IntakeOutcome::Kind::kJoined, *joined};
}

Result<Case> CaseIntake::Retriage(const Case& c, const std::string& actor) {
  auto triaged = triager_.Triage(c.text, "");
  if (!triaged.ok()) return triaged.error();
  Placement place = Place(config_, *triaged, c.location, c.ward_slug);
  Case next = c;
  next.category = triaged->category;
  next.department = place.department;
  // Never downgrade: an urgent first message stays urgent when a photo follows.
  next.priority = c.priority == Priority::kUrgent ? Priority::kUrgent : triaged->priority;
  next.confidence = triaged->confidence;
  next.ward_slug = place.ward;
  if (next.status == CaseStatus::kReceived) next.status = CaseStatus::kRouted;
  const EpochMs now = clock_.NowMs();
  auto saved = cases_.Save(next, c.version, now);
  if (!saved.ok()) return saved.error();
  Status logged = cases_.AddEvent({0, c.id, "triaged", actor,
                                   "category=" + triaged->category + " department=" +
                                       place.department + " ward=" + place.ward,
                                   now});
  if (!logged.ok()) return logged.error();
  return saved;
}

}  // namespace wardline::cases
