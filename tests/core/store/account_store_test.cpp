// AccountStore contract: users, sessions, API tokens, audit log.
#include "tests/core/store/store_test_support.h"

using namespace wardline;
using namespace wardline::testing;

namespace {

User MakeUser(const std::string& name, Role role) {
  User u;
  u.username = name;
  u.display_name = "Nguyễn Thị Lan";
  u.role = role;
  u.ward_slug = "kim-lien";
  u.department = "dia_chinh";
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.created_at = u.updated_at = 100;
  return u;
}

}  // namespace

TEST_CASE("users are unique by name and updated in place", "[accounts]") {
  Stores s = OpenTestStores();
  const std::string name = Unique("lan.");
  auto u = s.accounts->AddUser(MakeUser(name, Role::kWardStaff));
  REQUIRE(u.ok());
  CHECK(u->id > 0);
  CHECK(s.accounts->AddUser(MakeUser(name, Role::kAdmin)).error().code == ErrorCode::kAlreadyExists);
  auto got = s.accounts->GetUser(name);
  REQUIRE(got.ok());
  CHECK(got->display_name == "Nguyễn Thị Lan");
  CHECK(got->role == Role::kWardStaff);
  CHECK(got->department == "dia_chinh");
  User changed = *got;
  changed.disabled = true;
  changed.role = Role::kWardLeader;
  REQUIRE(s.accounts->UpdateUser(changed).ok());
  auto by_id = s.accounts->GetUserById(u->id);
  REQUIRE(by_id.ok());
  CHECK(by_id->disabled);
  CHECK(by_id->role == Role::kWardLeader);
  CHECK(s.accounts->GetUser(Unique("ghost.")).error().code == ErrorCode::kNotFound);
  User ghost = changed;
  ghost.id = 987654321;
  CHECK(s.accounts->UpdateUser(ghost).error().code == ErrorCode::kNotFound);
  auto all = s.accounts->ListUsers();
  REQUIRE(all.ok());
  CHECK(std::any_of(all->begin(), all->end(), [&](const User& x) { return x.username == name; }));
}

TEST_CASE("sessions are found by hash, touched and revoked per user", "[accounts]") {
  Stores s = OpenTestStores();
  auto u = s.accounts->AddUser(MakeUser(Unique("s."), Role::kWardStaff));
  REQUIRE(u.ok());
  const std::string h1 = Unique("h1-"), h2 = Unique("h2-");
  REQUIRE(s.accounts->AddSession({h1, u->id, "browser", "csrf1", 10, 10, 1000, false}).ok());
  REQUIRE(s.accounts->AddSession({h2, u->id, "api", "", 10, 10, 1000, false}).ok());
  CHECK(s.accounts->AddSession({h1, u->id, "api", "", 10, 10, 1000, false}).error().code ==
        ErrorCode::kAlreadyExists);
  REQUIRE(s.accounts->TouchSession(h1, 50).ok());
  auto got = s.accounts->GetSession(h1);
  REQUIRE(got.ok());
  CHECK(got->last_seen_at == 50);
  CHECK(got->csrf_token == "csrf1");
  CHECK_FALSE(got->revoked);
  REQUIRE(s.accounts->RevokeSession(h1).ok());
  CHECK(s.accounts->GetSession(h1)->revoked);
  CHECK_FALSE(s.accounts->GetSession(h2)->revoked);
  REQUIRE(s.accounts->RevokeUserSessions(u->id).ok());
  CHECK(s.accounts->GetSession(h2)->revoked);
  CHECK(s.accounts->GetSession("nope").error().code == ErrorCode::kNotFound);
}

TEST_CASE("API tokens: one live token per name, revocable", "[accounts]") {
  Stores s = OpenTestStores();
  auto u = s.accounts->AddUser(MakeUser(Unique("t."), Role::kDistrictOffice));
  REQUIRE(u.ok());
  const std::string hash = Unique("th-");
  auto t = s.accounts->AddApiToken({0, u->id, "laptop", hash, 10, 0, false});
  REQUIRE(t.ok());
  CHECK(t->id > 0);
  CHECK(s.accounts->AddApiToken({0, u->id, "laptop", Unique("th-"), 11, 0, false}).error().code ==
        ErrorCode::kAlreadyExists);
  REQUIRE(s.accounts->TouchApiToken(t->id, 77).ok());
  auto got = s.accounts->GetApiToken(hash);
  REQUIRE(got.ok());
  CHECK(got->last_used_at == 77);
  CHECK(got->name == "laptop");
  REQUIRE(s.accounts->RevokeApiToken(u->id, "laptop").ok());
  CHECK(s.accounts->GetApiToken(hash)->revoked);
  CHECK(s.accounts->RevokeApiToken(u->id, "laptop").error().code == ErrorCode::kNotFound);
  // The name is free again once revoked.
  CHECK(s.accounts->AddApiToken({0, u->id, "laptop", Unique("th-"), 12, 0, false}).ok());
  CHECK(s.accounts->ListApiTokens(u->id)->size() == 2);
}

TEST_CASE("the audit log lists the newest first", "[accounts]") {
  Stores s = OpenTestStores();
  const std::string who = Unique("a.");
  REQUIRE(s.accounts->AddAudit({0, who, "login_failed", "bad password", "127.0.0.1", 1}).ok());
  REQUIRE(s.accounts->AddAudit({0, who, "login", "", "127.0.0.1", 2}).ok());
  auto log = s.accounts->ListAudit(2);
  REQUIRE(log.ok());
  REQUIRE(log->size() == 2);
  CHECK(log->at(0).action == "login");
  CHECK(log->at(0).actor == who);
  CHECK(log->at(1).action == "login_failed");
}
