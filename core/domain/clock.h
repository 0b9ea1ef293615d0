// Clock: the only source of time. Logic never calls now() itself, so tests can move time.
// Thread safety: implementations must be safe to call from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace wardline {

// Milliseconds since the Unix epoch, UTC. Stored as integers in the database.
using EpochMs = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall time for timestamps, SLA and windows.
  virtual EpochMs NowMs() const = 0;
};

class SystemClock final : public Clock {
 public:
  EpochMs NowMs() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock tests set and advance by hand.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(EpochMs start) : now_(start) {}
  EpochMs NowMs() const override { return now_.load(); }
  void Advance(EpochMs ms) { now_ += ms; }
  void Set(EpochMs ms) { now_ = ms; }

 private:
  std::atomic<EpochMs> now_;
};

}  // namespace wardline
