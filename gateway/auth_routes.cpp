// Sign-in and sign-out: the JSON login for API clients and the browser login page with its
// session cookie. Failed logins are slowed down, then refused with 429 (auth_service.h).
#include <algorithm>
#include <chrono>
#include <thread>

#include "gateway/http_util.h"
#include "gateway/route_areas.h"
#include "gateway/staff_auth.h"

namespace wardline::gateway {
namespace {

constexpr int kMaxDelayMs = 4000;

const char* RoleLabel(Role r) {
  switch (r) {
    case Role::kWardStaff: return "Cán bộ phường";
    case Role::kWardLeader: return "Lãnh đạo phường";
    case Role::kDistrictOffice: return "Văn phòng tiếp nhận";
    case Role::kLeader: return "Lãnh đạo";
    case Role::kAdmin: return "Quản trị hệ thống";
  }
  return "";
}

// Holds a failed attempt's answer back by the throttle's delay (bounded), so guessing
// passwords is slow even before the 429.
void SlowDown(auth::AuthService& auth, const std::string& username, const std::string& client) {
  const auto d = auth.CheckThrottle(username, client);
  if (d.delay_ms > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min<long long>(d.delay_ms, kMaxDelayMs)));
  }
}

void RetryAfter(httplib::Response& res, auth::AuthService& auth, const std::string& username,
                const std::string& client) {
  const auto d = auth.CheckThrottle(username, client);
  res.set_header("Retry-After", std::to_string(std::max<long long>(1, d.retry_after_s)));
}

// A browser-session cookie (gone when the browser closes; the server ends it earlier on idle
// or absolute expiry). `clear` expires it at once.
std::string SessionCookie(const std::string& value, bool clear, bool secure) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax" +
         (clear ? "; Max-Age=0" : "") + (secure ? "; Secure" : "");
}

}  // namespace

void RegisterAuthRoutes(Routes& routes, const AuthDeps& d) {
  auth::AuthService& auth = d.auth;
  const ward_sites::PageRenderer& renderer = d.renderer;
  const bool secure = d.secure_cookies;

  routes.Post("/api/v1/login", "/api/v1/login",
              [&auth](const httplib::Request& req, httplib::Response& res) {
                auto body = JsonBody(req, res);
                if (!body) return;
                auto field = [&](const char* k) {
                  auto it = body->find(k);
                  return it != body->end() && it->is_string() ? it->get<std::string>() : std::string();
                };
                const std::string username = field("username"), password = field("password");
                if (username.empty() || password.empty()) {
                  return SendErrorCode(res, 400, "invalid_argument", "username and password are required");
                }
                auto r = auth.Login(username, password, req.remote_addr, auth::SessionKind::kApi);
                if (!r.ok()) {
                  if (r.error().code == ErrorCode::kResourceExhausted) {
                    RetryAfter(res, auth, username, req.remote_addr);
                  } else if (r.error().code == ErrorCode::kUnauthenticated) {
                    SlowDown(auth, username, req.remote_addr);
                  }
                  return SendError(res, r.error());
                }
                SendJson(res, 200, {{"token", r->token}, {"expires_at", r->expires_at},
                                    {"username", r->user.username}, {"role", RoleName(r->user.role)}});
              });

  routes.Get("/login", "/login", [&renderer](const httplib::Request&, httplib::Response& res) {
    SendHtml(res, 200, renderer.LoginPage("", ""));
  });

  routes.Post("/login", "/login", [&auth, &renderer, secure](const httplib::Request& req,
                                                             httplib::Response& res) {
    const std::string username = FormField(req, "username");
    const std::string password = FormField(req, "password");
    auto r = auth.Login(username, password, req.remote_addr, auth::SessionKind::kBrowser);
    if (!r.ok()) {
      switch (r.error().code) {
        case ErrorCode::kResourceExhausted:
          RetryAfter(res, auth, username, req.remote_addr);
          return SendHtml(res, 429, renderer.LoginPage(
                                        "Ông/bà đã nhập sai nhiều lần. Xin vui lòng thử lại sau ít phút.", ""));
        case ErrorCode::kUnauthenticated:
          SlowDown(auth, username, req.remote_addr);
          return SendHtml(res, 401, renderer.LoginPage("Tên đăng nhập hoặc mật khẩu không đúng.", ""));
        default:
          LogError("login", r.error());
          return SendHtml(res, 503, renderer.LoginPage(
                                        "Hệ thống đang bận. Xin vui lòng thử lại sau ít phút.", ""));
      }
    }
    res.set_header("Set-Cookie", SessionCookie(r->token, false, secure));
    res.set_redirect("/staff", 303);
  });

  routes.Post("/logout", "/logout",
              RequireStaff(auth, [&auth, secure](const httplib::Request& req, httplib::Response& res,
                                                 const auth::Principal&) {
                if (Status s = auth.Logout(RequestToken(req)); !s.ok()) return SendError(res, s.error());
                res.set_header("Set-Cookie", SessionCookie("", true, secure));
                res.set_redirect("/login", 303);
              }));

  const AppConfig& catalogue = d.catalogue;
  routes.Get("/staff", "/staff", [&auth, &renderer, &catalogue](const httplib::Request& req,
                                                                httplib::Response& res) {
    auto p = auth.Authenticate(RequestToken(req));
    if (!p.ok()) return res.set_redirect("/login", 303);
    const Ward* w = catalogue.FindWard(p->user.ward_slug);
    SendHtml(res, 200, renderer.StaffHome(p->user.display_name, RoleLabel(p->user.role),
                                          w ? "Phường " + w->name : "", p->csrf_token));
  });
}

}  // namespace wardline::gateway
