#include "tests/sim/zalo_sim.h"

#include <nlohmann/json.hpp>

namespace wardline::sim {
namespace {

using nlohmann::json;

void Reply(httplib::Response& res, const json& body) {
  res.status = 200;  // Zalo answers errors with HTTP 200 too
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

json ErrorBody(int code, const std::string& message) {
  return json{{"error", code}, {"message", message}};
}

}  // namespace

ZaloSim::ZaloSim(ZaloSimOptions options) : options_(std::move(options)) {
  current_access_ = options_.access_token;
  current_refresh_ = options_.refresh_token;
  access_tokens_[current_access_] = NowMs() + options_.token_ttl_seconds * 1000;
  auto& svr = server_.server();
  svr.Post("/v3.0/oa/message/cs",
           [this](const httplib::Request& req, httplib::Response& res) { HandleSend(req, res); });
  svr.Post("/v4/oa/access_token",
           [this](const httplib::Request& req, httplib::Response& res) { HandleRefresh(req, res); });
  RegisterControl();
}

ZaloSim::~ZaloSim() { Stop(); }

int ZaloSim::Start(int port) { return server_.Start(port); }

void ZaloSim::Stop() {
  faults_.Interrupt();
  server_.Stop();
}

void ZaloSim::RecordInteraction(const std::string& user_id, std::int64_t at_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  interactions_[user_id] = at_ms == 0 ? NowMs() : at_ms;
}

std::vector<ZaloSentMessage> ZaloSim::Messages() const {
  std::lock_guard<std::mutex> lock(mu_);
  return messages_;
}

std::size_t ZaloSim::CountMessagesTo(const std::string& user_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::size_t n = 0;
  for (const auto& m : messages_) n += m.user_id == user_id ? 1 : 0;
  return n;
}

std::string ZaloSim::current_access_token() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_access_;
}

std::string ZaloSim::current_refresh_token() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_refresh_;
}

void ZaloSim::ExpireToken() {
  std::lock_guard<std::mutex> lock(mu_);
  const auto now = NowMs();
  for (auto& [token, expires] : access_tokens_) expires = now - 1;
}

void ZaloSim::ForceErrorNext(int code, int n) {
  std::lock_guard<std::mutex> lock(mu_);
  forced_code_ = code;
  forced_left_ = n;
}

void ZaloSim::BlockUser(const std::string& user_id, int code) {
  std::lock_guard<std::mutex> lock(mu_);
  blocked_[user_id] = code;
}

void ZaloSim::Reset() {
  faults_.Reset();
  std::lock_guard<std::mutex> lock(mu_);
  messages_.clear();
  blocked_.clear();
  forced_left_ = 0;
  minute_count_ = 0;
}

void ZaloSim::HandleSend(const httplib::Request& req, httplib::Response& res) {
  ++send_calls_;
  if (faults_.Apply(res)) return;
  const auto now = NowMs();
  const std::string token = req.get_header_value("access_token");

  std::lock_guard<std::mutex> lock(mu_);
  // 1. token
  if (token.empty()) {
    Reply(res, ErrorBody(-216, req.has_header("Authorization")
                                   ? "Access token is invalid (use the access_token header)"
                                   : "Access token is invalid"));
    return;
  }
  auto it = access_tokens_.find(token);
  if (it == access_tokens_.end()) {
    Reply(res, ErrorBody(-216, "Access token is invalid"));
    return;
  }
  if (it->second <= now) {
    Reply(res, ErrorBody(-220, "Access token has expired or has been removed"));
    return;
  }
  // 2. rate limits
  if (now - minute_start_ >= 60000) {
    minute_start_ = now;
    minute_count_ = 0;
  }
  ++minute_count_;
  const int limit = options_.rate_limit_per_minute;
  if (limit > 0) {
    res.set_header("X-RateLimit-Limit", std::to_string(limit));
    res.set_header("X-RateLimit-Remain", std::to_string(std::max(0, limit - minute_count_)));
  }
  if (faults_.TakeRateLimit() || (limit > 0 && minute_count_ > limit)) {
    Reply(res, ErrorBody(-32, "The request has exceeded the rate limit per minute"));
    return;
  }
  // 3. forced errors
  if (forced_left_ > 0) {
    --forced_left_;
    Reply(res, ErrorBody(forced_code_, "Simulated error"));
    return;
  }
  // 4. body
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    Reply(res, ErrorBody(-201, "Parameters are invalid: body is not JSON"));
    return;
  }
  std::string user_id;
  if (body.contains("recipient") && body["recipient"].is_object() &&
      body["recipient"].contains("user_id") && body["recipient"]["user_id"].is_string()) {
    user_id = body["recipient"]["user_id"].get<std::string>();
  }
  if (user_id.empty()) {
    Reply(res, ErrorBody(-201, "Parameters are invalid: recipient.user_id is required"));
    return;
  }
  std::string text;
  if (body.contains("message") && body["message"].is_object() && body["message"].contains("text") &&
      body["message"]["text"].is_string()) {
    text = body["message"]["text"].get<std::string>();
  }
  if (text.empty()) {
    Reply(res, ErrorBody(-201, "Parameters are invalid: message.text is required"));
    return;
  }
  if (CodePoints(text) > 2000) {
    Reply(res, ErrorBody(-201, "Parameters are invalid: text is longer than 2000 characters"));
    return;
  }
  // 5. recipient state
  if (auto b = blocked_.find(user_id); b != blocked_.end()) {
    Reply(res, ErrorBody(b->second, "User cannot receive this message"));
    return;
  }
  if (options_.window_check) {
    auto last = interactions_.find(user_id);
    if (last == interactions_.end()) {
      Reply(res, ErrorBody(-232, "User has not interacted with the OA"));
      return;
    }
    if (now - last->second > static_cast<std::int64_t>(options_.window_days) * 86400000) {
      Reply(res, ErrorBody(-230, "User has not interacted with the OA in the last 7 days"));
      return;
    }
  }
  ZaloSentMessage m;
  m.message_id = RandomHex(20);
  m.user_id = user_id;
  m.text = text;
  m.access_token = token;
  m.at = now;
  messages_.push_back(m);
  Reply(res, json{{"error", 0},
                  {"message", "Success"},
                  {"data",
                   {{"message_id", m.message_id},
                    {"user_id", user_id},
                    {"sent_time", std::to_string(now)},
                    {"quota", {{"quota_type", "reply"}, {"remain", "7"}, {"total", "8"}}}}}});
}

