#include "tests/sim/facebook_sim.h"

#include <nlohmann/json.hpp>

namespace wardline::sim {
namespace {

using nlohmann::json;

void Fail(httplib::Response& res, int status, int code, int subcode, const std::string& message) {
  res.status = status;
  res.set_content(GraphError(code, subcode, message), "application/json; charset=utf-8");
}

}  // namespace

std::string GraphError(int code, int subcode, const std::string& message, const std::string& type) {
  json error{{"message", message}, {"type", type}, {"code", code},
             {"fbtrace_id", "A" + RandomHex(10)}};
  if (subcode != 0) error["error_subcode"] = subcode;
  return json{{"error", error}}.dump();
}

FacebookSim::FacebookSim(FacebookSimOptions options) : options_(std::move(options)) {
  auto& svr = server_.server();
  svr.Post(R"(/v\d+\.\d+/([^/]+)/messages)",
           [this](const httplib::Request& req, httplib::Response& res) { HandleMessages(req, res); });
  svr.Post(R"(/v\d+\.\d+/([^/]+)/comments)",
           [this](const httplib::Request& req, httplib::Response& res) { HandleComments(req, res); });
  RegisterControl();
}

FacebookSim::~FacebookSim() { Stop(); }

int FacebookSim::Start(int port) { return server_.Start(port); }

void FacebookSim::Stop() {
  faults_.Interrupt();
  server_.Stop();
}

void FacebookSim::RecordInteraction(const std::string& psid, std::int64_t at_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  interactions_[psid] = at_ms == 0 ? NowMs() : at_ms;
}

std::vector<FacebookSentMessage> FacebookSim::Messages() const {
  std::lock_guard<std::mutex> lock(mu_);
  return messages_;
}

std::vector<FacebookComment> FacebookSim::Comments() const {
  std::lock_guard<std::mutex> lock(mu_);
  return comments_;
}

std::string FacebookSim::last_access_token() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_token_;
}

void FacebookSim::ExpireToken() {
  std::lock_guard<std::mutex> lock(mu_);
  token_expired_ = true;
}

void FacebookSim::BlockUser(const std::string& psid) {
  std::lock_guard<std::mutex> lock(mu_);
  blocked_.insert(psid);
}

void FacebookSim::ForceErrorNext(int code, int subcode, int n, int http_status) {
  std::lock_guard<std::mutex> lock(mu_);
  forced_code_ = code;
  forced_subcode_ = subcode;
  forced_left_ = n;
  forced_status_ = http_status;
}

void FacebookSim::Reset() {
  faults_.Reset();
  std::lock_guard<std::mutex> lock(mu_);
  messages_.clear();
  comments_.clear();
  blocked_.clear();
  forced_left_ = 0;
  token_expired_ = false;
}

bool FacebookSim::CheckToken(const httplib::Request& req, httplib::Response& res) {
  last_token_ = req.get_param_value("access_token");
  if (last_token_.empty()) {
    Fail(res, 400, 2500, 0, "An active access token must be used to query information about the current user.");
    return false;
  }
  if (last_token_ != options_.page_token) {
    Fail(res, 400, 190, 0, "Invalid OAuth access token - Cannot parse access token");
    return false;
  }
  if (token_expired_) {
    Fail(res, 400, 190, 463, "Error validating access token: Session has expired");
    return false;
  }
  if (faults_.TakeRateLimit()) {
    res.set_header("X-Business-Use-Case-Usage",
                   json{{options_.page_id,
                         json::array({{{"type", "messenger"},
                                       {"call_count", 100},
                                       {"total_cputime", 10},
                                       {"total_time", 10},
                                       {"estimated_time_to_regain_access",
                                        options_.rate_limit_regain_minutes}}})}}
                       .dump());
    Fail(res, 400, 613, 0, "Calls to this api have exceeded the rate limit.");
    return false;
  }
  if (forced_left_ > 0) {
    --forced_left_;
    Fail(res, forced_status_, forced_code_, forced_subcode_, "Simulated error");
    return false;
  }
  return true;
}

