// Integration: the staff API and browser sign-in on the real hub, tried the way a careless or
// hostile caller would — no credential, a revoked token, another ward, a stale version, a
// cookie without its CSRF token, password guessing, malformed bodies. Each refusal must come
// before any write. Runs on SQLite, and on MariaDB with WARDLINE_TEST_BACKEND=mysql; the test
// tagged [mysql] (two hubs on one MariaDB) runs only there.
#include <catch2/catch.hpp>
#include <httplib.h>

#include <atomic>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "core/store/stores.h"
#include "tests/common/hub_http.h"
#include "tests/common/hub_process.h"

using namespace wardline::testing;
using nlohmann::json;

namespace {

constexpr const char* kWard = "nam-dong";

json Detail(httplib::Client& c, const std::string& token, std::int64_t id) {
  auto res = c.Get(("/api/v1/cases/" + std::to_string(id)).c_str(), Bearer(token));
  REQUIRE(res);
  REQUIRE(res->status == 200);
  return json::parse(res->body);
}

httplib::Result PostJson(httplib::Client& c, const std::string& path, const httplib::Headers& h,
                         const std::string& body) {
  return c.Post(path.c_str(), h, body, "application/json");
}

// An error answer: the status, JSON {"error","message","request_id"}, and nothing of the
// database's own words.
void CheckError(const httplib::Result& res, int status) {
  REQUIRE(res);
  INFO(res->body);
  CHECK(res->status == status);
  const json e = json::parse(res->body, nullptr, false);
  REQUIRE(e.is_object());
  CHECK(e["error"].is_string());
  CHECK(e["message"].is_string());
  CHECK(e["request_id"].is_string());
  for (const char* sql : {"SELECT", "INSERT", "UPDATE ", "sqlite", "MariaDB", "soci"}) {
    CHECK(res->body.find(sql) == std::string::npos);
  }
}

// The session cookie a browser sign-in sets, as "name=value".
std::string SignIn(httplib::Client& c, const std::string& username) {
  auto res = c.Post("/login", httplib::Params{{"username", username}, {"password", kStaffPassword}});
  REQUIRE(res);
  REQUIRE(res->status == 303);
  const std::string cookie = res->get_header_value("Set-Cookie");
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Lax") != std::string::npos);
  return cookie.substr(0, cookie.find(';'));
}

std::string CsrfFrom(const std::string& page) {
  const std::string mark = "name=\"csrf\" value=\"";
  auto at = page.find(mark);
  REQUIRE(at != std::string::npos);
  at += mark.size();
  return page.substr(at, page.find('"', at) - at);
}

}  // namespace

