// ChannelRig: what the channel integration and crash tests share. One rig = the in-process
// Zalo and Facebook simulators on 127.0.0.1, a test copy of config/wardline.toml (fast outbox
// backoff, the simulators' ids), a fresh database (SQLite, or MariaDB with
// WARDLINE_TEST_BACKEND=mysql) and the real `wardline serve` pointed at all of them through
// the environment overrides of design.md. Plus small HTTP helpers over the hub's public,
// staff and metrics routes, and bounded polling.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/common/hub_process.h"
#include "tests/sim/facebook_sim.h"
#include "tests/sim/webhook_sender.h"
#include "tests/sim/zalo_sim.h"

namespace wardline::it {

using nlohmann::json;
using namespace std::chrono_literals;

inline const std::string kZaloAppId = "4041286612345678901";
inline const std::string kZaloOaId = "5790000044445555666";
inline const std::string kZaloOaSecret = "it-zalo-oa-secret";
inline const std::string kZaloAppSecret = "it-zalo-app-secret";
inline const std::string kFbPageId = "104000000000001";
inline const std::string kFbAppSecret = "it-fb-app-secret";
inline const std::string kFbVerifyToken = "it-fb-verify-token";
inline const std::string kFbPageToken = "it-fb-page-token";
inline const std::string kPublicUrl = "https://phananh.dongda.example";

// Values written over the sample configuration.
struct HubSettings {
  int base_backoff_ms = 50;
  int max_backoff_ms = 400;   // also caps Retry-After / rate-limit pauses
  int max_attempts = 8;
  int lease_seconds = 60;
  int outbox_workers = 2;
  int total_timeout_ms = 5000;
  int join_window_minutes = 30;
};

// Reads config/wardline.toml and replaces `key = value` lines of the given sections.
inline std::string WriteTestConfig(const std::string& dir, const HubSettings& s) {
  std::map<std::string, std::map<std::string, std::string>> repl = {
      {"outbox",
       {{"base_backoff_ms", std::to_string(s.base_backoff_ms)},
        {"max_backoff_ms", std::to_string(s.max_backoff_ms)},
        {"max_attempts", std::to_string(s.max_attempts)},
        {"lease_seconds", std::to_string(s.lease_seconds)},
        {"workers", std::to_string(s.outbox_workers)},
        {"connect_timeout_ms", "1000"},
        {"total_timeout_ms", std::to_string(s.total_timeout_ms)}}},
      {"threading", {{"join_window_minutes", std::to_string(s.join_window_minutes)}}},
      {"zalo", {{"app_id", "\"" + kZaloAppId + "\""}, {"oa_id", "\"" + kZaloOaId + "\""}}},
      {"facebook", {{"page_id", "\"" + kFbPageId + "\""}}},
  };
  std::ifstream in(testing::SourceDir() + "/config/wardline.toml");
  if (!in) throw std::runtime_error("cannot read config/wardline.toml");
  std::ostringstream out;
  std::string line, section;
  std::map<std::string, int> replaced;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '[') {
      section = line.substr(line.find_first_not_of('['));
      section = section.substr(0, section.find(']'));
    }
    auto sec = repl.find(section);
    if (sec != repl.end()) {
      auto eq = line.find('=');
      if (eq != std::string::npos && line[0] != '#') {
        std::string key = line.substr(0, eq);
        key.erase(key.find_last_not_of(' ') + 1);
        auto kv = sec->second.find(key);
        if (kv != sec->second.end()) {
          line = key + " = " + kv->second;
          ++replaced[section + "." + key];
        }
      }
    }
    out << line << "\n";
  }
  for (const auto& [sec, kvs] : repl) {
    for (const auto& [k, v] : kvs) {
      if (replaced[sec + "." + k] != 1) {
        throw std::runtime_error("test config: " + sec + "." + k + " not found once in config/wardline.toml");
      }
    }
  }
  const std::string path = dir + "/wardline-test.toml";
  std::ofstream(path) << out.str();
  return path;
}

// Polls `pred` every `every` until it holds or `timeout` passes; returns its last value.
inline bool WaitUntil(const std::function<bool()>& pred, std::chrono::milliseconds timeout,
                      std::chrono::milliseconds every = 25ms) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (pred()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return pred();
    std::this_thread::sleep_for(every);
  }
}

// A numeric platform id (Zalo user id / Facebook PSID) nobody else uses in this run.
inline std::string UniqueId(std::uint64_t base = 2468000000000000000ULL) {
  static std::mt19937_64 rng{std::random_device{}()};
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  return std::to_string(base + rng() % 1000000000000000ULL);
}

