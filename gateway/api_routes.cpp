// Staff JSON API (/api/v1). Until staff accounts land, a bearer token from configuration
// (env WARDLINE_API_TOKEN) protects it; with no token configured the API is closed.
#include "connectors/common/crypto.h"
#include "connectors/common/text.h"
#include "gateway/http_server.h"
#include "gateway/http_util.h"
#include "triage/normalize.h"

namespace wardline::gateway {
namespace {

constexpr std::size_t kMaxReplyChars = 4000;

bool Authorized(const GatewayDeps& d, const httplib::Request& req, httplib::Response& res) {
  const std::string& token = d.config.server.api_token;
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (token.empty() || header.rfind(prefix, 0) != 0 ||
      !connectors::common::ConstantTimeEquals(header.substr(prefix.size()), token)) {
    res.set_header("WWW-Authenticate", "Bearer");
    SendJson(res, 401, {{"error", "unauthenticated"}, {"message", "a valid API token is required"}});
    return false;
  }
  return true;
}

std::optional<nlohmann::json> JsonBody(const httplib::Request& req, httplib::Response& res) {
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    SendJson(res, 400, {{"error", "invalid_argument"}, {"message", "body must be a JSON object"}});
    return std::nullopt;
  }
  return body;
}

std::string StringField(const nlohmann::json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : "";
}

nlohmann::json CaseJson(const Case& c) {
  nlohmann::json j = {{"id", c.id},
                      {"tracking_code", c.tracking_code},
                      {"channel", ChannelName(c.channel)},
                      {"ward", c.ward_slug},
                      {"category", c.category ? nlohmann::json(*c.category) : nlohmann::json(nullptr)},
                      {"department", c.department},
                      {"priority", PriorityName(c.priority)},
                      {"confidence", c.confidence},
                      {"status", StatusName(c.status)},
                      {"text", c.text},
                      {"resident_name", c.resident_name},
                      {"resident_phone", c.resident_phone},
                      {"resident_address", c.resident_address},
                      {"resolution", c.resolution},
                      {"delivery_note", c.delivery_note},
                      {"created_at", c.created_at},
                      {"updated_at", c.updated_at},
                      {"last_message_at", c.last_message_at}};
  if (c.location) j["location"] = {{"lat", c.location->lat}, {"lon", c.location->lon}};
  return j;
}

std::optional<std::int64_t> CaseId(const httplib::Request& req) {
  try {
    return std::stoll(req.matches[1].str());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

void HttpServer::RegisterApiRoutes() {
  httplib::Server& s = *server_;
  const GatewayDeps d = deps_;

  s.Get("/api/v1/cases", Instrument("/api/v1/cases", [d](const httplib::Request& req,
                                                         httplib::Response& res) {
    if (!Authorized(d, req, res)) return;
    CaseFilter f;
    if (req.has_param("ward")) f.ward_slug = req.get_param_value("ward");
    if (req.has_param("department")) f.department = req.get_param_value("department");
    if (req.has_param("status")) {
      f.status = ParseStatus(req.get_param_value("status"));
      if (!f.status) return SendJson(res, 400, {{"error", "invalid_argument"}, {"message", "unknown status"}});
    }
    if (req.has_param("limit")) f.limit = std::clamp(std::atoi(req.get_param_value("limit").c_str()), 1, 500);
    auto cases = d.store.ListCases(f);
    if (!cases.ok()) return SendError(res, cases.error());
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& c : *cases) arr.push_back(CaseJson(c));
    SendJson(res, 200, {{"cases", arr}});
  }));

  s.Get(R"(/api/v1/cases/(\d+))", Instrument("/api/v1/cases/{id}", [d](const httplib::Request& req,
                                                                      httplib::Response& res) {
    if (!Authorized(d, req, res)) return;
    auto id = CaseId(req);
    if (!id) return SendJson(res, 404, {{"error", "not_found"}});
    auto c = d.store.GetCase(*id);
    if (!c.ok()) return SendError(res, c.error());
    nlohmann::json j = CaseJson(*c);
    j["messages"] = nlohmann::json::array();
    if (auto ms = d.store.ListMessages(*id); ms.ok()) {
      for (const auto& m : *ms) {
        j["messages"].push_back({{"direction", m.direction}, {"kind", m.kind}, {"text", m.text},
                                 {"attachments", nlohmann::json::parse(m.attachments_json, nullptr, false)},
                                 {"at", m.at}});
      }
    }
    j["events"] = nlohmann::json::array();
    if (auto ev = d.store.ListEvents(*id); ev.ok()) {
      for (const auto& e : *ev) {
        j["events"].push_back({{"kind", e.kind}, {"actor", e.actor}, {"detail", e.detail}, {"at", e.at}});
      }
    }
    j["outbox"] = nlohmann::json::array();
    if (auto ob = d.store.ListOutboxForCase(*id); ob.ok()) {
      for (const auto& o : *ob) {
        j["outbox"].push_back({{"id", o.id}, {"purpose", o.purpose}, {"state", OutboxStateName(o.state)},
                               {"attempts", o.attempts}, {"last_error", o.last_error},
                               {"text", o.text}});
      }
    }
    SendJson(res, 200, j);
  }));

  s.Post(R"(/api/v1/cases/(\d+)/reply)", Instrument("/api/v1/cases/{id}/reply", [d](
                                                       const httplib::Request& req,
                                                       httplib::Response& res) {
    if (!Authorized(d, req, res)) return;
    auto body = JsonBody(req, res);
    if (!body) return;
    auto id = CaseId(req);
    if (!id) return SendJson(res, 404, {{"error", "not_found"}});
    std::string text = StringField(*body, "text");
    std::string actor = StringField(*body, "actor");
    if (actor.empty()) actor = "staff";
    if (text.empty() || !triage::IsValidUtf8(text) ||
        connectors::common::Utf8Length(text) > kMaxReplyChars) {
      return SendJson(res, 400, {{"error", "invalid_argument"},
                                 {"message", "text is required: valid UTF-8, at most 4000 characters"}});
    }
    auto c = d.store.GetCase(*id);
    if (!c.ok()) return SendError(res, c.error());
    const EpochMs now = d.clock.NowMs();
    // The answer is kept on the case first, so the resident can read it on /track whatever
    // happens to the channel delivery.
    if (Status s = d.store.SetResolution(*id, text, actor, now); !s.ok()) return SendError(res, s.error());
    nlohmann::json out = {{"case_id", *id}};
    if (c->channel != ChannelKind::kWeb && !c->resident_ref.empty()) {
      OutboxItem item;
      item.case_id = *id;
      item.channel = c->channel;
      item.recipient = c->resident_ref;
      item.reply_ref = c->reply_ref;
      item.purpose = "reply";
      const Ward* w = d.config.FindWard(c->ward_slug);
      item.text = d.renderer.ReplyMessage(w ? w->name : "", c->tracking_code, text,
                                          d.intake.TrackUrl(c->tracking_code));
      auto queued = d.store.EnqueueOutbox(item, now);
      if (!queued.ok()) return SendError(res, queued.error());
      out["outbox_id"] = *queued;
    }
    if (body->value("resolve", false)) {
      auto t = d.store.Transition(*id, CaseStatus::kResolved, actor, "answered", now);
      if (!t.ok()) return SendError(res, t.error());
      out["status"] = StatusName(t->status);
    } else {
      out["status"] = StatusName(c->status);
    }
    SendJson(res, 202, out);
  }));

  s.Post(R"(/api/v1/cases/(\d+)/status)", Instrument("/api/v1/cases/{id}/status", [d](
                                                        const httplib::Request& req,
                                                        httplib::Response& res) {
    if (!Authorized(d, req, res)) return;
    auto body = JsonBody(req, res);
    if (!body) return;
    auto id = CaseId(req);
    auto to = ParseStatus(StringField(*body, "status"));
    if (!id || !to) return SendJson(res, 400, {{"error", "invalid_argument"}, {"message", "unknown status"}});
    std::string actor = StringField(*body, "actor");
    auto t = d.store.Transition(*id, *to, actor.empty() ? "staff" : actor,
                                StringField(*body, "detail"), d.clock.NowMs());
    if (!t.ok()) return SendError(res, t.error());
    SendJson(res, 200, CaseJson(*t));
  }));

  // Re-routing a mis-triaged case: the correction is kept as training data.
  s.Post(R"(/api/v1/cases/(\d+)/reroute)", Instrument("/api/v1/cases/{id}/reroute", [d](
                                                         const httplib::Request& req,
                                                         httplib::Response& res) {
    if (!Authorized(d, req, res)) return;
    auto body = JsonBody(req, res);
    if (!body) return;
    auto id = CaseId(req);
    if (!id) return SendJson(res, 404, {{"error", "not_found"}});
    auto c = d.store.GetCase(*id);
    if (!c.ok()) return SendError(res, c.error());
    std::string category = StringField(*body, "category");
    std::string ward = StringField(*body, "ward");
    std::string actor = StringField(*body, "actor");
    if (actor.empty()) actor = "staff";
    if (category.empty()) category = c->category.value_or("");
    if (ward.empty()) ward = c->ward_slug;
    if (!d.config.FindCategory(category)) {
      return SendJson(res, 400, {{"error", "invalid_argument"}, {"message", "unknown category"}});
    }
    if (!ward.empty() && !d.config.FindWard(ward)) {
      return SendJson(res, 400, {{"error", "invalid_argument"}, {"message", "unknown ward"}});
    }
    const EpochMs now = d.clock.NowMs();
    TriageCorrection corr{*id, c->text, c->category.value_or(""), category, c->ward_slug, ward, actor, now};
    if (Status s = d.store.AddCorrection(corr); !s.ok()) return SendError(res, s.error());
    TriageUpdate u;
    u.category = category;
    u.department = d.config.DepartmentFor(ward, category);
    u.priority = c->priority;
    if (auto p = ParsePriority(StringField(*body, "priority"))) u.priority = *p;
    u.confidence = 1.0;
    u.ward_slug = ward;
    auto updated = d.store.ApplyTriage(*id, u, actor, now);
    if (!updated.ok()) return SendError(res, updated.error());
    if (updated->status == CaseStatus::kInProgress) {
      // Back to the new department's queue.
      if (auto t = d.store.Transition(*id, CaseStatus::kRouted, actor, "re-routed", now); t.ok()) updated = t;
    }
    SendJson(res, 200, CaseJson(*updated));
  }));
}

}  // namespace wardline::gateway