TEST_CASE("careless and hostile calls on the case API are refused before any write",
          "[integration]") {
  TestDatabase db("staff-api");
  const std::string staff = AddStaffWithToken(db.url(), {"canbo.namdong", "ward_staff", kWard, ""});
  const std::string other_ward = AddStaffWithToken(db.url(), {"canbo.catlinh", "ward_staff", "cat-linh", ""});
  const std::string leader = AddStaffWithToken(db.url(), {"chutich.quan", "leader", "", ""});
  HubProcess hub({"--db", db.url()}, HubEnv());
  auto c = Client(hub);
  const std::string code = FileComplaint(c, kWard, {{"text", "Đèn chiếu sáng trong ngõ trước nhà tôi tắt ba hôm nay."}});
  const std::int64_t id = CaseIdOf(c, Bearer(staff), kWard, code);
  const std::string base = "/api/v1/cases/" + std::to_string(id);
  const json before = Detail(c, staff, id);
  const auto S = Bearer(staff);

  SECTION("no credential, a forged one, a revoked one") {
    auto none = c.Get(base.c_str());
    CheckError(none, 401);
    CHECK(none->get_header_value("WWW-Authenticate") == "Bearer");
    CheckError(PostJson(c, base + "/reply", {}, R"({"text":"x"})"), 401);
    CheckError(c.Get(base.c_str(), Bearer("wlt_forged-token")), 401);

    CommandResult revoked = RunWardline({"token", "revoke", "--db", db.url(), "--username",
                                         "canbo.namdong", "--name", "test"});
    INFO(revoked.err);
    REQUIRE(revoked.exit_code == 0);
    CheckError(c.Get(base.c_str(), S), 401);
  }
  SECTION("reply with \"resolve\":\"yes\" answers 400 and neither resolves nor queues") {
    CheckError(PostJson(c, base + "/reply", S, R"({"text":"Đã sửa xong.","resolve":"yes"})"), 400);
    CheckError(PostJson(c, base + "/reply", S, R"({"text":"Đã sửa xong.","resolve":"yes"})"), 400);
    const json after = Detail(c, staff, id);
    CHECK(after["version"] == before["version"]);
    CHECK(after["status"] == before["status"]);
    CHECK(after["resolution"] == "");
    CHECK(after["events"].size() == before["events"].size());
  }
  SECTION("malformed bodies and fields") {
    CheckError(PostJson(c, base + "/reply", S, "{\"text\":"), 400);
    CheckError(PostJson(c, base + "/reply", S, "[1,2]"), 400);
    CheckError(PostJson(c, base + "/reply", S, R"({"text":42})"), 400);
    CheckError(PostJson(c, base + "/reply", S, "{\"text\":\"\xff\xfe\"}"), 400);
    CheckError(PostJson(c, base + "/reply", S, R"({"text":"ok","version":"2"})"), 400);
    CheckError(PostJson(c, base + "/merge", S, "{}"), 400);
    CheckError(PostJson(c, base + "/merge", S, json{{"into", id}}.dump()), 400);
    CheckError(PostJson(c, base + "/reject", S, R"({"reason":"boring"})"), 400);
    CheckError(PostJson(c, base + "/route", S, R"({"category":"karaoke"})"), 400);
    CheckError(PostJson(c, "/api/v1/cases/99999999/reply", S, R"({"text":"x"})"), 404);
    CHECK(Detail(c, staff, id)["version"] == before["version"]);
  }
  SECTION("another ward's staff, a read-only leader, ward staff publishing") {
    CheckError(c.Get(base.c_str(), Bearer(other_ward)), 403);
    CheckError(PostJson(c, base + "/reply", Bearer(other_ward), R"({"text":"x"})"), 403);
    CheckError(c.Get("/api/v1/cases?ward=nam-dong", Bearer(other_ward)), 403);
    CHECK(c.Get(base.c_str(), Bearer(leader))->status == 200);
    CheckError(PostJson(c, base + "/note", Bearer(leader), R"({"text":"x"})"), 403);
    CheckError(PostJson(c, base + "/publish", S, "{}"), 403);
    CHECK(Detail(c, staff, id)["version"] == before["version"]);
  }
  SECTION("a stale version is refused with 409; the first answer stands") {
    const int v = before["version"].get<int>();
    auto first = PostJson(c, base + "/reply", S, json{{"text", "Phường đã báo điện lực."}, {"version", v}}.dump());
    REQUIRE(first);
    CHECK(first->status == 202);
    auto second = PostJson(c, base + "/reply", S, json{{"text", "Trả lời khác"}, {"version", v}}.dump());
    CheckError(second, 409);
    CHECK(json::parse(second->body)["message"].get<std::string>().find("version") != std::string::npos);
    const json after = Detail(c, staff, id);
    CHECK(after["resolution"] == "Phường đã báo điện lực.");
    CHECK(after["version"] == v + 1);
  }
}

TEST_CASE("browser sessions: HttpOnly cookie, CSRF on every change, logout ends it",
          "[integration]") {
  TestDatabase db("staff-browser");
  const std::string token = AddStaffWithToken(db.url(), {"canbo.namdong", "ward_staff", kWard, ""});
  HubProcess hub({"--db", db.url()}, HubEnv());
  auto c = Client(hub);
  const std::string code = FileComplaint(c, kWard, {{"text", "Rác tồn đọng ở đầu ngõ nhà tôi đã ba ngày."}});
  const std::int64_t id = CaseIdOf(c, Bearer(token), kWard, code);
  const std::string note = "/api/v1/cases/" + std::to_string(id) + "/note";

  const std::string cookie = SignIn(c, "canbo.namdong");
  auto home = c.Get("/staff", {{"Cookie", cookie}});
  REQUIRE(home);
  REQUIRE(home->status == 200);
  const std::string csrf = CsrfFrom(home->body);

  // Reading works with the cookie alone; a change without the token is what a forged
  // cross-site form would send.
  CHECK(c.Get(("/api/v1/cases/" + std::to_string(id)).c_str(), {{"Cookie", cookie}})->status == 200);
  const std::size_t events = Detail(c, token, id)["events"].size();
  CheckError(PostJson(c, note, {{"Cookie", cookie}}, R"({"text":"Ghi chú"})"), 403);
  CheckError(PostJson(c, note, {{"Cookie", cookie}, {"X-CSRF-Token", "not-the-token"}},
                      R"({"text":"Ghi chú"})"), 403);
  CHECK(Detail(c, token, id)["events"].size() == events);  // no note written
  auto ok = PostJson(c, note, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}, R"({"text":"Đã gọi tổ trưởng"})");
  REQUIRE(ok);
  CHECK(ok->status == 200);

  CHECK(c.Post("/logout", {{"Cookie", cookie}}, "", "application/x-www-form-urlencoded")->status == 403);
  auto out = c.Post("/logout", {{"Cookie", cookie}}, "csrf=" + csrf, "application/x-www-form-urlencoded");
  REQUIRE(out);
  CHECK(out->status == 303);
  CHECK(out->get_header_value("Set-Cookie").find("Max-Age=0") != std::string::npos);
  CheckError(c.Get(("/api/v1/cases/" + std::to_string(id)).c_str(), {{"Cookie", cookie}}), 401);
  CHECK(c.Get("/staff", {{"Cookie", cookie}})->status == 303);
}

