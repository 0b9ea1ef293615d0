// InboxStore: raw webhook bodies, stored durably before anything else happens to them, then
// claimed and processed by the event workers.
// Thread safety: safe to call from many threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/domain/result.h"
#include "core/domain/types.h"

namespace wardline {

struct FailedEvent {
  RawEvent event;
  std::string last_error;
};

class InboxStore {
 public:
  virtual ~InboxStore() = default;

  // Stores the bodies of one webhook request together. Concurrent calls share one commit
  // (group commit), so a burst of requests costs one fsync. Returns, per event, true when
  // stored, false when a byte-identical body was stored before.
  // Errors: kUnavailable (nothing stored: the caller answers 5xx and the platform retries).
  virtual Result<std::vector<bool>> Insert(const std::vector<RawEvent>& events) = 0;

  // Leases up to `limit` pending events whose lease is free or lapsed and whose retry time
  // has come to `owner` until `lease_until`, oldest first. Errors: kUnavailable.
  virtual Result<std::vector<RawEvent>> Claim(const std::string& owner, int limit, EpochMs now,
                                              EpochMs lease_until) = 0;
  // Errors: kUnavailable.
  virtual Status MarkDone(std::int64_t id, const std::string& outcome) = 0;
  // Gives a failed attempt back: counts it, and parks the event as failed once it has been
  // tried `max_attempts` times, else schedules it for `retry_at`. Returns true when parked.
  // Errors: kNotFound; kUnavailable.
  virtual Result<bool> Release(std::int64_t id, const std::string& error, EpochMs retry_at,
                               int max_attempts) = 0;

  // Errors: kUnavailable.
  virtual Result<std::int64_t> CountPending() = 0;
  virtual Result<std::int64_t> CountFailed() = 0;
  // Parked events, newest first. Errors: kUnavailable.
  virtual Result<std::vector<FailedEvent>> ListFailed(int limit) = 0;
  // Puts a parked event back in the queue with a fresh attempt count.
  // Errors: kNotFound when there is no parked event with this id; kUnavailable.
  virtual Status Replay(std::int64_t id) = 0;
};

}  // namespace wardline
