#include "gateway/staff_auth.h"

#include <algorithm>

#include "gateway/http_util.h"

namespace wardline::gateway {
namespace {

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    part.erase(0, part.find_first_not_of(' '));
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

}  // namespace

std::string RequestToken(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.rfind(prefix, 0) == 0) return header.substr(prefix.size());
  return CookieValue(req, kSessionCookie);
}

RouteHandler RequireStaff(auth::AuthService& auth, StaffHandler h) {
  return [&auth, h = std::move(h)](const httplib::Request& req, httplib::Response& res) {
    auto p = auth.Authenticate(RequestToken(req));
    if (!p.ok()) {
      if (p.error().code == ErrorCode::kUnauthenticated) {
        res.set_header("WWW-Authenticate", "Bearer");
        return SendErrorCode(res, 401, "unauthenticated", p.error().message);
      }
      return SendError(res, p.error());
    }
    if (req.method != "GET" && req.method != "HEAD") {
      std::string presented = req.get_header_value("X-CSRF-Token");
      if (presented.empty()) presented = FormField(req, "csrf");
      if (Status c = auth.CheckCsrf(*p, presented); !c.ok()) return SendError(res, c.error());
    }
    h(req, res, *p);
  };
}

RouteHandler RequireRole(auth::AuthService& auth, std::vector<Role> roles, StaffHandler h) {
  return RequireStaff(auth, [roles = std::move(roles), h = std::move(h)](
                                const httplib::Request& req, httplib::Response& res,
                                const auth::Principal& p) {
    if (std::find(roles.begin(), roles.end(), p.user.role) == roles.end()) {
      return SendErrorCode(res, 403, "permission_denied",
                           std::string("your role (") + RoleName(p.user.role) + ") may not do this");
    }
    h(req, res, p);
  });
}

}  // namespace wardline::gateway