inline std::string TrackingCodeIn(const std::string& text) {
  static const std::regex re("PA-[0-9A-Z]{4}-[0-9A-Z]{4}");
  std::smatch m;
  return std::regex_search(text, m, re) ? m.str() : std::string();
}

// The value of one series in Prometheus text, 0 when absent.
inline double MetricValue(const std::string& metrics, const std::string& series) {
  std::istringstream in(metrics);
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 &&
        line[series.size()] == ' ') {
      return std::stod(line.substr(series.size() + 1));
    }
  }
  return 0;
}

// Sum of every series of `name` (any labels).
inline double MetricSum(const std::string& metrics, const std::string& name) {
  std::istringstream in(metrics);
  std::string line;
  double sum = 0;
  while (std::getline(in, line)) {
    if (line.rfind(name + "{", 0) == 0 || line.rfind(name + " ", 0) == 0) {
      sum += std::stod(line.substr(line.rfind(' ') + 1));
    }
  }
  return sum;
}

struct RigOptions {
  HubSettings hub;
  sim::ZaloSimOptions zalo;
  sim::FacebookSimOptions fb;
  std::map<std::string, std::string> extra_env;
};

class ChannelRig {
 public:
  using Options = RigOptions;

  explicit ChannelRig(const std::string& name, Options o = Options())
      : options_(Prepare(std::move(o))),
        db_(name),
        dir_(testing::TempDir(name)),
        zalo_(options_.zalo),
        fb_(options_.fb) {
    if (zalo_.Start() < 0 || fb_.Start() < 0) throw std::runtime_error("simulators did not start");
    config_path_ = WriteTestConfig(dir_, options_.hub);
    // The staff API is used as the district office, which reads and works every ward.
    api_token_ = testing::AddStaffWithToken(db_.url(), {"vanphong.it", "district_office", "", ""},
                                            config_path_);
    StartHub();
  }

  ~ChannelRig() { hub_.reset(); }

  void StartHub() {
    hub_ = std::make_unique<testing::HubProcess>(
        std::vector<std::string>{"--config", config_path_, "--db", db_.url()}, Env());
  }
  void KillHub() { hub_->Kill(); }
  int StopHub() { return hub_->Stop(); }
  void RestartHub() {
    hub_->Stop();
    StartHub();
  }

  testing::HubProcess& hub() { return *hub_; }
  sim::ZaloSim& zalo() { return zalo_; }
  sim::FacebookSim& fb() { return fb_; }
  const HubSettings& settings() const { return options_.hub; }
  bool mysql() const { return db_.mysql(); }
  const std::string& db_url() const { return db_.url(); }

