// ZaloTokenManager: owns the Zalo OA access token and its single-use refresh token.
//
// The token pair lives in the TokenStore under one name (default "zalo"), so every hub process
// sharing the database sees the same pair. Rules:
//   - A refresh (POST {oauth_base}/v4/oa/access_token) consumes the refresh token, so the new
//     pair is written with TokenStore::CompareAndSwap BEFORE the new access token is used.
//   - Refreshes are single-flight: one refresher at a time inside the process (others wait on
//     a condition variable, no lock is held during HTTP or sleeps), and the CAS version across
//     processes. A process that loses the race (its CAS fails, or Zalo refuses the refresh
//     token another process just spent) re-reads the pair the winner stored.
//   - The first use seeds the TokenStore from config (access_token, refresh_token) when it holds no
//     pair yet; a seeded token's expiry is unknown (0), it is used until Zalo rejects it.
//   - A token is refreshed ahead of time when it expires within `refresh_margin_ms`.
//
// Time comes from the injected Clock and waits go through Options::sleep, so tests control both.
// Thread safety: all methods are safe from any thread. `store`, `http` and `clock` must
// outlive the manager.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/domain/clock.h"
#include "core/domain/config.h"
#include "core/domain/http_client.h"
#include "core/domain/result.h"
#include "core/store/token_store.h"

namespace wardline::connectors::zalo {

class ZaloTokenManager {
 public:
  struct Options {
    std::string store_key = "zalo";            // PlatformToken name in the Store
    EpochMs refresh_margin_ms = 10 * 60 * 1000;  // refresh this long before expiry
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds total_timeout{10000};
    // After a refused refresh, how long to wait for another process's CAS to land before
    // giving up (polled every 50 ms). 0 = do not wait.
    std::chrono::milliseconds lost_race_wait{2000};
    // How the manager waits (polling for another process, retrying a store write). Tests pass
    // one that advances a FakeClock. Never called with a lock held.
    std::function<void(std::chrono::milliseconds)> sleep = [](std::chrono::milliseconds d) {
      std::this_thread::sleep_for(d);
    };
  };

  ZaloTokenManager(const ZaloConfig& config, TokenStore& store, HttpClient& http, const Clock& clock);
  ZaloTokenManager(const ZaloConfig& config, TokenStore& store, HttpClient& http, const Clock& clock,
                   Options options);
  ZaloTokenManager(const ZaloTokenManager&) = delete;
  ZaloTokenManager& operator=(const ZaloTokenManager&) = delete;

  // A usable access token: the stored one, refreshed first when it is about to expire.
  // Errors: kFailedPrecondition when no token is stored or configured, or the refresh token was
  // refused (an admin must re-consent); kUnavailable / kDeadlineExceeded when the OAuth server
  // or the Store cannot be reached.
  Result<std::string> AccessToken();

  // Called after Zalo rejected `rejected_token` (-216/-220/-124). Refreshes unless the stored
  // token already differs from `rejected_token` (someone refreshed meanwhile), and returns the
  // token to use now. Errors as AccessToken().
  Result<std::string> RefreshAfterRejection(const std::string& rejected_token);

  // Number of successful refresh calls this instance made (for tests and metrics).
  int refresh_count() const;

 private:
  // Shared body of AccessToken / RefreshAfterRejection: waits for a refresh in flight, loads
  // the pair, and refreshes (as the only refresher) when `needs_refresh` says so.
  Result<std::string> Obtain(const std::function<bool(const PlatformToken&)>& needs_refresh,
                             bool keep_current_on_failure);
  // Reads the stored pair, seeding it from config when absent.
  Result<PlatformToken> Load();
  // Calls the OAuth endpoint with `current.refresh_token` and CASes the new pair over
  // `current`. Called by the single refresher, without mu_ held.
  Result<PlatformToken> Refresh(const PlatformToken& current);
  // Polls the store until its version moves past `version` or lost_race_wait passes.
  Result<PlatformToken> WaitForNewer(std::int64_t version);
  bool Expiring(const PlatformToken& t) const;

  const ZaloConfig& config_;
  TokenStore& store_;
  HttpClient& http_;
  const Clock& clock_;
  const Options options_;
  mutable std::mutex mu_;
  std::condition_variable refreshed_;
  bool refreshing_ = false;  // guarded by mu_: one refresher at a time
  int refresh_count_ = 0;    // guarded by mu_
};

}  // namespace wardline::connectors::zalo