void ZaloSim::HandleRefresh(const httplib::Request& req, httplib::Response& res) {
  if (faults_.Apply(res)) return;
  if (req.get_header_value("secret_key") != options_.app_secret) {
    ++refused_refreshes_;
    Reply(res, json{{"error", -14002}, {"error_name", "Invalid secret key"},
                    {"error_description", "secret_key is invalid"}});
    return;
  }
  const std::string grant = req.get_param_value("grant_type");
  const std::string app_id = req.get_param_value("app_id");
  const std::string refresh = req.get_param_value("refresh_token");
  if (grant != "refresh_token" || app_id != options_.app_id) {
    ++refused_refreshes_;
    Reply(res, json{{"error", -14003}, {"error_name", "Invalid parameter"},
                    {"error_description", "grant_type or app_id is invalid"}});
    return;
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (refresh.empty() || refresh != current_refresh_) {
    ++refused_refreshes_;
    Reply(res, json{{"error", -14014}, {"error_name", "Invalid refresh token"},
                    {"error_description", "Refresh token is invalid or has been used"}});
    return;
  }
  ++token_serial_;
  current_access_ = "zalo-access-" + std::to_string(token_serial_) + "-" + RandomHex(8);
  current_refresh_ = "zalo-refresh-" + std::to_string(token_serial_) + "-" + RandomHex(8);
  access_tokens_[current_access_] = NowMs() + options_.token_ttl_seconds * 1000;
  ++refresh_calls_;
  Reply(res, json{{"access_token", current_access_},
                  {"refresh_token", current_refresh_},
                  {"expires_in", std::to_string(options_.token_ttl_seconds)}});
}

void ZaloSim::RegisterControl() {
  auto& svr = server_.server();
  svr.Get("/_sim/messages", [this](const httplib::Request&, httplib::Response& res) {
    json list = json::array();
    for (const auto& m : Messages()) {
      list.push_back({{"message_id", m.message_id}, {"user_id", m.user_id}, {"text", m.text},
                      {"at", m.at}});
    }
    res.set_content(list.dump(), "application/json; charset=utf-8");
  });
  svr.Get("/_sim/stats", [this](const httplib::Request&, httplib::Response& res) {
    json stats{{"send_calls", send_calls()},
               {"refresh_calls", refresh_calls()},
               {"refused_refreshes", refused_refreshes()},
               {"messages", Messages().size()},
               {"access_token", current_access_token()},
               {"refresh_token", current_refresh_token()}};
    res.set_content(stats.dump(), "application/json");
  });
  svr.Post("/_sim/fault", [this](const httplib::Request& req, httplib::Response& res) {
    auto num = [&](const char* name) { return std::stoi(req.get_param_value(name)); };
    try {
      if (req.has_param("delay_ms")) SetDelayMs(num("delay_ms"));
      if (req.has_param("fail_5xx")) FailNext5xx(num("fail_5xx"));
      if (req.has_param("rate_limit")) RateLimitNext(num("rate_limit"));
      if (req.has_param("drop")) DropNext(num("drop"));
      if (req.has_param("error_code")) {
        ForceErrorNext(num("error_code"), req.has_param("count") ? num("count") : 1);
      }
      if (req.get_param_value("expire_token") == "1") ExpireToken();
    } catch (const std::exception&) {
      res.status = 400;
      res.set_content("bad number", "text/plain");
      return;
    }
    res.set_content("{\"ok\":true}", "application/json");
  });
  svr.Post("/_sim/interaction", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string user = req.get_param_value("user_id");
    if (user.empty()) {
      res.status = 400;
      return;
    }
    RecordInteraction(user, req.has_param("at_ms") ? std::stoll(req.get_param_value("at_ms")) : 0);
    res.set_content("{\"ok\":true}", "application/json");
  });
  svr.Post("/_sim/reset", [this](const httplib::Request&, httplib::Response& res) {
    Reset();
    res.set_content("{\"ok\":true}", "application/json");
  });
}

}  // namespace wardline::sim
