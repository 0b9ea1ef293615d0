// FacebookSim: a local double of the Graph API endpoints Wardline uses, after
// shared/docs/channels.md section 2.5-2.7 and section 4 ("Messenger double").
//
//   POST /vNN.0/me/messages and /vNN.0/{page-id}/messages   ?access_token=PAGE_TOKEN
//        body recipient.id, messaging_type RESPONSE|UPDATE|MESSAGE_TAG (tag required with
//        MESSAGE_TAG; deprecated tags -> code 100), message.text <= 2000 characters.
//        Errors: HTTP 400 + {"error":{"message","type","code","error_subcode","fbtrace_id"}}:
//        190 bad/expired token, 10/2018278 outside the window (24 h standard, 7 d HUMAN_AGENT),
//        551 blocked, 100/2018001 unknown PSID (strict_recipients), 613 rate limit.
//   POST /vNN.0/{object-id}/comments   body {"message"} (JSON or form) -> {"id"}
//   GET  /_sim/messages, /_sim/comments, /_sim/stats; POST /_sim/fault, /_sim/interaction,
//        /_sim/reset
// Thread-safe. Wall time is real time.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "tests/sim/sim_server.h"

namespace wardline::sim {

struct FacebookSimOptions {
  std::string page_id = "109876543210987";
  std::string page_token = "fb-page-token";
  bool window_check = true;
  int standard_window_hours = 24;
  int human_agent_days = 7;
  bool human_agent_enabled = true;   // the app has the Human Agent feature
  bool strict_recipients = false;    // unknown PSIDs (no interaction) -> 100/2018001
  int rate_limit_regain_minutes = 1; // estimated_time_to_regain_access on 613 answers
};

struct FacebookSentMessage {
  std::string message_id;
  std::string recipient_id;
  std::string text;
  std::string messaging_type;
  std::string tag;
  std::int64_t at = 0;
};

struct FacebookComment {
  std::string id;
  std::string object_id;  // the comment (or post) replied to
  std::string message;
  std::int64_t at = 0;
};

class FacebookSim {
 public:
  explicit FacebookSim(FacebookSimOptions options = {});
  ~FacebookSim();

  int Start(int port = 0);
  void Stop();
  int port() const { return server_.port(); }
  std::string base_url() const { return server_.base_url(); }  // graph_base

  void RecordInteraction(const std::string& psid, std::int64_t at_ms = 0);  // 0 = now
  std::vector<FacebookSentMessage> Messages() const;
  std::vector<FacebookComment> Comments() const;
  int send_calls() const { return send_calls_; }
  // The access_token query parameter of the last Graph call.
  std::string last_access_token() const;

  Faults& faults() { return faults_; }
  void SetDelayMs(int ms) { faults_.SetDelayMs(ms); }
  void FailNext5xx(int n) { faults_.FailNext5xx(n); }
  void RateLimitNext(int n) { faults_.RateLimitNext(n); }
  void DropNext(int n) { faults_.DropNext(n); }
  void ExpireToken();                                   // the page token now answers 190
  void BlockUser(const std::string& psid);              // 551
  void ForceErrorNext(int code, int subcode, int n = 1, int http_status = 400);
  void Reset();

 private:
  void HandleMessages(const httplib::Request& req, httplib::Response& res);
  void HandleComments(const httplib::Request& req, httplib::Response& res);
  bool CheckToken(const httplib::Request& req, httplib::Response& res);  // requires mu_
  void RegisterControl();

  const FacebookSimOptions options_;
  SimServer server_;
  Faults faults_;
  mutable std::mutex mu_;
  bool token_expired_ = false;
  std::string last_token_;
  std::map<std::string, std::int64_t> interactions_;
  std::set<std::string> blocked_;
  std::vector<FacebookSentMessage> messages_;
  std::vector<FacebookComment> comments_;
  int forced_code_ = 0, forced_subcode_ = 0, forced_left_ = 0, forced_status_ = 400;
  std::atomic<int> send_calls_{0};
};

// A Graph error envelope as Meta sends it.
std::string GraphError(int code, int subcode, const std::string& message,
                       const std::string& type = "OAuthException");

}  // namespace wardline::sim
