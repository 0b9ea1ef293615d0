// FakeTokenStore: an in-memory Store that implements only the platform-token methods
// (GetToken, CompareAndSwapToken) with the real compare-and-swap contract. Every other method
// returns kInternal "not implemented in FakeTokenStore". Thread-safe. Several token managers
// sharing one FakeTokenStore stand in for several hub processes sharing one database.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <string>

#include "core/store/store.h"

namespace wardline::fakes {

class FakeTokenStore final : public Store {
 public:
  Result<PlatformToken> GetToken(const std::string& name) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (fail_reads_ > 0) {
      --fail_reads_;
      return Unavailable("fake store: read failure");
    }
    auto it = tokens_.find(name);
    if (it == tokens_.end()) return NotFound("no token " + name);
    return it->second;
  }

  Result<PlatformToken> CompareAndSwapToken(const std::string& name, const PlatformToken& next,
                                            std::int64_t expected_version) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++cas_calls_;
    if (fail_writes_ > 0) {
      --fail_writes_;
      return Unavailable("fake store: write failure");
    }
    auto it = tokens_.find(name);
    const std::int64_t current = it == tokens_.end() ? 0 : it->second.version;
    if (current != expected_version) {
      ++cas_conflicts_;
      return FailedPrecondition("token " + name + " changed (version " + std::to_string(current) +
                                ", expected " + std::to_string(expected_version) + ")");
    }
    PlatformToken stored = next;
    stored.version = current + 1;
    tokens_[name] = stored;
    return stored;
  }

  // Test hooks.
  void FailNextWrites(int n) { std::lock_guard<std::mutex> l(mu_); fail_writes_ = n; }
  void FailNextReads(int n) { std::lock_guard<std::mutex> l(mu_); fail_reads_ = n; }
  void Put(const std::string& name, PlatformToken t) {
    std::lock_guard<std::mutex> l(mu_);
    t.version = tokens_.count(name) ? tokens_[name].version + 1 : 1;
    tokens_[name] = t;
  }
  int cas_calls() const { std::lock_guard<std::mutex> l(mu_); return cas_calls_; }
  int cas_conflicts() const { std::lock_guard<std::mutex> l(mu_); return cas_conflicts_; }

  // --- everything else: not part of this fake ----------------------------------------------
  Status InTransaction(const std::function<Status()>& fn) override { return fn(); }
  Status LockResident(ChannelKind, const std::string&) override { return OkStatus(); }
  Status Ping() override { return OkStatus(); }
  Result<Case> CreateCase(const NewCase&, EpochMs) override { return No(); }
  Result<Case> GetCase(std::int64_t) override { return No(); }
  Result<Case> GetCaseByTrackingCode(const std::string&) override { return No(); }
  Result<std::vector<Case>> ListCases(const CaseFilter&) override { return No(); }
  Result<Case> FindOpenCaseForResident(ChannelKind, const std::string&, EpochMs) override {
    return No();
  }
  Status AddMessage(std::int64_t, const CaseMessage&, const std::optional<GeoPoint>&,
                    EpochMs) override {
    return No();
  }
  Result<std::vector<CaseMessage>> ListMessages(std::int64_t) override { return No(); }
  Result<bool> MessageExists(ChannelKind, const std::string&) override { return No(); }
  Result<Case> Transition(std::int64_t, CaseStatus, const std::string&, const std::string&,
                          EpochMs) override {
    return No();
  }
  Result<Case> ApplyTriage(std::int64_t, const TriageUpdate&, const std::string&, EpochMs) override {
    return No();
  }
  Status SetResolution(std::int64_t, const std::string&, const std::string&, EpochMs) override {
    return No();
  }
  Status SetDeliveryNote(std::int64_t, const std::string&, EpochMs) override { return No(); }
  Status AddEvent(const CaseEvent&) override { return No(); }
  Result<std::vector<CaseEvent>> ListEvents(std::int64_t) override { return No(); }
  Result<std::vector<CountByStatus>> CountCasesByStatus() override { return No(); }
  Result<std::vector<bool>> InsertRawEvents(const std::vector<RawEvent>&) override { return No(); }
  Result<std::vector<RawEvent>> ClaimRawEvents(const std::string&, int, EpochMs, EpochMs) override {
    return No();
  }
  Status MarkRawEventDone(std::int64_t, const std::string&) override { return No(); }
  Status ReleaseRawEvent(std::int64_t, const std::string&, EpochMs) override { return No(); }
  Result<std::int64_t> CountPendingRawEvents() override { return No(); }
  Result<std::int64_t> EnqueueOutbox(const OutboxItem&, EpochMs) override { return No(); }
  Result<std::vector<OutboxItem>> ClaimOutbox(const std::string&, int, EpochMs, EpochMs) override {
    return No();
  }
  Status MarkOutboxSent(std::int64_t, const std::string&, EpochMs) override { return No(); }
  Status MarkOutboxRetry(std::int64_t, const std::string&, EpochMs) override { return No(); }
  Status MarkOutboxFailed(std::int64_t, const std::string&, EpochMs) override { return No(); }
  Result<std::vector<OutboxItem>> ListOutboxForCase(std::int64_t) override { return No(); }
  Result<std::int64_t> CountPendingOutbox() override { return No(); }
  Status AddCorrection(const TriageCorrection&) override { return No(); }
  Result<std::vector<TriageCorrection>> ListCorrections() override { return No(); }

 private:
  static Error No() { return Internal("not implemented in FakeTokenStore"); }

  mutable std::mutex mu_;
  std::map<std::string, PlatformToken> tokens_;  // guarded by mu_
  int fail_writes_ = 0;
  int fail_reads_ = 0;
  int cas_calls_ = 0;
  int cas_conflicts_ = 0;
};

}  // namespace wardline::fakes
