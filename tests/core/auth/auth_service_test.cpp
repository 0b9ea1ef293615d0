// AuthService over a fake account store and a fake clock: logins, session idle and absolute
// expiry, CSRF, revocation on disable and password change, API tokens, throttling, audit.
#include "core/auth/auth_service.h"

#include <catch2/catch.hpp>

#include "tests/fakes/fake_account_store.h"

namespace wardline::auth {
namespace {

constexpr const char* kPassword = "ngõ 4 Kim Liên ngập nước";
constexpr EpochMs kMinute = 60'000;

// Random bytes that differ on every call, deterministic across runs.
RandomBytes CountingRandom() {
  auto counter = std::make_shared<unsigned>(0);
  return [counter](unsigned char* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<unsigned char>((*counter)++ * 131u + i);
  };
}

struct AuthRig {
  FakeClock clock{1'767'225'600'000};
  fakes::FakeAccountStore accounts;
  LoginThrottle throttle{clock};
  AuthSettings settings = [] {
    AuthSettings s;
    s.session_idle_minutes = 30;
    s.session_absolute_hours = 12;
    s.api_login_hours = 8;
    s.password = PasswordParams::Fast();
    return s;
  }();
  AuthService auth{accounts, clock, CountingRandom(), throttle, settings};

  User Add(const std::string& name, Role role = Role::kWardStaff, const std::string& ward = "kim-lien") {
    User u;
    u.username = name;
    u.role = role;
    u.ward_slug = ward;
    auto added = auth.AddUser(u, kPassword, "cli");
    REQUIRE(added.ok());
    return *added;
  }
  LoginOk Login(const std::string& name, SessionKind kind = SessionKind::kBrowser) {
    auto ok = auth.Login(name, kPassword, "10.0.0.5", kind);
    REQUIRE(ok.ok());
    return *ok;
  }
  ErrorCode AuthError(const std::string& token) {
    auto p = auth.Authenticate(token);
    REQUIRE_FALSE(p.ok());
    return p.error().code;
  }
  bool Audited(const std::string& action) {
    const auto audit = accounts.ListAudit(1000);
    for (const AuditEntry& e : *audit) {
      if (e.action == action) return true;
    }
    return false;
  }
};

TEST_CASE("a login opens a session that authenticates and carries a CSRF token", "[unit]") {
  AuthRig r;
  r.Add("lan.kimlien");
  LoginOk ok = r.Login("lan.kimlien");
  CHECK(ok.token.rfind("wls_", 0) == 0);
  CHECK(ok.expires_at == r.clock.NowMs() + 12 * 3'600'000);
  CHECK_FALSE(ok.csrf_token.empty());
  // Only the hash is stored.
  CHECK_FALSE(r.accounts.GetSession(ok.token).ok());

  auto p = r.auth.Authenticate(ok.token);
  REQUIRE(p.ok());
  CHECK(p->user.username == "lan.kimlien");
  CHECK(p->browser);
  CHECK(r.auth.CheckCsrf(*p, ok.csrf_token).ok());
  CHECK(r.auth.CheckCsrf(*p, "").error().code == ErrorCode::kPermissionDenied);
  CHECK(r.auth.CheckCsrf(*p, ok.csrf_token + "x").error().code == ErrorCode::kPermissionDenied);
  CHECK(r.Audited("login"));
}

TEST_CASE("wrong password, unknown user and disabled account get the same answer", "[unit]") {
  AuthRig r;
  r.Add("lan.kimlien");
  r.Add("cu.kimlien");
  REQUIRE(r.auth.Disable("cu.kimlien", "cli").ok());
  for (auto [user, pw] : {std::pair<std::string, std::string>{"lan.kimlien", "sai mật khẩu rồi"},
                          {"khong.co.ai", kPassword},
                          {"cu.kimlien", kPassword}}) {
    auto out = r.auth.Login(user, pw, "10.0.0.9", SessionKind::kApi);
    REQUIRE_FALSE(out.ok());
    CHECK(out.error().code == ErrorCode::kUnauthenticated);
    CHECK(out.error().message == "wrong username or password");
  }
  CHECK(r.Audited("login_failed"));
}

TEST_CASE("a browser session ends after the idle time and after the absolute time", "[unit]") {
  AuthRig r;
  r.Add("lan.kimlien");
  SECTION("idle") {
    LoginOk ok = r.Login("lan.kimlien");
    r.clock.Advance(29 * kMinute);
    REQUIRE(r.auth.Authenticate(ok.token).ok());  // use renews the idle clock
    r.clock.Advance(29 * kMinute);
    REQUIRE(r.auth.Authenticate(ok.token).ok());
    r.clock.Advance(31 * kMinute);
    CHECK(r.AuthError(ok.token) == ErrorCode::kUnauthenticated);
    r.clock.Advance(-31 * kMinute);  // ended for good, even if the clock went back
    CHECK(r.AuthError(ok.token) == ErrorCode::kUnauthenticated);
  }
  SECTION("absolute") {
    LoginOk ok = r.Login("lan.kimlien");
    for (int i = 0; i < 12 * 60 / 20 - 1; ++i) {
      r.clock.Advance(20 * kMinute);
      REQUIRE(r.auth.Authenticate(ok.token).ok());
    }
    r.clock.Advance(20 * kMinute);  // 12 h after login, though never idle
    CHECK(r.AuthError(ok.token) == ErrorCode::kUnauthenticated);
  }
  SECTION("API logins have no idle limit, only their lifetime") {
    LoginOk ok = r.Login("lan.kimlien", SessionKind::kApi);
    CHECK(ok.expires_at == r.clock.NowMs() + 8 * 3'600'000);
    CHECK(ok.csrf_token.empty());
    r.clock.Advance(7 * 60 * kMinute);
    auto p = r.auth.Authenticate(ok.token);
    REQUIRE(p.ok());
    CHECK_FALSE(p->browser);
    CHECK(r.auth.CheckCsrf(*p, "").ok());  // bearer tokens are not sent by a browser on its own
    r.clock.Advance(61 * kMinute);
    CHECK(r.AuthError(ok.token) == ErrorCode::kUnauthenticated);
  }
}

TEST_CASE("disable and password change end every session of the user", "[unit]") {
  AuthRig r;
  r.Add("lan.kimlien");
  r.Add("minh.kimlien");
  LoginOk browser = r.Login("lan.kimlien");
  LoginOk api = r.Login("lan.kimlien", SessionKind::kApi);
  LoginOk other = r.Login("minh.kimlien");

  SECTION("password change") {
    REQUIRE(r.auth.SetPassword("lan.kimlien", "mật khẩu mới đủ dài 2026", "cli").ok());
    CHECK(r.AuthError(browser.token) == ErrorCode::kUnauthenticated);
    CHECK(r.AuthError(api.token) == ErrorCode::kUnauthenticated);
    CHECK(r.auth.Authenticate(other.token).ok());
    CHECK_FALSE(r.auth.Login("lan.kimlien", kPassword, "10.0.0.5", SessionKind::kApi).ok());
    CHECK(r.auth.Login("lan.kimlien", "mật khẩu mới đủ dài 2026", "10.0.0.5", SessionKind::kApi).ok());
    CHECK(r.auth.SetPassword("lan.kimlien", "ngắn", "cli").error().code == ErrorCode::kInvalidArgument);
    CHECK(r.Audited("passwd"));
  }
  SECTION("disable") {
    std::string token = *r.auth.CreateApiToken("lan.kimlien", "laptop", "cli");
    REQUIRE(r.auth.Authenticate(token).ok());
    REQUIRE(r.auth.Disable("lan.kimlien", "cli").ok());
    CHECK(r.AuthError(browser.token) == ErrorCode::kUnauthenticated);
    CHECK(r.AuthError(api.token) == ErrorCode::kUnauthenticated);
    CHECK(r.AuthError(token) == ErrorCode::kUnauthenticated);  // the account, not just sessions
    CHECK(r.auth.Authenticate(other.token).ok());
    CHECK(r.Audited("user_disable"));
  }
}

TEST_CASE("logout ends only that session", "[unit]") {
  AuthRig r;
  r.Add("lan.kimlien");
  LoginOk a = r.Login("lan.kimlien");
  LoginOk b = r.Login("lan.kimlien");
  REQUIRE(r.auth.Logout(a.token).ok());
  CHECK(r.AuthError(a.token) == ErrorCode::kUnauthenticated);
  CHECK(r.auth.Authenticate(b.token).ok());
  CHECK(r.auth.Logout("wls_not-a-session").ok());
  CHECK(r.auth.Logout("").ok());
}

TEST_CASE("personal API tokens: shown once, stored hashed, one live name, revocable", "[unit]") {
  AuthRig r;
  r.Add("lan.kimlien");
  auto token = r.auth.CreateApiToken("lan.kimlien", "tích hợp cổng thành phố", "cli");
  REQUIRE(token.ok());
  CHECK(token->rfind("wlt_", 0) == 0);
  auto listed = *r.accounts.ListApiTokens(r.accounts.GetUser("lan.kimlien")->id);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].token_hash != *token);
  CHECK(r.auth.CreateApiToken("lan.kimlien", "tích hợp cổng thành phố", "cli").error().code ==
        ErrorCode::kAlreadyExists);
  CHECK(r.auth.CreateApiToken("khong.co.ai", "x", "cli").error().code == ErrorCode::kNotFound);
  CHECK(r.auth.CreateApiToken("lan.kimlien", "", "cli").error().code == ErrorCode::kInvalidArgument);

