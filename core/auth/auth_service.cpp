#include "core/auth/auth_service.h"

#include <algorithm>

#include "core/auth/secret_token.h"

namespace wardline::auth {
namespace {

constexpr const char* kSessionPrefix = "wls_";
constexpr const char* kApiTokenPrefix = "wlt_";
constexpr EpochMs kTouchEveryMs = 60'000;  // at most one session write a minute per session

ThrottleDecision Worse(const ThrottleDecision& a, const ThrottleDecision& b) {
  ThrottleDecision w;
  w.allowed = a.allowed && b.allowed;
  w.delay_ms = std::max(a.delay_ms, b.delay_ms);
  w.retry_after_s = std::max(a.retry_after_s, b.retry_after_s);
  return w;
}

Error WrongCredentials() { return Unauthenticated("wrong username or password"); }

}  // namespace

Status CheckUsername(const std::string& username) {
  if (username.size() < 3 || username.size() > 64) {
    return InvalidArgument("a username has 3 to 64 characters");
  }
  for (char c : username) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
      return InvalidArgument("a username uses only a-z, 0-9, '.', '_' and '-'");
    }
  }
  return OkStatus();
}

AuthService::AuthService(AccountStore& accounts, const Clock& clock, RandomBytes random,
                         LoginThrottle& throttle, AuthSettings settings)
    : accounts_(accounts),
      clock_(clock),
      random_(std::move(random)),
      throttle_(throttle),
      settings_(settings) {}

void AuthService::Audit(const std::string& actor, const std::string& action,
                        const std::string& detail, const std::string& client) {
  // The audit log must not stop a login or an answer; a failed write is visible in the
  // database's own health.
  (void)accounts_.AddAudit({0, actor, action, detail, client, clock_.NowMs()});
}

ThrottleDecision AuthService::CheckThrottle(const std::string& username, const std::string& client) {
  return Worse(throttle_.Check("user:" + username), throttle_.Check("ip:" + client));
}

Result<LoginOk> AuthService::Login(const std::string& username, const std::string& password,
                                   const std::string& client, SessionKind kind) {
  ThrottleDecision gate = CheckThrottle(username, client);
  if (!gate.allowed) {
    Audit(username, "login_throttled", "", client);
    return ResourceExhausted("too many failed logins; try again in " +
                             std::to_string(gate.retry_after_s) + " s");
  }
  auto user = accounts_.GetUser(username);
  if (!user.ok() && user.error().code != ErrorCode::kNotFound) return user.error();
  // An unknown user costs the same hashing time as a wrong password: no user enumeration.
  static const std::string dummy = [&] {
    auto h = HashPassword("wardline-no-such-user", settings_.password);
    return h.ok() ? *h : std::string();
  }();
  const bool known = user.ok();
  const bool verified = VerifyPassword(known ? user->password_hash : dummy, password);
  if (!known || !verified || user->disabled) {
    throttle_.RecordFailure("user:" + username);
    throttle_.RecordFailure("ip:" + client);
    Audit(username, "login_failed",
          !known ? "unknown user" : (user->disabled ? "account disabled" : "wrong password"), client);
    return WrongCredentials();
  }
  throttle_.RecordSuccess("user:" + username);
  throttle_.RecordSuccess("ip:" + client);

  const EpochMs now = clock_.NowMs();
  LoginOk ok;
  ok.user = *user;
  ok.token = NewSecretToken(random_, kSessionPrefix);
  Session s;
  s.id_hash = HashToken(ok.token);
  s.user_id = user->id;
  s.kind = kind == SessionKind::kBrowser ? "browser" : "api";
  if (kind == SessionKind::kBrowser) s.csrf_token = NewSecretToken(random_, "");
  s.created_at = s.last_seen_at = now;
  const int hours = kind == SessionKind::kBrowser ? settings_.session_absolute_hours
                                                  : settings_.api_login_hours;
  s.expires_at = now + static_cast<EpochMs>(hours) * 3'600'000;
  if (Status st = accounts_.AddSession(s); !st.ok()) return st.error();
  ok.expires_at = s.expires_at;
  ok.csrf_token = s.csrf_token;
  Audit(username, "login", s.kind, client);
  return ok;
}

Result<User> AuthService::ActiveUser(std::int64_t id) {
  auto u = accounts_.GetUserById(id);
  if (!u.ok()) {
    if (u.error().code == ErrorCode::kNotFound) return Unauthenticated("the account no longer exists");
    return u.error();
  }
  if (u->disabled) return Unauthenticated("the account is disabled");
  return u;
}

Result<Principal> AuthService::Authenticate(const std::string& token) {
  if (token.empty()) return Unauthenticated("sign in first");
  const EpochMs now = clock_.NowMs();
  const std::string hash = HashToken(token);
  if (token.rfind(kApiTokenPrefix, 0) == 0) {
    auto t = accounts_.GetApiToken(hash);
    if (!t.ok()) {
      if (t.error().code == ErrorCode::kNotFound) return Unauthenticated("unknown token");
      return t.error();
    }
    if (t->revoked) return Unauthenticated("the token was revoked");
    auto u = ActiveUser(t->user_id);
    if (!u.ok()) return u.error();
    if (now - t->last_used_at > kTouchEveryMs) (void)accounts_.TouchApiToken(t->id, now);
    return Principal{*u, false, ""};
  }
  auto s = accounts_.GetSession(hash);
  if (!s.ok()) {
    if (s.error().code == ErrorCode::kNotFound) return Unauthenticated("unknown session; sign in again");
    return s.error();
  }
  const bool browser = s->kind == "browser";
  const EpochMs idle = static_cast<EpochMs>(settings_.session_idle_minutes) * 60'000;
  if (s->revoked) return Unauthenticated("the session was ended; sign in again");
  if (now >= s->expires_at || (browser && now - s->last_seen_at > idle)) {
    (void)accounts_.RevokeSession(hash);
    return Unauthenticated("the session expired; sign in again");
  }
  auto u = ActiveUser(s->user_id);
  if (!u.ok()) return u.error();
  if (now - s->last_seen_at > kTouchEveryMs) (void)accounts_.TouchSession(hash, now);
  return Principal{*u, browser, s->csrf_token};
}