TEST_CASE("password guessing is slowed, then refused with 429 and Retry-After", "[integration]") {
  TestDatabase db("staff-throttle");
  AddStaffWithToken(db.url(), {"canbo.namdong", "ward_staff", kWard, ""});
  HubProcess hub({"--db", db.url()}, HubEnv());
  // Ten wrong guesses at once (each answer is held back by the growing delay).
  std::vector<std::future<int>> guesses;
  for (int i = 0; i < 10; ++i) {
    guesses.push_back(std::async(std::launch::async, [&hub, i] {
      auto c = Client(hub);
      auto r = c.Post("/api/v1/login",
                      json{{"username", "canbo.namdong"}, {"password", "đoán " + std::to_string(i)}}.dump(),
                      "application/json");
      return r ? r->status : -1;
    }));
  }
  for (auto& g : guesses) CHECK(g.get() == 401);
  auto c = Client(hub);
  auto locked = PostJson(c, "/api/v1/login", {},
                         json{{"username", "canbo.namdong"}, {"password", kStaffPassword}}.dump());
  CheckError(locked, 429);
  CHECK(std::stoi(locked->get_header_value("Retry-After")) > 0);
  auto form = c.Post("/login", httplib::Params{{"username", "canbo.namdong"}, {"password", kStaffPassword}});
  REQUIRE(form);
  CHECK(form->status == 429);
  CHECK_FALSE(form->get_header_value("Retry-After").empty());
  // An unknown user gets the wrong-password answer (no enumeration).
  auto unknown = PostJson(c, "/api/v1/login", {}, json{{"username", "khong.co.ai"}, {"password", "x"}}.dump());
  REQUIRE(unknown);
  CHECK((unknown->status == 401 || unknown->status == 429));
}

TEST_CASE("two hubs on one MariaDB: two staff answer one case at once, exactly one reply goes out",
          "[integration][mysql]") {
  TestDatabase db("two-hubs");
  const std::string lan = AddStaffWithToken(db.url(), {"canbo.lan", "ward_staff", kWard, ""});
  const std::string minh = AddStaffWithToken(db.url(), {"canbo.minh", "ward_staff", kWard, ""});
  // Zalo cases (their replies go through the outbox), written the way intake stores them.
  constexpr int kCases = 8;
  std::vector<std::int64_t> ids;
  {
    auto stores = wardline::OpenStores(db.url(), 2);
    REQUIRE(stores.ok());
    for (int i = 0; i < kCases; ++i) {
      wardline::NewCase nc;
      nc.data.tracking_code = "PA-TWOH-" + std::to_string(1000 + i);
      nc.data.channel = wardline::ChannelKind::kZalo;
      nc.data.resident_ref = "zalo-resident-" + std::to_string(i);
      nc.data.ward_slug = kWard;
      nc.data.department = "van_phong";
      nc.data.status = wardline::CaseStatus::kRouted;
      nc.data.text = "Nước thải tràn ra ngõ " + std::to_string(i);
      auto created = stores->cases->Create(nc, 1'767'225'600'000);
      REQUIRE(created.ok());
      ids.push_back(created->id);
    }
  }
  // Both hubs send to a closed port: replies stay queued, so the outbox shows what was sent.
  auto env = HubEnv();
  env["ZALO_API_BASE"] = "http://127.0.0.1:9";
  HubProcess a({"--db", db.url()}, env);
  HubProcess b({"--db", db.url()}, env);
  int accepted = 0, conflicts = 0;
  for (std::int64_t id : ids) {
    const std::string path = "/api/v1/cases/" + std::to_string(id) + "/reply";
    std::atomic<bool> go{false};
    auto answer = [&](const HubProcess& hub, const std::string& token, const std::string& text) {
      return std::async(std::launch::async, [&, text] {
        auto c = Client(hub);
        while (!go) std::this_thread::yield();
        auto r = c.Post(path.c_str(), Bearer(token), json{{"text", text}, {"version", 1}}.dump(),
                        "application/json");
        return r ? r->status : -1;
      });
    };
    auto fa = answer(a, lan, "Chị Lan trả lời: đã cử tổ vệ sinh.");
    auto fb = answer(b, minh, "Anh Minh trả lời: đã báo công ty thoát nước.");
    go = true;
    const int sa = fa.get(), sb = fb.get();
    INFO("case " << id << ": " << sa << " / " << sb);
    CHECK(((sa == 202 && sb == 409) || (sa == 409 && sb == 202)));
    accepted += (sa == 202) + (sb == 202);
    conflicts += (sa == 409) + (sb == 409);

    auto c = Client(a);
    const json d = Detail(c, lan, id);
    int replies = 0;
    for (const auto& o : d["outbox"]) replies += o["purpose"] == "reply";
    CHECK(replies == 1);
    int reply_events = 0;
    for (const auto& e : d["events"]) reply_events += e["kind"] == "reply";
    CHECK(reply_events == 1);
    CHECK(d["version"] == 2);
  }
  CHECK(accepted == kCases);
  CHECK(conflicts == kCases);
}