  auto p = r.auth.Authenticate(*token);
  REQUIRE(p.ok());
  CHECK_FALSE(p->browser);
  REQUIRE(r.auth.RevokeApiToken("lan.kimlien", "tích hợp cổng thành phố", "cli").ok());
  CHECK(r.AuthError(*token) == ErrorCode::kUnauthenticated);
  CHECK(r.auth.RevokeApiToken("lan.kimlien", "tích hợp cổng thành phố", "cli").error().code ==
        ErrorCode::kNotFound);
  CHECK(r.AuthError("wlt_forged") == ErrorCode::kUnauthenticated);
  CHECK(r.AuthError("") == ErrorCode::kUnauthenticated);
  CHECK(r.Audited("token_revoke"));
}

TEST_CASE("failed logins slow down, then refuse, per username and per address", "[unit]") {
  AuthRig r;
  r.Add("lan.kimlien");
  for (int i = 0; i < 10; ++i) {
    CHECK_FALSE(r.auth.Login("lan.kimlien", "đoán mò lần thứ " + std::to_string(i), "10.0.0.66",
                             SessionKind::kApi).ok());
  }
  auto gate = r.auth.CheckThrottle("lan.kimlien", "10.0.0.1");
  CHECK_FALSE(gate.allowed);
  CHECK(gate.retry_after_s > 0);
  // Even the right password is refused while the username is locked.
  auto locked = r.auth.Login("lan.kimlien", kPassword, "10.0.0.1", SessionKind::kApi);
  REQUIRE_FALSE(locked.ok());
  CHECK(locked.error().code == ErrorCode::kResourceExhausted);
  CHECK(r.Audited("login_throttled"));
  // The guessing address is refused for other usernames too.
  CHECK_FALSE(r.auth.CheckThrottle("someone.else", "10.0.0.66").allowed);
  CHECK(r.auth.CheckThrottle("someone.else", "10.0.0.1").allowed);

  r.clock.Advance(16 * kMinute);
  CHECK(r.auth.Login("lan.kimlien", kPassword, "10.0.0.1", SessionKind::kApi).ok());
}

