// FakeDatabase: an in-memory Database whose transactions really roll back. Each fake store
// enlists itself; InTransaction snapshots every enlisted store and restores the snapshots when
// the unit of work fails, so tests can check that a refused action wrote nothing.
// Not thread-safe: the service-layer unit tests drive it from one thread.
#pragma once

#include <functional>
#include <vector>

#include "core/store/database.h"

namespace wardline::fakes {

// A fake store whose state a transaction can save and put back.
class Transactional {
 public:
  virtual ~Transactional() = default;
  // Returns a function that puts the store back as it is now.
  virtual std::function<void()> Snapshot() = 0;
};

class FakeDatabase final : public Database {
 public:
  void Enlist(Transactional& store) { stores_.push_back(&store); }
  // The next `n` Ping/InTransaction calls answer kUnavailable, as a database that is down.
  void FailNext(int n) { fail_ = n; }
  int transactions() const { return transactions_; }
  int rollbacks() const { return rollbacks_; }

  Status Ping() override {
    if (fail_ > 0) return --fail_, Unavailable("fake database: down");
    return OkStatus();
  }

  Status InTransaction(const std::function<Status()>& fn) override {
    if (depth_ > 0) return fn();  // nested calls join the outer transaction
    if (fail_ > 0) return --fail_, Unavailable("fake database: down");
    ++transactions_;
    std::vector<std::function<void()>> restore;
    for (Transactional* s : stores_) restore.push_back(s->Snapshot());
    ++depth_;
    Status s = fn();
    --depth_;
    if (!s.ok()) {
      ++rollbacks_;
      for (auto& r : restore) r();
    }
    return s;
  }

 private:
  std::vector<Transactional*> stores_;
  int depth_ = 0;
  int fail_ = 0;
  int transactions_ = 0;
  int rollbacks_ = 0;
};

}  // namespace wardline::fakes