  std::string zalo_url() const { return hub_->base_url() + "/webhooks/zalo"; }
  std::string fb_url() const { return hub_->base_url() + "/webhooks/facebook"; }

  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", hub_->port());
    c.set_connection_timeout(5);
    c.set_read_timeout(10);
    return c;
  }
  httplib::Headers Auth() const { return {{"Authorization", "Bearer " + api_token_}}; }

  // --- webhooks ------------------------------------------------------------------------
  sim::ZaloEvents zalo_events() const { return sim::ZaloEvents{kZaloAppId, kZaloOaId}; }
  sim::WebhookResponse PostZalo(const std::string& body,
                                sim::SignMode mode = sim::SignMode::kGood) const {
    return sim::PostZaloWebhook(zalo_url(), body, kZaloAppId, kZaloOaSecret, mode, 5000);
  }
  sim::WebhookResponse PostFacebook(const std::string& body,
                                    sim::SignMode mode = sim::SignMode::kGood) const {
    return sim::PostFacebookWebhook(fb_url(), body, kFbAppSecret, mode, 5000);
  }
  // A Zalo text from `user` that the simulator also counts as an interaction (so the
  // acknowledgement is inside the CS window). Returns the HTTP status.
  int ZaloText(const std::string& user, const std::string& msg_id, const std::string& text) {
    zalo_.RecordInteraction(user);
    auto r = PostZalo(zalo_events().Text(user, msg_id, text, sim::NowMs()));
    return r.transport_ok ? r.status : -1;
  }

  // --- hub state -----------------------------------------------------------------------
  std::string Metrics() const {
    auto c = Client();
    auto res = c.Get("/metrics");
    if (!res || res->status != 200) throw std::runtime_error("GET /metrics failed");
    return res->body;
  }
  double Metric(const std::string& series) const { return MetricValue(Metrics(), series); }
  long long CaseCount() const { return static_cast<long long>(MetricSum(Metrics(), "wardline_cases")); }
  long long OutboxPending() const {
    return static_cast<long long>(MetricValue(Metrics(), "wardline_outbox_pending"));
  }
  long long InboxPending() const {
    return static_cast<long long>(MetricValue(Metrics(), "wardline_inbox_pending"));
  }
  // Every stored event turned into cases and every outbox row settled (sent or failed).
  bool Drained() const { return InboxPending() == 0 && OutboxPending() == 0; }

  json ApiGet(const std::string& path) const {
    auto c = Client();
    auto res = c.Get(path.c_str(), Auth());
    if (!res) throw std::runtime_error("GET " + path + ": no answer");
    if (res->status != 200) throw std::runtime_error("GET " + path + ": " + std::to_string(res->status) + " " + res->body);
    return json::parse(res->body);
  }
  std::vector<json> ListCases() const {
    json j = ApiGet("/api/v1/cases?limit=500");
    return j.at("cases").get<std::vector<json>>();
  }
  // The staff view of the case with this tracking code (messages, events, outbox).
  std::optional<json> CaseByCode(const std::string& code) const {
    for (const auto& c : ListCases()) {
      if (c.value("tracking_code", "") == code) {
        return ApiGet("/api/v1/cases/" + std::to_string(c.at("id").get<long long>()));
      }
    }
    return std::nullopt;
  }
  json Case(long long id) const { return ApiGet("/api/v1/cases/" + std::to_string(id)); }

  // POST /api/v1/cases/{id}/reply; returns the HTTP status.
  int Reply(long long case_id, const std::string& text, bool resolve) const {
    auto c = Client();
    json body = {{"text", text}, {"resolve", resolve}};
    auto res = c.Post(("/api/v1/cases/" + std::to_string(case_id) + "/reply").c_str(), Auth(),
                      body.dump(), "application/json");
    return res ? res->status : -1;
  }

  // GET /track/{code} as JSON; status 0 when there was no answer.
  std::pair<int, json> Track(const std::string& code) const {
    auto c = Client();
    auto res = c.Get(("/track/" + code).c_str(), {{"Accept", "application/json"}});
    if (!res) return {0, json()};
    return {res->status, json::parse(res->body, nullptr, false)};
  }

  // --- simulator views -----------------------------------------------------------------
  std::vector<sim::ZaloSentMessage> ZaloMessagesTo(const std::string& user) const {
    std::vector<sim::ZaloSentMessage> out;
    for (auto& m : zalo_.Messages()) {
      if (m.user_id == user) out.push_back(m);
    }
    return out;
  }
  std::vector<sim::FacebookSentMessage> FbMessagesTo(const std::string& psid) const {
    std::vector<sim::FacebookSentMessage> out;
    for (auto& m : fb_.Messages()) {
      if (m.recipient_id == psid) out.push_back(m);
    }
    return out;
  }
  std::vector<sim::FacebookComment> FbRepliesTo(const std::string& object_id) const {
    std::vector<sim::FacebookComment> out;
    for (auto& c : fb_.Comments()) {
      if (c.object_id == object_id) out.push_back(c);
    }
    return out;
  }

  std::string HubLog() const { return hub_ ? hub_->Log() : ""; }

 private:
  static Options Prepare(Options o) {
    o.zalo.app_id = kZaloAppId;
    o.zalo.oa_id = kZaloOaId;
    o.zalo.app_secret = kZaloAppSecret;
    o.fb.page_id = kFbPageId;
    o.fb.page_token = kFbPageToken;
    return o;
  }

  std::map<std::string, std::string> Env() const {
    std::map<std::string, std::string> env = {
        {"WARDLINE_ACCESS_LOG", "0"},
        {"WARDLINE_PUBLIC_URL", kPublicUrl},
        {"ZALO_APP_ID", kZaloAppId},
        {"ZALO_OA_SECRET", kZaloOaSecret},
        {"ZALO_APP_SECRET", kZaloAppSecret},
        {"ZALO_ACCESS_TOKEN", options_.zalo.access_token},
        {"ZALO_REFRESH_TOKEN", options_.zalo.refresh_token},
        {"ZALO_API_BASE", zalo_.base_url()},
        {"ZALO_OAUTH_BASE", zalo_.base_url()},
        {"FB_APP_SECRET", kFbAppSecret},
        {"FB_VERIFY_TOKEN", kFbVerifyToken},
        {"FB_PAGE_TOKEN", kFbPageToken},
        {"FB_GRAPH_BASE", fb_.base_url()},
    };
    for (const auto& [k, v] : options_.extra_env) env[k] = v;
    return env;
  }

  const Options options_;
  testing::TestDatabase db_;
  std::string dir_;
  sim::ZaloSim zalo_;
  sim::FacebookSim fb_;
  std::string config_path_;
  std::string api_token_;
  std::unique_ptr<testing::HubProcess> hub_;
};

}  // namespace wardline::it