TEST_CASE("account rules: usernames, wards and departments by role, weak passwords", "[unit]") {
  AuthRig r;
  User u;
  u.username = "Lan Kim Lien";
  u.role = Role::kWardStaff;
  u.ward_slug = "kim-lien";
  CHECK(r.auth.AddUser(u, kPassword, "cli").error().code == ErrorCode::kInvalidArgument);
  u.username = "lan.kimlien";
  u.ward_slug.clear();
  CHECK_THAT(r.auth.AddUser(u, kPassword, "cli").error().message, Catch::Contains("--ward"));
  u.role = Role::kDistrictOffice;
  u.ward_slug = "kim-lien";
  CHECK_THAT(r.auth.AddUser(u, kPassword, "cli").error().message, Catch::Contains("drop --ward"));
  u.ward_slug.clear();
  u.department = "dia_chinh";
  CHECK(r.auth.AddUser(u, kPassword, "cli").error().code == ErrorCode::kInvalidArgument);
  u.department.clear();
  CHECK(r.auth.AddUser(u, "12345678", "cli").error().code == ErrorCode::kInvalidArgument);
  CHECK(r.auth.AddUser(u, "lan.kimlien-2026-abc", "cli").error().code == ErrorCode::kInvalidArgument);
  auto ok = r.auth.AddUser(u, kPassword, "cli");
  REQUIRE(ok.ok());
  CHECK(ok->password_hash.rfind("$argon2id$", 0) == 0);
  CHECK(r.auth.AddUser(u, kPassword, "cli").error().code == ErrorCode::kAlreadyExists);
  CHECK(r.auth.ListUsers()->size() == 1);
}

}  // namespace
}  // namespace wardline::auth
