// OutboxStore: messages to residents, kept until the platform accepts or refuses them.
// Thread safety: safe to call from many threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/domain/result.h"
#include "core/domain/types.h"

namespace wardline {

class OutboxStore {
 public:
  virtual ~OutboxStore() = default;

  // Queues an item with an "outbox" event on its case; returns its id. Errors: kUnavailable.
  virtual Result<std::int64_t> Enqueue(const OutboxItem& item, EpochMs now) = 0;
  // Leases up to `limit` due items to `owner` until `lease_until`. Errors: kUnavailable.
  virtual Result<std::vector<OutboxItem>> Claim(const std::string& owner, int limit, EpochMs now,
                                                EpochMs lease_until) = 0;
  // The platform took it: state sent, "delivered" event; a delivered reply clears the case's
  // "could not deliver" note. Errors: kUnavailable.
  virtual Status MarkSent(std::int64_t id, const std::string& platform_message_id,
                          EpochMs now) = 0;
  // A transient failure: try again at `next_attempt_at`. Errors: kUnavailable.
  virtual Status MarkRetry(std::int64_t id, const std::string& error, EpochMs next_attempt_at) = 0;
  // Refused for good, with a "delivery_failed" event. Errors: kUnavailable.
  virtual Status MarkFailed(std::int64_t id, const std::string& error, EpochMs now) = 0;
  // Errors: kUnavailable.
  virtual Result<std::vector<OutboxItem>> ListForCase(std::int64_t case_id) = 0;
  virtual Result<std::int64_t> CountPending() = 0;
};

}  // namespace wardline
