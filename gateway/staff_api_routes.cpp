// The staff JSON API (/api/v1/cases...): parse, call the case service as the authenticated
// actor, render. No workflow lives here.
#include <cstdlib>
#include <ctime>

#include "gateway/http_util.h"
#include "gateway/route_areas.h"
#include "gateway/staff_auth.h"

namespace wardline::gateway {
namespace {

constexpr EpochMs kHanoiOffsetMs = 7 * 3'600'000;

nlohmann::json OrNull(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

nlohmann::json CaseJson(const Case& c) {
  nlohmann::json j = {{"id", c.id},
                      {"version", c.version},
                      {"tracking_code", c.tracking_code},
                      {"channel", ChannelName(c.channel)},
                      {"ward", c.ward_slug},
                      {"category", c.category ? nlohmann::json(*c.category) : nlohmann::json(nullptr)},
                      {"department", c.department},
                      {"priority", PriorityName(c.priority)},
                      {"confidence", c.confidence},
                      {"status", StatusName(c.status)},
                      {"assignee", OrNull(c.assignee)},
                      {"text", c.text},
                      {"resident_name", c.resident_name},
                      {"resident_phone", c.resident_phone},
                      {"resident_address", c.resident_address},
                      {"resolution", c.resolution},
                      {"public_summary", OrNull(c.public_summary)},
                      {"reject_reason", OrNull(c.reject_reason)},
                      {"merged_into", c.merged_into ? nlohmann::json(*c.merged_into) : nlohmann::json(nullptr)},
                      {"delivery_note", c.delivery_note},
                      {"created_at", c.created_at},
                      {"updated_at", c.updated_at},
                      {"last_message_at", c.last_message_at},
                      {"resolved_at", c.resolved_at ? nlohmann::json(c.resolved_at) : nlohmann::json(nullptr)},
                      {"published_at", c.published_at ? nlohmann::json(c.published_at) : nlohmann::json(nullptr)}};
  if (c.location) j["location"] = {{"lat", c.location->lat}, {"lon", c.location->lon}};
  return j;
}

nlohmann::json DetailJson(const cases::CaseDetail& d) {
  nlohmann::json j = CaseJson(d.c);
  j["messages"] = nlohmann::json::array();
  for (const auto& m : d.messages) {
    j["messages"].push_back({{"direction", m.direction}, {"kind", m.kind}, {"text", m.text},
                             {"attachments", nlohmann::json::parse(m.attachments_json, nullptr, false)},
                             {"at", m.at}});
  }
  j["events"] = nlohmann::json::array();
  j["notes"] = nlohmann::json::array();
  for (const auto& e : d.events) {
    nlohmann::json ev = {{"kind", e.kind}, {"actor", e.actor}, {"detail", e.detail}, {"at", e.at}};
    if (e.kind == "note") j["notes"].push_back({{"author", e.actor}, {"text", e.detail}, {"at", e.at}});
    j["events"].push_back(std::move(ev));
  }
  j["outbox"] = nlohmann::json::array();
  for (const auto& o : d.outbox) {
    j["outbox"].push_back({{"id", o.id}, {"purpose", o.purpose}, {"state", OutboxStateName(o.state)},
                           {"attempts", o.attempts}, {"last_error", o.last_error}, {"text", o.text}});
  }
  return j;
}

// Epoch milliseconds, or a date YYYY-MM-DD (midnight in Hà Nội).
std::optional<EpochMs> ParseTime(const std::string& s) {
  if (auto ms = PositiveInt(s)) return *ms;
  std::tm tm{};
  if (s.size() != 10 || !strptime(s.c_str(), "%Y-%m-%d", &tm)) return std::nullopt;
  return static_cast<EpochMs>(timegm(&tm)) * 1000 - kHanoiOffsetMs;
}

// The list query from the URL; nullopt after answering 400.
std::optional<CaseQuery> ParseQuery(const httplib::Request& req, httplib::Response& res) {
  CaseQuery q;
  auto bad = [&](const std::string& m) {
    SendErrorCode(res, 400, "invalid_argument", m);
    return std::nullopt;
  };
  auto param = [&](const char* k) -> std::optional<std::string> {
    if (!req.has_param(k)) return std::nullopt;
    return req.get_param_value(k);
  };
  if (auto v = param("ward")) q.ward_slug = *v;
  if (auto v = param("department")) q.department = *v;
  if (auto v = param("category")) q.category = *v;
  if (auto v = param("assignee")) q.assignee = *v;
  if (auto v = param("status")) {
    std::size_t pos = 0;
    while (pos <= v->size()) {
      std::size_t end = v->find(',', pos);
      if (end == std::string::npos) end = v->size();
      auto st = ParseStatus(v->substr(pos, end - pos));
      if (!st) return bad("unknown status \"" + v->substr(pos, end - pos) + "\"");
      q.statuses.push_back(*st);
      pos = end + 1;
    }
  }
  if (auto v = param("priority")) {
    q.priority = ParsePriority(*v);
    if (!q.priority) return bad("priority is binh_thuong or khan_cap");
  }
  if (auto v = param("channel")) {
    q.channel = ParseChannel(*v);
    if (!q.channel) return bad("channel is zalo, facebook or web");
  }
  if (auto v = param("q")) {
    if (v->size() > 200) return bad("q: at most 200 characters");
    std::string folded = cases::SearchText(*v);
    if (folded.empty() && !v->empty()) return bad("q is not valid UTF-8");
    if (!folded.empty()) q.q = folded;
  }
  for (auto [key, slot] : {std::pair{"from", &q.from}, std::pair{"to", &q.to}}) {
    if (auto v = param(key)) {
      *slot = ParseTime(*v);
      if (!*slot) return bad(std::string(key) + ": a date YYYY-MM-DD or epoch milliseconds");
    }
  }
  if (auto v = param("cursor")) {
    q.before_id = PositiveInt(*v);
    if (!q.before_id) return bad("cursor: use the \"next\" value of the previous page");
  }
  if (auto v = param("limit")) {
    auto n = PositiveInt(*v);
    if (!n || *n > 500) return bad("limit: 1 to 500");
    q.limit = static_cast<int>(*n);
  }
  return q;
}

// The optional "version" of an action body; false after answering 400.
bool ParseVersion(const nlohmann::json& body, cases::Version& out, httplib::Response& res) {
  auto it = body.find("version");
  if (it == body.end() || it->is_null()) return true;
  if (!it->is_number_integer()) {
    SendErrorCode(res, 400, "invalid_argument", "version must be an integer");
    return false;
  }
  out = it->get<std::int64_t>();
  return true;
}

// A string field: "" when absent. Errors: kInvalidArgument when it is not a string.
Result<std::string> Text(const nlohmann::json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string()) return InvalidArgument(std::string(key) + " must be a string");
  return it->get<std::string>();
}

using Action = std::function<Result<Case>(const cases::Actor&, std::int64_t, const nlohmann::json&,
                                          cases::Version)>;

}  // namespace

void RegisterStaffApiRoutes(Routes& routes, const StaffApiDeps& d) {
  auth::AuthService& auth = d.auth;
  cases::CaseService& service = d.service;

  routes.Get("/api/v1/cases", "/api/v1/cases",
             RequireStaff(auth, [&service](const httplib::Request& req, httplib::Response& res,
                                           const auth::Principal& p) {
               auto q = ParseQuery(req, res);
               if (!q) return;
               auto page = service.List(cases::ActorFor(p.user), *q);
               if (!page.ok()) return SendError(res, page.error());
               nlohmann::json arr = nlohmann::json::array();
               for (const auto& c : page->cases) arr.push_back(CaseJson(c));
               SendJson(res, 200, {{"cases", arr},
                                   {"next", page->next ? nlohmann::json(std::to_string(*page->next))
                                                       : nlohmann::json(nullptr)}});
             }));

  routes.Get(R"(/api/v1/cases/(\d+))", "/api/v1/cases/{id}",
             RequireStaff(auth, [&service](const httplib::Request& req, httplib::Response& res,
                                           const auth::Principal& p) {
               auto id = PositiveInt(req.matches[1].str());
               if (!id) return SendErrorCode(res, 404, "not_found", "no such case");
               auto detail = service.Detail(cases::ActorFor(p.user), *id);
               if (!detail.ok()) return SendError(res, detail.error());
               SendJson(res, 200, DetailJson(*detail));
             }));

  auto action = [&](const std::string& name, Action act) {
    routes.Post(R"(/api/v1/cases/(\d+)/)" + name, "/api/v1/cases/{id}/" + name,
                RequireStaff(auth, [act, name](const httplib::Request& req, httplib::Response& res,
                                         const auth::Principal& p) {
                  auto id = PositiveInt(req.matches[1].str());
                  if (!id) return SendErrorCode(res, 404, "not_found", "no such case");
                  nlohmann::json body = nlohmann::json::object();
                  if (!req.body.empty()) {
                    auto parsed = JsonBody(req, res);
                    if (!parsed) return;
                    body = *parsed;
                  }
                  cases::Version version;
                  if (!ParseVersion(body, version, res)) return;
                  auto updated = act(cases::ActorFor(p.user), *id, body, version);
                  if (!updated.ok()) return SendError(res, updated.error());
                  // A reply is accepted for delivery through the outbox, not yet delivered.
                  SendJson(res, name == "reply" ? 202 : 200, CaseJson(*updated));
                }));
  };

  action("reply", [&service](const cases::Actor& a, std::int64_t id, const nlohmann::json& b,
                             cases::Version v) -> Result<Case> {
    auto text = Text(b, "text");
    if (!text.ok()) return text.error();
    auto it = b.find("resolve");
    if (it != b.end() && !it->is_boolean() && !it->is_null()) {
      return InvalidArgument("resolve must be true or false");
    }
    return service.Reply(a, id, *text, it != b.end() && it->is_boolean() && it->get<bool>(), v);
  });

  action("route", [&service](const cases::Actor& a, std::int64_t id, const nlohmann::json& b,
                             cases::Version v) -> Result<Case> {
    cases::RouteChange change;
    for (auto [key, slot] : {std::pair{"category", &change.category},
                             std::pair{"department", &change.department},
                             std::pair{"ward", &change.ward_slug}}) {
      auto value = Text(b, key);
      if (!value.ok()) return value.error();
      if (!value->empty()) *slot = *value;
    }
    auto priority = Text(b, "priority");
    if (!priority.ok()) return priority.error();
    if (!priority->empty()) {
      change.priority = ParsePriority(*priority);
      if (!change.priority) return InvalidArgument("priority is binh_thuong or khan_cap");
    }
    return service.Route(a, id, change, v);
  });

  action("assign", [&service](const cases::Actor& a, std::int64_t id, const nlohmann::json& b,
                              cases::Version v) -> Result<Case> {
    auto who = Text(b, "username");
    if (!who.ok()) return who.error();
    return service.Assign(a, id, *who, v);
  });

  action("note", [&service](const cases::Actor& a, std::int64_t id, const nlohmann::json& b,
                            cases::Version v) -> Result<Case> {
    auto text = Text(b, "text");
    if (!text.ok()) return text.error();
    return service.Note(a, id, *text, v);
  });

  action("resolve", [&service](const cases::Actor& a, std::int64_t id, const nlohmann::json& b,
                               cases::Version v) -> Result<Case> {
    auto text = Text(b, "resolution");
    if (!text.ok()) return text.error();
    return service.Resolve(a, id, *text, v);
  });

  action("reject", [&service](const cases::Actor& a, std::int64_t id, const nlohmann::json& b,
                              cases::Version v) -> Result<Case> {
    auto reason = Text(b, "reason");
    if (!reason.ok()) return reason.error();
    auto note = Text(b, "note");
    if (!note.ok()) return note.error();
    auto parsed = cases::ParseRejectReason(*reason);
    if (!parsed) return InvalidArgument("reason is spam, off_topic, duplicate or out_of_scope");
    return service.Reject(a, id, *parsed, *note, v);
  });

  action("merge", [&service](const cases::Actor& a, std::int64_t id, const nlohmann::json& b,
                             cases::Version v) -> Result<Case> {
    auto it = b.find("into");
    if (it == b.end() || !it->is_number_integer()) {
      return InvalidArgument("into: the id of the case to merge into");
    }
    return service.Merge(a, id, it->get<std::int64_t>(), v);
  });

  action("reopen", [&service](const cases::Actor& a, std::int64_t id, const nlohmann::json&,
                              cases::Version v) -> Result<Case> { return service.Reopen(a, id, v); });

  action("publish", [&service](const cases::Actor& a, std::int64_t id, const nlohmann::json& b,
                               cases::Version v) -> Result<Case> {
    std::optional<std::string> summary;
    if (b.contains("summary") && !b["summary"].is_null()) {
      auto text = Text(b, "summary");
      if (!text.ok()) return text.error();
      summary = *text;
    }
    return service.Publish(a, id, summary, v);
  });

  action("unpublish", [&service](const cases::Actor& a, std::int64_t id, const nlohmann::json&,
                                 cases::Version v) -> Result<Case> {
    return service.Unpublish(a, id, v);
  });
}

}  // namespace wardline::gateway
