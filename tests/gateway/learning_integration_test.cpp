// Integration: staff re-route a mis-triaged case through the API; the correction is stored,
// the case moves to the new department's queue, and `wardline train --db` learns from it.
#include <catch2/catch.hpp>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "tests/common/hub_http.h"
#include "tests/common/hub_process.h"

using namespace wardline::testing;
using nlohmann::json;

TEST_CASE("a staff re-route becomes a training correction", "[integration][learning]") {
  std::string dir = TempDir("learning");
  std::string db = "sqlite3://db=" + dir + "/wardline.db";
  // The ward officer of Thịnh Quang, signed in with a personal token.
  const httplib::Headers auth = {
      {"Authorization",
       "Bearer " + AddStaffWithToken(db, {"canbo.lan", "ward_staff", "thinh-quang", ""})}};
  // After the hand-over the case is Trung Tự's: the district office still reads it.
  const httplib::Headers office = {
      {"Authorization",
       "Bearer " + AddStaffWithToken(db, {"vanphong.quan", "district_office", "", ""})}};
  std::int64_t id = 0;
  std::string code;
  {
    HubProcess hub({"--db", db}, {{"WARDLINE_ACCESS_LOG", "0"}});
    httplib::Client c("127.0.0.1", hub.port());
    auto filed = c.Post("/w/thinh-quang/feedback", {{"Accept", "application/json"}},
                        httplib::Params{{"text", "Bà cụ hàng xóm sống một mình, mấy hôm nay không thấy mở cửa, gọi không ai thưa."}});
    REQUIRE(filed);
    REQUIRE(filed->status == 200);
    code = json::parse(filed->body)["tracking_code"].get<std::string>();
    id = CaseIdOf(c, auth, "thinh-quang", code);

    auto bad = c.Post(("/api/v1/cases/" + std::to_string(id) + "/route").c_str(), auth,
                      R"({"category":"not_a_category"})", "application/json");
    REQUIRE(bad);
    CHECK(bad->status == 400);
    auto rerouted = c.Post(("/api/v1/cases/" + std::to_string(id) + "/route").c_str(), auth,
                           R"({"category":"an_ninh","ward":"trung-tu","actor":"someone.else"})",
                           "application/json");
    REQUIRE(rerouted);
    INFO(rerouted->body);
    REQUIRE(rerouted->status == 200);
    json r = json::parse(rerouted->body);
    CHECK(r["category"] == "an_ninh");
    CHECK(r["department"] == "cong_an");
    CHECK(r["ward"] == "trung-tu");
    CHECK(r["confidence"] == 1.0);

    auto gone = c.Get(("/api/v1/cases/" + std::to_string(id)).c_str(), auth);
    REQUIRE(gone);
    CHECK(gone->status == 403);  // no longer Thịnh Quang's case
    auto detail = c.Get(("/api/v1/cases/" + std::to_string(id)).c_str(), office);
    REQUIRE(detail);
    REQUIRE(detail->status == 200);
    bool audited = false;
    const json detailed = json::parse(detail->body);
    for (const auto& e : detailed["events"]) {
      audited |= e["actor"] == "canbo.lan";
      CHECK(e["actor"] != "someone.else");  // a body field never names the actor
    }
    CHECK(audited);
    auto tracked = c.Get(("/track/" + code).c_str(), {{"Accept", "application/json"}});
    REQUIRE(tracked);
    CHECK(json::parse(tracked->body)["ward"] == "Trung Tự");
    CHECK(hub.Stop() == 0);
  }
  std::string model = dir + "/retrained.model";
  CommandResult train = RunWardline({"train", SourceDir() + "/triage/corpus", "--db", db, "--out", model});
  INFO(train.err);
  REQUIRE(train.exit_code == 0);
  CHECK(train.err.find("adding 1 staff correction") != std::string::npos);
  CommandResult triage = RunWardline({"triage", "--json", "đèn đường hỏng"}, {{"WARDLINE_MODEL", model}});
  CHECK(triage.exit_code == 0);
  CHECK(triage.out.find("\"category\":\"chieu_sang\"") != std::string::npos);
}