Status AuthService::CheckCsrf(const Principal& p, const std::string& presented) const {
  if (!p.browser) return OkStatus();  // bearer tokens are not sent by browsers on their own
  if (p.csrf_token.empty() || !TokensEqual(p.csrf_token, presented)) {
    return PermissionDenied("the form is out of date (CSRF token missing or wrong); reload the page");
  }
  return OkStatus();
}

Status AuthService::Logout(const std::string& token) {
  if (token.empty()) return OkStatus();
  auto s = accounts_.GetSession(HashToken(token));
  if (!s.ok()) return s.error().code == ErrorCode::kNotFound ? OkStatus() : Status(s.error());
  if (Status r = accounts_.RevokeSession(s->id_hash); !r.ok()) return r;
  if (auto u = accounts_.GetUserById(s->user_id); u.ok()) Audit(u->username, "logout", s->kind, "");
  return OkStatus();
}

Result<User> AuthService::AddUser(User u, const std::string& password, const std::string& actor) {
  if (Status s = CheckUsername(u.username); !s.ok()) return s.error();
  const bool ward_bound = u.role == Role::kWardStaff || u.role == Role::kWardLeader;
  if (ward_bound && u.ward_slug.empty()) return InvalidArgument("ward staff and ward leaders need --ward");
  if (!ward_bound && !u.ward_slug.empty()) {
    return InvalidArgument(std::string("a ") + RoleName(u.role) + " works for every ward: drop --ward");
  }
  if (u.role != Role::kWardStaff && !u.department.empty()) {
    return InvalidArgument("only ward staff are bound to a department");
  }
  if (Status s = CheckPasswordStrength(password, u.username); !s.ok()) return s.error();
  auto hash = HashPassword(password, settings_.password);
  if (!hash.ok()) return hash.error();
  u.password_hash = *hash;
  u.created_at = u.updated_at = clock_.NowMs();
  if (u.display_name.empty()) u.display_name = u.username;
  auto added = accounts_.AddUser(u);
  if (!added.ok()) {
    if (added.error().code == ErrorCode::kAlreadyExists) {
      return AlreadyExists("the username \"" + u.username + "\" is taken");
    }
    return added.error();
  }
  Audit(actor, "user_add",
        u.username + " role=" + RoleName(u.role) + " ward=" + u.ward_slug + " department=" + u.department,
        "");
  return added;
}

Status AuthService::SetPassword(const std::string& username, const std::string& password,
                                const std::string& actor) {
  auto u = accounts_.GetUser(username);
  if (!u.ok()) return u.error();
  if (Status s = CheckPasswordStrength(password, username); !s.ok()) return s;
  auto hash = HashPassword(password, settings_.password);
  if (!hash.ok()) return hash.error();
  u->password_hash = *hash;
  u->updated_at = clock_.NowMs();
  if (Status s = accounts_.UpdateUser(*u); !s.ok()) return s;
  if (Status s = accounts_.RevokeUserSessions(u->id); !s.ok()) return s;
  Audit(actor, "passwd", username, "");
  return OkStatus();
}

Status AuthService::Disable(const std::string& username, const std::string& actor) {
  auto u = accounts_.GetUser(username);
  if (!u.ok()) return u.error();
  u->disabled = true;
  u->updated_at = clock_.NowMs();
  if (Status s = accounts_.UpdateUser(*u); !s.ok()) return s;
  if (Status s = accounts_.RevokeUserSessions(u->id); !s.ok()) return s;
  Audit(actor, "user_disable", username, "");
  return OkStatus();
}

Result<std::vector<User>> AuthService::ListUsers() { return accounts_.ListUsers(); }

Result<std::string> AuthService::CreateApiToken(const std::string& username, const std::string& name,
                                                const std::string& actor) {
  if (name.empty() || name.size() > 100) return InvalidArgument("--name: 1 to 100 characters");
  auto u = accounts_.GetUser(username);
  if (!u.ok()) return u.error();
  if (u->disabled) return InvalidArgument("the account \"" + username + "\" is disabled");
  const std::string token = NewSecretToken(random_, kApiTokenPrefix);
  auto added = accounts_.AddApiToken({0, u->id, name, HashToken(token), clock_.NowMs(), 0, false});
  if (!added.ok()) return added.error();
  Audit(actor, "token_create", username + " name=" + name, "");
  return token;
}

Status AuthService::RevokeApiToken(const std::string& username, const std::string& name,
                                   const std::string& actor) {
  auto u = accounts_.GetUser(username);
  if (!u.ok()) return u.error();
  if (Status s = accounts_.RevokeApiToken(u->id, name); !s.ok()) return s;
  Audit(actor, "token_revoke", username + " name=" + name, "");
  return OkStatus();
}

}  // namespace wardline::auth
