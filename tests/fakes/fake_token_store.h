// FakeTokenStore: an in-memory TokenStore with the real compare-and-swap contract. Thread-safe.
// Several token managers sharing one FakeTokenStore stand in for several hub processes sharing
// one database.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "core/store/token_store.h"

namespace wardline::fakes {

class FakeTokenStore final : public TokenStore {
 public:
  Result<PlatformToken> Get(const std::string& name) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (fail_reads_ > 0) {
      --fail_reads_;
      return Unavailable("fake store: read failure");
    }
    auto it = tokens_.find(name);
    if (it == tokens_.end()) return NotFound("no token " + name);
    return it->second;
  }

  Result<PlatformToken> CompareAndSwap(const std::string& name, const PlatformToken& next,
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

 private:
  mutable std::mutex mu_;
  std::map<std::string, PlatformToken> tokens_;
  int fail_writes_ = 0;
  int fail_reads_ = 0;
  int cas_calls_ = 0;
  int cas_conflicts_ = 0;
};

}  // namespace wardline::fakes
