// TokenStore: platform access tokens (Zalo OA), shared by every hub on one database.
// Thread safety: safe to call from many threads.
#pragma once

#include <cstdint>
#include <string>

#include "core/domain/clock.h"
#include "core/domain/result.h"

namespace wardline {

struct PlatformToken {
  std::string access_token;
  std::string refresh_token;
  EpochMs expires_at = 0;
  std::int64_t version = 0;  // bumped on every write; compare-and-swap guard
};

class TokenStore {
 public:
  virtual ~TokenStore() = default;
  // Errors: kNotFound when none is stored; kUnavailable.
  virtual Result<PlatformToken> Get(const std::string& name) = 0;
  // Writes only when the stored version equals `expected_version` (0 = no row yet).
  // Errors: kFailedPrecondition when someone else wrote first; kUnavailable.
  virtual Result<PlatformToken> CompareAndSwap(const std::string& name, const PlatformToken& next,
                                               std::int64_t expected_version) = 0;
};

}  // namespace wardline
