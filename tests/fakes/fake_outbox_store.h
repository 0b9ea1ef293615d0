// FakeOutboxStore: the outbox in memory (queue, lease, sent / retry / failed). Enlist it with a
// FakeDatabase to have failed transactions undo its writes. Not thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/store/outbox_store.h"
#include "tests/fakes/fake_database.h"

namespace wardline::fakes {

class FakeOutboxStore final : public OutboxStore, public Transactional {
 public:
  std::vector<OutboxItem> All() const {
    std::vector<OutboxItem> out;
    for (const auto& [id, item] : items_) out.push_back(item.item);
    return out;
  }

  std::function<void()> Snapshot() override {
    return [this, items = items_, next = next_id_] {
      items_ = items;
      next_id_ = next;
    };
  }

  Result<std::int64_t> Enqueue(const OutboxItem& item, EpochMs now) override {
    Entry e{item, "", 0};
    e.item.id = next_id_++;
    e.item.state = OutboxState::kPending;
    e.item.created_at = now;
    if (e.item.next_attempt_at == 0) e.item.next_attempt_at = now;
    items_[e.item.id] = e;
    return e.item.id;
  }

  Result<std::vector<OutboxItem>> Claim(const std::string& owner, int limit, EpochMs now,
                                        EpochMs lease_until) override {
    std::vector<OutboxItem> out;
    for (auto& [id, e] : items_) {
      if (static_cast<int>(out.size()) == limit) break;
      if (e.item.state != OutboxState::kPending || e.item.next_attempt_at > now) continue;
      if (!e.owner.empty() && e.lease_until > now) continue;
      e.owner = owner;
      e.lease_until = lease_until;
      out.push_back(e.item);
    }
    return out;
  }

  Status MarkSent(std::int64_t id, const std::string& platform_message_id, EpochMs now) override {
    return Update(id, [&](OutboxItem& i) {
      i.state = OutboxState::kSent;
      i.platform_message_id = platform_message_id;
      i.sent_at = now;
    });
  }
  Status MarkRetry(std::int64_t id, const std::string& error, EpochMs next_attempt_at) override {
    return Update(id, [&](OutboxItem& i) {
      ++i.attempts;
      i.last_error = error;
      i.next_attempt_at = next_attempt_at;
    });
  }
  Status MarkFailed(std::int64_t id, const std::string& error, EpochMs) override {
    return Update(id, [&](OutboxItem& i) {
      i.state = OutboxState::kFailed;
      i.last_error = error;
    });
  }

  Result<std::vector<OutboxItem>> ListForCase(std::int64_t case_id) override {
    std::vector<OutboxItem> out;
    for (const auto& [id, e] : items_) {
      if (e.item.case_id == case_id) out.push_back(e.item);
    }
    return out;
  }
  Result<std::int64_t> CountPending() override {
    std::int64_t n = 0;
    for (const auto& [id, e] : items_) n += e.item.state == OutboxState::kPending;
    return n;
  }

 private:
  struct Entry {
    OutboxItem item;
    std::string owner;
    EpochMs lease_until = 0;
  };
  template <typename Fn>
  Status Update(std::int64_t id, Fn fn) {
    auto it = items_.find(id);
    if (it == items_.end()) return NotFound("no outbox item " + std::to_string(id));
    fn(it->second.item);
    it->second.owner.clear();
    return OkStatus();
  }

  std::map<std::int64_t, Entry> items_;
  std::int64_t next_id_ = 1;
};

}  // namespace wardline::fakes
