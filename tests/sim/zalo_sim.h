// ZaloSim: a local double of the Zalo OA send API and the OAuth v4 token endpoint, faithful to
// shared/docs/channels.md section 1.4-1.5 and section 4 ("Zalo double").
//
//   POST /v3.0/oa/message/cs    header access_token; errors are HTTP 200 + {"error":N,...}:
//        -216 token missing/unknown (or only Authorization: Bearer), -220 token expired,
//        -32 rate limit (per-minute counter or RateLimitNext, with X-RateLimit-* headers),
//        -201 bad body / missing recipient / empty text / text over 2000 characters,
//        -232 user never interacted, -230 last interaction older than the CS window,
//        any code set with BlockUser / ForceErrorNext. Success records the message.
//   POST /v4/oa/access_token    form refresh_token, app_id, grant_type=refresh_token; header
//        secret_key. Refresh tokens are single-use; both tokens rotate; expires_in is a string.
//   GET  /_sim/messages          accepted messages as JSON (for the wardline-sim executable)
//   GET  /_sim/stats             counters; POST /_sim/fault, /_sim/interaction, /_sim/reset
//
// Thread-safe. Wall time is real time (NowMs()).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tests/sim/sim_server.h"

namespace wardline::sim {

struct ZaloSimOptions {
  std::string app_id = "4041286612345678901";
  std::string app_secret = "zalo-app-secret";
  std::string oa_id = "5790000044445555666";
  std::string access_token = "zalo-access-0";
  std::string refresh_token = "zalo-refresh-0";
  long long token_ttl_seconds = 90000;   // 25 h, as Zalo
  int rate_limit_per_minute = 4000;      // 0 = no per-minute limit
  bool window_check = true;              // enforce the 7-day CS window
  int window_days = 7;
};

struct ZaloSentMessage {
  std::string message_id;
  std::string user_id;
  std::string text;
  std::string access_token;
  std::int64_t at = 0;
};

class ZaloSim {
 public:
  explicit ZaloSim(ZaloSimOptions options = {});
  ~ZaloSim();

  int Start(int port = 0);  // returns the port, -1 on failure
  void Stop();
  int port() const { return server_.port(); }
  std::string base_url() const { return server_.base_url(); }  // api_base and oauth_base

  // --- state ------------------------------------------------------------------
  void RecordInteraction(const std::string& user_id, std::int64_t at_ms = 0);  // 0 = now
  std::vector<ZaloSentMessage> Messages() const;
  std::size_t CountMessagesTo(const std::string& user_id) const;
  std::string current_access_token() const;
  std::string current_refresh_token() const;
  int refresh_calls() const { return refresh_calls_; }        // successful refreshes
  int refused_refreshes() const { return refused_refreshes_; }
  int send_calls() const { return send_calls_; }              // every /message/cs request

  // --- fault injection ----------------------------------------------------------
  Faults& faults() { return faults_; }
  void SetDelayMs(int ms) { faults_.SetDelayMs(ms); }
  void FailNext5xx(int n) { faults_.FailNext5xx(n); }
  void RateLimitNext(int n) { faults_.RateLimitNext(n); }
  void DropNext(int n) { faults_.DropNext(n); }
  void ExpireToken();                        // every issued access token now answers -220
  void ForceErrorNext(int code, int n = 1);  // the next n sends answer this error code
  void BlockUser(const std::string& user_id, int code = -217);
  void Reset();                              // faults, messages and blocks (not tokens)

 private:
  void HandleSend(const httplib::Request& req, httplib::Response& res);
  void HandleRefresh(const httplib::Request& req, httplib::Response& res);
  void RegisterControl();

  const ZaloSimOptions options_;
  SimServer server_;
  Faults faults_;
  mutable std::mutex mu_;
  std::map<std::string, std::int64_t> access_tokens_;  // token -> expires_at; guarded by mu_
  std::string current_access_;                         // guarded by mu_
  std::string current_refresh_;                        // the only valid refresh token
  std::map<std::string, std::int64_t> interactions_;   // user -> last interaction ms
  std::map<std::string, int> blocked_;                 // user -> error code
  std::vector<ZaloSentMessage> messages_;
  int forced_code_ = 0;
  int forced_left_ = 0;
  std::int64_t minute_start_ = 0;
  int minute_count_ = 0;
  int token_serial_ = 0;
  std::atomic<int> refresh_calls_{0};
  std::atomic<int> refused_refreshes_{0};
  std::atomic<int> send_calls_{0};
};

}  // namespace wardline::sim
