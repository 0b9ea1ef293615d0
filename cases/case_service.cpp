#include "cases/case_service.h"

#include <utility>

#include "cases/text_input.h"
#include "core/domain/case_state.h"
#include "core/domain/enum_names.h"

namespace wardline::cases {
namespace {

constexpr std::size_t kMaxReplyChars = 4000;
constexpr std::size_t kMaxNoteChars = 4000;
constexpr std::size_t kMaxSummaryChars = 2000;

constexpr NameTable<RejectReason, 4> kRejectReasons{{
    {RejectReason::kSpam, "spam"},
    {RejectReason::kOffTopic, "off_topic"},
    {RejectReason::kDuplicate, "duplicate"},
    {RejectReason::kOutOfScope, "out_of_scope"},
}};

bool IsOneOf(CaseStatus s, std::initializer_list<CaseStatus> set) {
  for (CaseStatus x : set) {
    if (s == x) return true;
  }
  return false;
}

using S = CaseStatus;

// Why a case in this state cannot be answered or changed, in words staff understand.
Error Refused(const Case& c, const char* what) {
  switch (c.status) {
    case S::kPublished:
      return FailedPrecondition(std::string("the case is published; unpublish it before you ") + what);
    case S::kMerged:
      return FailedPrecondition(std::string("the case was merged into case ") +
                                std::to_string(c.merged_into.value_or(0)) + "; " + what +
                                " there instead");
    default:
      return FailedPrecondition(std::string("cannot ") + what + " a case that is " +
                                StatusName(c.status));
  }
}

// Moves `next` to `to`, checked against the state machine.
Status MoveTo(Case& next, CaseStatus to) {
  if (next.status == to) return OkStatus();
  if (Status s = CheckTransition(next.status, to); !s.ok()) return s;
  next.status = to;
  return OkStatus();
}

}  // namespace

std::optional<RejectReason> ParseRejectReason(const std::string& s) {
  return Lookup(kRejectReasons, s);
}

const char* RejectReasonName(RejectReason r) { return NameOf(kRejectReasons, r); }

CaseService::CaseService(CaseServiceDeps deps) : d_(std::move(deps)) {}

std::string CaseService::TrackUrl(const std::string& code) const {
  std::string base = d_.public_base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/track/" + code;
}

Result<CaseDetail> CaseService::Detail(const Actor& actor, std::int64_t id) {
  auto c = d_.cases.Get(id);
  if (!c.ok()) return c.error();
  if (Status a = Authorize(actor, Action::kRead, *c); !a.ok()) return a.error();
  CaseDetail out{*c, {}, {}, {}};
  auto messages = d_.cases.ListMessages(id);
  if (!messages.ok()) return messages.error();
  auto events = d_.cases.ListEvents(id);
  if (!events.ok()) return events.error();
  auto outbox = d_.outbox.ListForCase(id);
  if (!outbox.ok()) return outbox.error();
  out.messages = std::move(messages).value();
  out.events = std::move(events).value();
  out.outbox = std::move(outbox).value();
  return out;
}

Result<CasePage> CaseService::List(const Actor& actor, CaseQuery q) {
  if (Status s = ScopeQuery(actor, q); !s.ok()) return s.error();
  return d_.cases.List(q);
}

Result<Case> CaseService::Apply(const Actor& actor, Action action, std::int64_t id,
                                Version expected, const Planner& plan) {
  std::optional<Case> out;
  Status done = d_.db.InTransaction([&]() -> Status {
    auto current = d_.cases.GetForUpdate(id);
    if (!current.ok()) return current.error();
    if (Status a = Authorize(actor, action, *current); !a.ok()) return a;
    if (expected && *expected != current->version) {
      return Aborted("the case was changed by someone else (now version " +
                     std::to_string(current->version) + ", you sent version " +
                     std::to_string(*expected) + "); reload it and try again");
    }
    auto change = plan(*current);
    if (!change.ok()) return change.error();
    const EpochMs now = d_.clock.NowMs();
    if (change->write_case) {
      auto saved = d_.cases.Save(change->next, current->version, now);
      if (!saved.ok()) return saved.error();
      out = std::move(saved).value();
    } else {
      out = *current;
    }
    if (Status e = d_.cases.AddEvent({0, id, change->event_kind, actor.username,
                                      change->event_detail, now});
        !e.ok()) {
      return e;
    }
    if (change->reply) {
      if (Status q = QueueReply(*out, *change->reply, now); !q.ok()) return q;
    }
    if (change->correction) {
      change->correction->actor = actor.username;
      change->correction->at = now;
      if (Status c = d_.corrections.Add(*change->correction); !c.ok()) return c;
    }
    return OkStatus();
  });
  if (!done.ok()) return done.error();
  return *out;
}

Status CaseService::QueueReply(const Case& c, const std::string& text, EpochMs now) {
  // Web residents read the answer on /track; the other channels get it where they wrote.
  if (c.channel == ChannelKind::kWeb || c.resident_ref.empty()) return OkStatus();
  OutboxItem item;
  item.case_id = c.id;
  item.channel = c.channel;
  item.recipient = c.resident_ref;
  item.reply_ref = c.reply_ref;
  item.purpose = "reply";
  const Ward* w = d_.catalogue.FindWard(c.ward_slug);
  item.text = d_.messages.Reply(w ? w->name : "", c.tracking_code, text, TrackUrl(c.tracking_code));
  auto queued = d_.outbox.Enqueue(item, now);
  if (!queued.ok()) return queued.error();
  return OkStatus();
}

Result<Case> CaseService::Reply(const Actor& actor, std::int64_t id, const std::string& text,
                                bool resolve, Version expected) {
  auto clean = CheckText(text, "text", kMaxReplyChars);
  if (!clean.ok()) return clean.error();
  const EpochMs now = d_.clock.NowMs();
  return Apply(actor, Action::kReply, id, expected, [&](const Case& c) -> Result<Change> {
    if (!IsOneOf(c.status, {S::kReceived, S::kRouted, S::kInProgress, S::kResolved})) {
      return Refused(c, "reply to");
    }
    Change ch{c, true, resolve ? "resolved" : "reply", "", *clean, std::nullopt};
    ch.next.resolution = *clean;
    if (ch.next.assignee.empty()) ch.next.assignee = actor.username;
    if (resolve) {
      if (Status s = MoveTo(ch.next, S::kResolved); !s.ok()) return s.error();
      ch.next.resolved_at = now;
    } else if (c.status != S::kResolved) {
      if (Status s = MoveTo(ch.next, S::kInProgress); !s.ok()) return s.error();
    }
    return ch;
  });
}

Result<Case> CaseService::Route(const Actor& actor, std::int64_t id, const RouteChange& change,
                                Version expected) {
  if (change.category && !d_.catalogue.FindCategory(*change.category)) {
    return InvalidArgument("unknown category \"" + *change.category + "\"");
  }
  if (change.ward_slug && !d_.catalogue.FindWard(*change.ward_slug)) {
    return InvalidArgument("unknown ward \"" + *change.ward_slug + "\"");
  }
  if (change.department && !d_.catalogue.FindDepartment(*change.department)) {
    return InvalidArgument("unknown department \"" + *change.department + "\"");
  }
  if (!change.category && !change.ward_slug && !change.department && !change.priority) {
    return InvalidArgument("name at least one of category, department, ward, priority");
  }
  return Apply(actor, Action::kRoute, id, expected, [&](const Case& c) -> Result<Change> {
    if (!IsOneOf(c.status, {S::kReceived, S::kRouted, S::kInProgress})) return Refused(c, "re-route");
    Change ch{c, true, "rerouted", "", std::nullopt, std::nullopt};
    Case& n = ch.next;
    if (change.category) n.category = *change.category;
    if (change.ward_slug) n.ward_slug = *change.ward_slug;
    if (change.priority) n.priority = *change.priority;
    if (change.department) {
      n.department = *change.department;
    } else if (change.category || change.ward_slug) {
      n.department = d_.catalogue.DepartmentFor(n.ward_slug, n.category.value_or(""));
      if (n.department.empty()) n.department = d_.catalogue.routing.needs_triage_department;
    }
    n.confidence = 1.0;  // a person decided
    if (n.department != c.department || n.ward_slug != c.ward_slug) {
      n.assignee.clear();  // the new queue picks it up
      if (Status s = MoveTo(n, S::kRouted); !s.ok()) return s.error();
    } else if (n.status == S::kReceived) {
      if (Status s = MoveTo(n, S::kRouted); !s.ok()) return s.error();
    }
    ch.event_detail = "category=" + n.category.value_or("") + " department=" + n.department +
                      " ward=" + n.ward_slug + " priority=" + PriorityName(n.priority);
    if (n.category != c.category || n.ward_slug != c.ward_slug) {
      ch.correction = TriageCorrection{c.id, c.text, c.category.value_or(""), n.category.value_or(""),
                                       c.ward_slug, n.ward_slug, "", 0};
    }
    return ch;
  });
}

Result<Case> CaseService::Assign(const Actor& actor, std::int64_t id, const std::string& username,
                                 Version expected) {
  std::optional<Actor> assignee;
  if (!username.empty()) {
    auto u = d_.accounts.GetUser(username);
    if (!u.ok()) {
      if (u.error().code == ErrorCode::kNotFound) return InvalidArgument("no user \"" + username + "\"");
      return u.error();
    }
    if (u->disabled) return InvalidArgument("the account \"" + username + "\" is disabled");
    assignee = ActorFor(*u);
  }
  return Apply(actor, Action::kAssign, id, expected, [&](const Case& c) -> Result<Change> {
    if (!IsOneOf(c.status, {S::kReceived, S::kRouted, S::kInProgress})) return Refused(c, "assign");
    if (assignee) {
      if (Status s = Authorize(*assignee, Action::kReply, c); !s.ok()) {
        return InvalidArgument(username + " may not work this case: " + s.error().message);
      }
    }
    Change ch{c, true, "assigned", username.empty() ? "unassigned" : "to=" + username,
              std::nullopt, std::nullopt};
    ch.next.assignee = username;
    if (Status s = MoveTo(ch.next, username.empty() ? S::kRouted : S::kInProgress); !s.ok()) {
      return s.error();
    }
    return ch;
  });
}

Result<Case> CaseService::Note(const Actor& actor, std::int64_t id, const std::string& text,
                               Version expected) {
  auto clean = CheckText(text, "text", kMaxNoteChars);
  if (!clean.ok()) return clean.error();
  return Apply(actor, Action::kNote, id, expected, [&](const Case& c) -> Result<Change> {
    return Change{c, false, "note", *clean, std::nullopt, std::nullopt};
  });
}

Result<Case> CaseService::Resolve(const Actor& actor, std::int64_t id, const std::string& resolution,
                                  Version expected) {
  std::optional<std::string> clean;
  if (!resolution.empty()) {
    auto checked = CheckText(resolution, "resolution", kMaxReplyChars);
    if (!checked.ok()) return checked.error();
    clean = *checked;
  }
  const EpochMs now = d_.clock.NowMs();
  return Apply(actor, Action::kResolve, id, expected, [&](const Case& c) -> Result<Change> {
    if (!IsOneOf(c.status, {S::kReceived, S::kRouted, S::kInProgress})) return Refused(c, "resolve");
    if (!clean && c.resolution.empty()) {
      return InvalidArgument("resolution is required: the resident has had no answer yet");
    }
    Change ch{c, true, "resolved", "", std::nullopt, std::nullopt};
    if (clean && *clean != c.resolution) {
      ch.next.resolution = *clean;
      ch.reply = *clean;
    }
    if (ch.next.assignee.empty()) ch.next.assignee = actor.username;
    if (Status s = MoveTo(ch.next, S::kResolved); !s.ok()) return s.error();
    ch.next.resolved_at = now;
    return ch;
  });
}

Result<Case> CaseService::Reject(const Actor& actor, std::int64_t id, RejectReason reason,
                                 const std::string& note, Version expected) {
  std::string clean_note;
  if (!note.empty()) {
    auto checked = CheckText(note, "note", kMaxNoteChars);
    if (!checked.ok()) return checked.error();
    clean_note = *checked;
  }
  return Apply(actor, Action::kReject, id, expected, [&](const Case& c) -> Result<Change> {
    if (!IsOneOf(c.status, {S::kReceived, S::kRouted, S::kInProgress})) return Refused(c, "reject");
    Change ch{c, true, "rejected", std::string("reason=") + RejectReasonName(reason) +
                                       (clean_note.empty() ? "" : " note=" + clean_note),
              std::nullopt, std::nullopt};
    ch.next.reject_reason = RejectReasonName(reason);
    if (Status s = MoveTo(ch.next, S::kRejected); !s.ok()) return s.error();
    return ch;
  });
}

Result<Case> CaseService::Merge(const Actor& actor, std::int64_t id, std::int64_t into,
                                Version expected) {
  if (into <= 0) return InvalidArgument("into: the id of the case to merge into is required");
  if (into == id) return InvalidArgument("a case cannot be merged into itself");
  return Apply(actor, Action::kMerge, id, expected, [&](const Case& c) -> Result<Change> {
    if (!IsOneOf(c.status, {S::kReceived, S::kRouted, S::kInProgress})) return Refused(c, "merge");
    auto target = d_.cases.GetForUpdate(into);
    if (!target.ok()) {
      if (target.error().code == ErrorCode::kNotFound) {
        return InvalidArgument("no case " + std::to_string(into) + " to merge into");
      }
      return target.error();
    }
    if (Status a = Authorize(actor, Action::kMerge, *target); !a.ok()) return a.error();
    if (IsOneOf(target->status, {S::kMerged, S::kRejected})) {
      return FailedPrecondition("case " + std::to_string(into) + " is " +
                                StatusName(target->status) + "; merge into the case that stays open");
    }
    Status linked = d_.cases.AddEvent({0, into, "merged_from", actor.username,
                                       "case=" + std::to_string(id), d_.clock.NowMs()});
    if (!linked.ok()) return linked.error();
    Change ch{c, true, "merged", "into=" + std::to_string(into), std::nullopt, std::nullopt};
    ch.next.merged_into = into;
    if (Status s = MoveTo(ch.next, S::kMerged); !s.ok()) return s.error();
    return ch;
  });
}

Result<Case> CaseService::Reopen(const Actor& actor, std::int64_t id, Version expected) {
  return Apply(actor, Action::kReopen, id, expected, [&](const Case& c) -> Result<Change> {
    Change ch{c, true, "reopened", std::string("from=") + StatusName(c.status), std::nullopt,
              std::nullopt};
    CaseStatus to;
    if (IsOneOf(c.status, {S::kResolved, S::kPublished, S::kClosed})) {
      to = S::kInProgress;
    } else if (IsOneOf(c.status, {S::kRejected, S::kMerged})) {
      to = S::kRouted;
      ch.next.merged_into.reset();
      ch.next.reject_reason.clear();
    } else {
      return FailedPrecondition(std::string("the case is already open (") + StatusName(c.status) + ")");
    }
    if (Status s = MoveTo(ch.next, to); !s.ok()) return s.error();
    return ch;
  });
}

Result<Case> CaseService::Publish(const Actor& actor, std::int64_t id,
                                  const std::optional<std::string>& summary, Version expected) {
  std::optional<std::string> clean;
  if (summary) {
    auto checked = CheckText(*summary, "summary", kMaxSummaryChars);
    if (!checked.ok()) return checked.error();
    clean = *checked;
  }
  const EpochMs now = d_.clock.NowMs();
  return Apply(actor, Action::kPublish, id, expected, [&](const Case& c) -> Result<Change> {
    if (c.status != S::kResolved) return Refused(c, "publish");
    if (c.resolution.empty()) return FailedPrecondition("the case has no answer to publish");
    Change ch{c, true, "published", clean ? "summary edited" : "", std::nullopt, std::nullopt};
    if (clean) ch.next.public_summary = *clean;
    ch.next.published_at = now;
    if (Status s = MoveTo(ch.next, S::kPublished); !s.ok()) return s.error();
    return ch;
  });
}

Result<Case> CaseService::Unpublish(const Actor& actor, std::int64_t id, Version expected) {
  return Apply(actor, Action::kUnpublish, id, expected, [&](const Case& c) -> Result<Change> {
    if (c.status != S::kPublished) return Refused(c, "unpublish");
    Change ch{c, true, "unpublished", "", std::nullopt, std::nullopt};
    // Taken off the public page only: the answer stays with the resident.
    if (Status s = MoveTo(ch.next, S::kResolved); !s.ok()) return s.error();
    return ch;
  });
}

}  // namespace wardline::cases
