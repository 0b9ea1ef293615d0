// The role matrix at its boundaries, both as the pure rule (Authorize, ScopeQuery) and through
// the service, where a refused actor must leave no trace.
#include <catch2/catch.hpp>

#include <functional>
#include <vector>

#include "tests/cases/case_service_rig.h"

namespace wardline::cases::testing {
namespace {

using S = CaseStatus;

constexpr Action kWrites[] = {Action::kReply,  Action::kRoute,  Action::kAssign,
                              Action::kNote,   Action::kResolve, Action::kReject,
                              Action::kMerge,  Action::kReopen, Action::kPublish,
                              Action::kUnpublish};

Case KimLienRoad() {
  Case c;
  c.ward_slug = "kim-lien";
  c.department = "dia_chinh";
  return c;
}

TEST_CASE("the role matrix, action by action", "[unit]") {
  const Case c = KimLienRoad();
  for (Action a : kWrites) {
    INFO(ActionName(a));
    const bool publishing = a == Action::kPublish || a == Action::kUnpublish;
    CHECK(Authorize(WardStaff(), a, c).ok() == !publishing);
    CHECK(Authorize(WardStaff("kim-lien", "dia_chinh"), a, c).ok() == !publishing);
    CHECK(Authorize(WardLeader(), a, c).ok() == !publishing);
    CHECK(Authorize(Office(), a, c).ok());
    CHECK(Authorize(Admin(), a, c).ok());
    // Never: another ward, another department, a read-only leader.
    CHECK(Authorize(WardStaff("lang-thuong"), a, c).error().code == ErrorCode::kPermissionDenied);
    CHECK(Authorize(WardLeader("lang-thuong"), a, c).error().code == ErrorCode::kPermissionDenied);
    CHECK(Authorize(WardStaff("kim-lien", "tai_nguyen"), a, c).error().code ==
          ErrorCode::kPermissionDenied);
    CHECK(Authorize(CityLeader(), a, c).error().code == ErrorCode::kPermissionDenied);
  }
  CHECK(Authorize(CityLeader(), Action::kRead, c).ok());
  CHECK(Authorize(Office(), Action::kRead, c).ok());
  CHECK_FALSE(Authorize(WardStaff("lang-thuong"), Action::kRead, c).ok());
  CHECK_FALSE(Authorize(WardStaff("kim-lien", "tai_nguyen"), Action::kRead, c).ok());
  // A ward-bound account with no ward (a broken row) sees nothing.
  CHECK_FALSE(Authorize(Actor{7, "x", Role::kWardStaff, "", ""}, Action::kRead, c).ok());
}

TEST_CASE("the reasons a refusal gives", "[unit]") {
  const Case c = KimLienRoad();
  CHECK_THAT(Authorize(WardStaff("lang-thuong"), Action::kReply, c).error().message,
             Catch::Contains("another ward"));
  CHECK_THAT(Authorize(WardStaff("kim-lien", "tai_nguyen"), Action::kReply, c).error().message,
             Catch::Contains("another department"));
  CHECK_THAT(Authorize(CityLeader(), Action::kNote, c).error().message, Catch::Contains("read-only"));
  CHECK_THAT(Authorize(WardLeader(), Action::kPublish, c).error().message,
             Catch::Contains("district office"));
}

TEST_CASE("list queries are narrowed to what the actor may read", "[unit]") {
  CaseQuery q;
  REQUIRE(ScopeQuery(WardStaff("kim-lien", "dia_chinh"), q).ok());
  CHECK(q.ward_slug == "kim-lien");
  CHECK(q.department == "dia_chinh");

  CaseQuery other;
  other.ward_slug = "lang-thuong";
  CHECK(ScopeQuery(WardStaff(), other).error().code == ErrorCode::kPermissionDenied);
  CHECK(ScopeQuery(WardLeader(), other).error().code == ErrorCode::kPermissionDenied);
  CaseQuery dept;
  dept.department = "tai_nguyen";
  CHECK(ScopeQuery(WardStaff("kim-lien", "dia_chinh"), dept).error().code ==
        ErrorCode::kPermissionDenied);
  CaseQuery leader_q;
  REQUIRE(ScopeQuery(WardLeader(), leader_q).ok());
  CHECK(leader_q.ward_slug == "kim-lien");
  CHECK_FALSE(leader_q.department);

  for (const Actor& all : {Office(), CityLeader(), Admin()}) {
    CaseQuery open = other;
    REQUIRE(ScopeQuery(all, open).ok());
    CHECK(open.ward_slug == "lang-thuong");
  }
}

TEST_CASE("the service lists only the actor's ward and department", "[unit]") {
  ServiceRig r;
  Case road = r.AddCase();
  r.AddCase(S::kRouted, "kim-lien", "tai_nguyen");
  r.AddCase(S::kRouted, "lang-thuong");
  auto mine = r.service.List(WardStaff("kim-lien", "dia_chinh"), {});
  REQUIRE(mine.ok());
  REQUIRE(mine->cases.size() == 1);
  CHECK(mine->cases[0].id == road.id);
  CHECK(r.service.List(WardLeader(), {})->cases.size() == 2);
  CHECK(r.service.List(CityLeader(), {})->cases.size() == 3);
}

// Every write, as the service runs it, for the "refused leaves no trace" sweep.
std::vector<std::pair<const char*, std::function<Result<Case>(CaseService&, const Actor&, std::int64_t)>>>
AllWrites(std::int64_t other_case) {
  return {
      {"reply", [](CaseService& s, const Actor& a, std::int64_t id) {
         return s.Reply(a, id, "Trả lời", false, std::nullopt); }},
      {"route", [](CaseService& s, const Actor& a, std::int64_t id) {
         RouteChange ch; ch.category = "moi_truong"; return s.Route(a, id, ch, std::nullopt); }},
      {"assign", [](CaseService& s, const Actor& a, std::int64_t id) {
         return s.Assign(a, id, "", std::nullopt); }},
      {"note", [](CaseService& s, const Actor& a, std::int64_t id) {
         return s.Note(a, id, "Ghi chú", std::nullopt); }},
      {"resolve", [](CaseService& s, const Actor& a, std::int64_t id) {
         return s.Resolve(a, id, "Đã xử lý", std::nullopt); }},
      {"reject", [](CaseService& s, const Actor& a, std::int64_t id) {
         return s.Reject(a, id, RejectReason::kSpam, "", std::nullopt); }},
      {"merge", [other_case](CaseService& s, const Actor& a, std::int64_t id) {
         return s.Merge(a, id, other_case, std::nullopt); }},
      {"publish", [](CaseService& s, const Actor& a, std::int64_t id) {
         return s.Publish(a, id, std::nullopt, std::nullopt); }},
  };
}

TEST_CASE("actors outside the matrix are refused every write and leave no trace", "[unit]") {
  ServiceRig r;
  Case target = r.AddCase();
  Case c = r.AddCase(S::kRouted);
  const auto before = r.Snapshot(c.id);
  const Actor outsiders[] = {WardStaff("lang-thuong"), WardLeader("lang-thuong"),
                             WardStaff("kim-lien", "tai_nguyen"), CityLeader()};
  for (const Actor& who : outsiders) {
    for (auto& [name, write] : AllWrites(target.id)) {
      INFO(who.username << " " << name);
      auto out = write(r.service, who, c.id);
      REQUIRE_FALSE(out.ok());
      CHECK(out.error().code == ErrorCode::kPermissionDenied);
    }
  }
  CHECK(r.Snapshot(c.id) == before);
  CHECK(r.cases.EventsOf(target.id).empty());
  CHECK(r.cases.Get(c.id)->version == c.version);
}

TEST_CASE("ward staff and ward leaders may not publish; the district office may", "[unit]") {
  ServiceRig r;
  Case c = r.AddCase(S::kResolved);
  for (const Actor& who : {WardStaff(), WardStaff("kim-lien", "dia_chinh"), WardLeader()}) {
    auto out = r.service.Publish(who, c.id, std::nullopt, std::nullopt);
    REQUIRE_FALSE(out.ok());
    CHECK(out.error().code == ErrorCode::kPermissionDenied);
  }
  CHECK(r.cases.Get(c.id)->status == S::kResolved);
  REQUIRE(r.service.Publish(Office(), c.id, std::nullopt, std::nullopt).ok());
  CHECK(r.service.Unpublish(WardLeader(), c.id, std::nullopt).error().code == ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace wardline::cases::testing
