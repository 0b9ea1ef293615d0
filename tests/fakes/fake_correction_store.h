// FakeCorrectionStore: triage corrections in memory. Enlist it with a FakeDatabase to have
// failed transactions undo its writes. Not thread-safe.
#pragma once

#include <vector>

#include "core/store/correction_store.h"
#include "tests/fakes/fake_database.h"

namespace wardline::fakes {

class FakeCorrectionStore final : public CorrectionStore, public Transactional {
 public:
  std::function<void()> Snapshot() override {
    return [this, kept = items_] { items_ = kept; };
  }
  Status Add(const TriageCorrection& c) override {
    items_.push_back(c);
    return OkStatus();
  }
  Result<std::vector<TriageCorrection>> List() override { return items_; }

 private:
  std::vector<TriageCorrection> items_;
};

}  // namespace wardline::fakes
