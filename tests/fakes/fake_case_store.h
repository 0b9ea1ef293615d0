// FakeCaseStore: cases, their messages and events in memory, with the CaseStore contract's
// version check (Save refuses a stale version with kAborted) and keyset paging. Enlist it with
// a FakeDatabase to have failed transactions undo its writes. Not thread-safe.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/store/case_store.h"
#include "tests/fakes/fake_database.h"

namespace wardline::fakes {

class FakeCaseStore final : public CaseStore, public Transactional {
 public:
  // Stores `c` as it is (id and version kept; id assigned when 0), for test set-up.
  Case Put(Case c) {
    if (c.id == 0) c.id = next_id_;
    next_id_ = std::max(next_id_, c.id + 1);
    cases_[c.id] = c;
    return c;
  }
  std::vector<CaseEvent> EventsOf(std::int64_t case_id) const {
    std::vector<CaseEvent> out;
    for (const CaseEvent& e : events_) {
      if (e.case_id == case_id) out.push_back(e);
    }
    return out;
  }
  int saves() const { return saves_; }

  std::function<void()> Snapshot() override {
    return [this, cases = cases_, messages = messages_, events = events_, next = next_id_] {
      cases_ = cases;
      messages_ = messages;
      events_ = events;
      next_id_ = next;
    };
  }

  Result<Case> Create(const NewCase& nc, EpochMs now) override {
    if (nc.first_message && !nc.first_message->external_id.empty()) {
      auto seen = MessageExists(nc.first_message->channel, nc.first_message->external_id);
      if (*seen) return AlreadyExists("message stored already");
    }
    Case c = nc.data;
    c.id = 0;
    c.version = 1;
    c.created_at = c.updated_at = c.last_message_at = now;
    c = Put(c);
    if (nc.first_message) {
      CaseMessage m = *nc.first_message;
      m.case_id = c.id;
      messages_.push_back(m);
    }
    events_.push_back({0, c.id, "created", nc.actor, "", now});
    return c;
  }

  Result<Case> Get(std::int64_t id) override {
    auto it = cases_.find(id);
    if (it == cases_.end()) return NotFound("no case " + std::to_string(id));
    return it->second;
  }
  Result<Case> GetForUpdate(std::int64_t id) override { return Get(id); }

  Result<Case> GetByTrackingCode(const std::string& code) override {
    for (const auto& [id, c] : cases_) {
      if (c.tracking_code == code) return c;
    }
    return NotFound("no case with code " + code);
  }

  Result<CasePage> List(const CaseQuery& q) override {
    CasePage page;
    for (auto it = cases_.rbegin(); it != cases_.rend(); ++it) {
      const Case& c = it->second;
      if (q.before_id && c.id >= *q.before_id) continue;
      if (!Matches(q, c)) continue;
      if (static_cast<int>(page.cases.size()) == q.limit) {
        page.next = page.cases.back().id;
        break;
      }
      page.cases.push_back(c);
    }
    return page;
  }

  Result<Case> Save(const Case& c, std::int64_t expected_version, EpochMs now) override {
    auto it = cases_.find(c.id);
    if (it == cases_.end()) return NotFound("no case " + std::to_string(c.id));
    if (it->second.version != expected_version) return Aborted("case changed");
    ++saves_;
    Case next = c;
    next.version = expected_version + 1;
    next.updated_at = now;
    it->second = next;
    return next;
  }

  Result<Case> FindOpenForResident(ChannelKind channel, const std::string& resident_ref,
                                   EpochMs since) override {
    for (auto it = cases_.rbegin(); it != cases_.rend(); ++it) {
      const Case& c = it->second;
      if (c.channel == channel && c.resident_ref == resident_ref && c.last_message_at >= since &&
          (c.status == CaseStatus::kReceived || c.status == CaseStatus::kRouted ||
           c.status == CaseStatus::kInProgress)) {
        return c;
      }
    }
    return NotFound("no open case");
  }
  Status LockResident(ChannelKind, const std::string&) override { return OkStatus(); }

  Status AddMessage(std::int64_t case_id, const CaseMessage& m,
                    const std::optional<GeoPoint>& location, const std::string& search_text,
                    EpochMs now) override {
    auto it = cases_.find(case_id);
    if (it == cases_.end()) return NotFound("no case " + std::to_string(case_id));
    if (!m.external_id.empty() && *MessageExists(m.channel, m.external_id)) {
      return AlreadyExists("message stored already");
    }
    CaseMessage stored = m;
    stored.case_id = case_id;
    messages_.push_back(stored);
    Case& c = it->second;
    if (!m.text.empty()) c.text += (c.text.empty() ? "" : "\n") + m.text;
    if (location) c.location = location;
    c.search_text = search_text;
    c.last_message_at = now;
    return OkStatus();
  }

  Result<std::vector<CaseMessage>> ListMessages(std::int64_t case_id) override {
    std::vector<CaseMessage> out;
    for (const CaseMessage& m : messages_) {
      if (m.case_id == case_id) out.push_back(m);
    }
    return out;
  }

  Result<bool> MessageExists(ChannelKind channel, const std::string& external_id) override {
    return std::any_of(messages_.begin(), messages_.end(), [&](const CaseMessage& m) {
      return m.channel == channel && m.external_id == external_id;
    });
  }

  Status SetDeliveryNote(std::int64_t case_id, const std::string& note, EpochMs now) override {
    auto it = cases_.find(case_id);
    if (it == cases_.end()) return NotFound("no case " + std::to_string(case_id));
    it->second.delivery_note = note;
    events_.push_back({0, case_id, "delivery", "system", note, now});
    return OkStatus();
  }

  Status AddEvent(const CaseEvent& e) override {
    CaseEvent stored = e;
    stored.id = static_cast<std::int64_t>(events_.size()) + 1;
    events_.push_back(stored);
    return OkStatus();
  }
  Result<std::vector<CaseEvent>> ListEvents(std::int64_t case_id) override {
    return EventsOf(case_id);
  }

  Result<std::vector<StatusCount>> CountByStatus() override {
    std::map<std::string, std::int64_t> counts;
    for (const auto& [id, c] : cases_) ++counts[StatusName(c.status)];
    std::vector<StatusCount> out;
    for (const auto& [status, n] : counts) out.push_back({status, n});
    return out;
  }

  Result<std::vector<std::string>> ExplainList(const CaseQuery&) override {
    return std::vector<std::string>{"in-memory scan"};
  }

 private:
  static bool Matches(const CaseQuery& q, const Case& c) {
    if (q.ward_slug && c.ward_slug != *q.ward_slug) return false;
    if (q.department && c.department != *q.department) return false;
    if (!q.statuses.empty() &&
        std::find(q.statuses.begin(), q.statuses.end(), c.status) == q.statuses.end()) {
      return false;
    }
    if (q.category && c.category != q.category) return false;
    if (q.priority && c.priority != *q.priority) return false;
    if (q.channel && c.channel != *q.channel) return false;
    if (q.assignee && c.assignee != *q.assignee) return false;
    if (q.q && c.search_text.find(*q.q) == std::string::npos) return false;
    if (q.from && c.created_at < *q.from) return false;
    if (q.to && c.created_at >= *q.to) return false;
    return true;
  }

  std::map<std::int64_t, Case> cases_;
  std::vector<CaseMessage> messages_;
  std::vector<CaseEvent> events_;
  std::int64_t next_id_ = 1;
  int saves_ = 0;
};

}  // namespace wardline::fakes