void FacebookSim::HandleMessages(const httplib::Request& req, httplib::Response& res) {
  ++send_calls_;
  if (faults_.Apply(res)) return;
  const std::string who = req.matches[1];
  const auto now = NowMs();
  std::lock_guard<std::mutex> lock(mu_);
  if (!CheckToken(req, res)) return;
  if (who != "me" && who != options_.page_id) {
    Fail(res, 400, 100, 33, "Unsupported post request. Object with ID '" + who + "' does not exist");
    return;
  }
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    Fail(res, 400, 100, 0, "(#100) The parameter recipient is required");
    return;
  }
  std::string psid;
  if (body.contains("recipient") && body["recipient"].is_object()) {
    const json& r = body["recipient"];
    if (r.contains("id") && r["id"].is_string()) psid = r["id"].get<std::string>();
  }
  if (psid.empty()) {
    Fail(res, 400, 100, 0, "(#100) The parameter recipient is required");
    return;
  }
  const std::string type = body.value("messaging_type", "");
  const std::string tag = body.value("tag", "");
  if (type != "RESPONSE" && type != "UPDATE" && type != "MESSAGE_TAG") {
    Fail(res, 400, 100, 0, "(#100) Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}");
    return;
  }
  if (type == "MESSAGE_TAG") {
    if (tag.empty()) {
      Fail(res, 400, 100, 0, "(#100) Tag is required for MESSAGE_TAG messaging type");
      return;
    }
    if (tag == "CONFIRMED_EVENT_UPDATE" || tag == "ACCOUNT_UPDATE" || tag == "POST_PURCHASE_UPDATE") {
      Fail(res, 400, 100, 1893061, "(#100) This message tag is deprecated");
      return;
    }
    if (tag != "HUMAN_AGENT" || !options_.human_agent_enabled) {
      Fail(res, 400, 100, 0, "(#100) Param tag is not allowed for this app");
      return;
    }
  }
  std::string text;
  if (body.contains("message") && body["message"].is_object() && body["message"].contains("text") &&
      body["message"]["text"].is_string()) {
    text = body["message"]["text"].get<std::string>();
  }
  if (text.empty()) {
    Fail(res, 400, 100, 0, "(#100) Param message must be non-empty");
    return;
  }
  if (CodePoints(text) > 2000) {
    Fail(res, 400, 100, 0, "(#100) Length of param message[text] must be less than or equal to 2000");
    return;
  }
  if (blocked_.count(psid) > 0) {
    Fail(res, 400, 551, 1545041, "This person isn't available right now.");
    return;
  }
  auto last = interactions_.find(psid);
  if (options_.strict_recipients && last == interactions_.end()) {
    Fail(res, 400, 100, 2018001, "(#100) No matching user found");
    return;
  }
  if (options_.window_check) {
    const std::int64_t age = last == interactions_.end() ? INT64_MAX : now - last->second;
    const std::int64_t limit = type == "MESSAGE_TAG"
                                   ? static_cast<std::int64_t>(options_.human_agent_days) * 86400000
                                   : static_cast<std::int64_t>(options_.standard_window_hours) * 3600000;
    if (age > limit) {
      Fail(res, 400, 10, 2018278, "(#10) This message is sent outside of allowed window.");
      return;
    }
  }
  FacebookSentMessage m;
  m.message_id = "m_" + RandomHex(24);
  m.recipient_id = psid;
  m.text = text;
  m.messaging_type = type;
  m.tag = tag;
  m.at = now;
  messages_.push_back(m);
  res.status = 200;
  res.set_content(json{{"recipient_id", psid}, {"message_id", m.message_id}}.dump(),
                  "application/json; charset=utf-8");
}

void FacebookSim::HandleComments(const httplib::Request& req, httplib::Response& res) {
  ++send_calls_;
  if (faults_.Apply(res)) return;
  const std::string object_id = req.matches[1];
  std::lock_guard<std::mutex> lock(mu_);
  if (!CheckToken(req, res)) return;
  std::string message;
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_discarded() && body.is_object() && body.contains("message") && body["message"].is_string()) {
    message = body["message"].get<std::string>();
  } else if (req.has_param("message")) {
    message = req.get_param_value("message");
  }
  if (message.empty()) {
    Fail(res, 400, 100, 0, "(#100) The parameter message is required");
    return;
  }
  FacebookComment c;
  c.object_id = object_id;
  c.id = object_id.substr(0, object_id.find('_')) + "_" + std::to_string(100000 + comments_.size());
  c.message = message;
  c.at = NowMs();
  comments_.push_back(c);
  res.status = 200;
  res.set_content(json{{"id", c.id}}.dump(), "application/json");
}

void FacebookSim::RegisterControl() {
  auto& svr = server_.server();
  svr.Get("/_sim/messages", [this](const httplib::Request&, httplib::Response& res) {
    json list = json::array();
    for (const auto& m : Messages()) {
      list.push_back({{"message_id", m.message_id}, {"recipient_id", m.recipient_id},
                      {"text", m.text}, {"messaging_type", m.messaging_type}, {"tag", m.tag},
                      {"at", m.at}});
    }
    res.set_content(list.dump(), "application/json; charset=utf-8");
  });
  svr.Get("/_sim/comments", [this](const httplib::Request&, httplib::Response& res) {
    json list = json::array();
    for (const auto& c : Comments()) {
      list.push_back({{"id", c.id}, {"object_id", c.object_id}, {"message", c.message}, {"at", c.at}});
    }
    res.set_content(list.dump(), "application/json; charset=utf-8");
  });
  svr.Get("/_sim/stats", [this](const httplib::Request&, httplib::Response& res) {
    json stats{{"send_calls", send_calls()}, {"messages", Messages().size()},
               {"comments", Comments().size()}};
    res.set_content(stats.dump(), "application/json");
  });
  svr.Post("/_sim/fault", [this](const httplib::Request& req, httplib::Response& res) {
    auto num = [&](const char* name) { return std::stoi(req.get_param_value(name)); };
    try {
      if (req.has_param("delay_ms")) SetDelayMs(num("delay_ms"));
      if (req.has_param("fail_5xx")) FailNext5xx(num("fail_5xx"));
      if (req.has_param("rate_limit")) RateLimitNext(num("rate_limit"));
      if (req.has_param("drop")) DropNext(num("drop"));
      if (req.get_param_value("expire_token") == "1") ExpireToken();
    } catch (const std::exception&) {
      res.status = 400;
      return;
    }
    res.set_content("{\"ok\":true}", "application/json");
  });
  svr.Post("/_sim/interaction", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string psid = req.get_param_value("psid");
    if (psid.empty()) {
      res.status = 400;
      return;
    }
    RecordInteraction(psid, req.has_param("at_ms") ? std::stoll(req.get_param_value("at_ms")) : 0);
    res.set_content("{\"ok\":true}", "application/json");
  });
  svr.Post("/_sim/reset", [this](const httplib::Request&, httplib::Response& res) {
    Reset();
    res.set_content("{\"ok\":true}", "application/json");
  });
}

}  // namespace wardline::sim