TEST_CASE("an event that failed every attempt is listed for admins only and can be replayed",
          "[integration]") {
  TestDatabase db("failed-events");
  const std::string admin = AddStaffWithToken(db.url(), {"quantri", "admin", "", ""});
  const std::string staff = AddStaffWithToken(db.url(), {"canbo.namdong", "ward_staff", kWard, ""});
  // A correctly addressed Zalo message whose processing failed three times (as during a long
  // database hiccup), parked the way the event worker parks it.
  const std::string body = json{{"app_id", "4041286612345678901"},
                                {"user_id_by_app", "7712093344556677889"},
                                {"event_name", "user_send_text"},
                                {"timestamp", "1767225600000"},
                                {"sender", {{"id", "2468013579"}}},
                                {"recipient", {{"id", "5790000044445555666"}}},
                                {"message", {{"msg_id", "failed-msg-1"},
                                             {"text", "Cống trước nhà tôi ở phường Nam Đồng bị tắc."}}}}
                               .dump();
  {
    auto stores = wardline::OpenStores(db.url(), 2);
    REQUIRE(stores.ok());
    wardline::RawEvent e;
    e.channel = wardline::ChannelKind::kZalo;
    e.dedup_key = "failed-events-test";
    e.body = body;
    e.received_at = 1'767'225'600'000;
    REQUIRE(stores->inbox->Insert({e}).ok());
    for (int attempt = 1; attempt <= 3; ++attempt) {
      auto claimed = stores->inbox->Claim("test", 1, 4'000'000'000'000, 4'000'000'000'001);
      REQUIRE(claimed.ok());
      REQUIRE(claimed->size() == 1);
      auto parked = stores->inbox->Release(claimed->at(0).id, "database unavailable", 0, 3);
      REQUIRE(parked.ok());
      CHECK(*parked == (attempt == 3));
    }
  }
  auto env = HubEnv();
  env["ZALO_API_BASE"] = "http://127.0.0.1:9";
  HubProcess hub({"--db", db.url()}, env);
  auto c = Client(hub);
  CHECK(c.Get("/metrics")->body.find("wardline_inbox_failed 1") != std::string::npos);

  CheckError(c.Get("/api/v1/admin/failed-events", Bearer(staff)), 403);
  CheckError(c.Get("/api/v1/admin/failed-events"), 401);
  auto listed = c.Get("/api/v1/admin/failed-events", Bearer(admin));
  REQUIRE(listed);
  REQUIRE(listed->status == 200);
  const json events = json::parse(listed->body)["events"];
  REQUIRE(events.size() == 1);
  CHECK(events[0]["attempts"] == 3);
  CHECK(events[0]["last_error"] == "database unavailable");
  const std::string replay = "/api/v1/admin/failed-events/" + std::to_string(events[0]["id"].get<long>()) + "/replay";
  CheckError(c.Post(replay.c_str(), Bearer(staff), "", "application/json"), 403);
  CheckError(c.Post("/api/v1/admin/failed-events/99999/replay", Bearer(admin), "", "application/json"), 404);
  auto replayed = c.Post(replay.c_str(), Bearer(admin), "", "application/json");
  REQUIRE(replayed);
  CHECK(replayed->status == 202);

  // The worker picks it up again and the resident's message becomes a case.
  int zalo_cases = 0;
  for (int i = 0; i < 50 && zalo_cases == 0; ++i) {
    auto list = c.Get("/api/v1/cases?channel=zalo", Bearer(admin));
    REQUIRE(list);
    zalo_cases = static_cast<int>(json::parse(list->body)["cases"].size());
    if (zalo_cases == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(zalo_cases == 1);
  CHECK(json::parse(c.Get("/api/v1/admin/failed-events", Bearer(admin))->body)["events"].empty());
  CHECK(c.Get("/metrics")->body.find("wardline_inbox_failed 0") != std::string::npos);
}
