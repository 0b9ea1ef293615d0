// Authentication and role checks for staff routes, composed around a handler like Instrument:
//   routes.Post(pattern, name, RequireStaff(auth, handler))
// The credential is `Authorization: Bearer <token>` (API login tokens and personal tokens) or
// the browser session cookie; cookie requests that change state must carry the session's
// CSRF token (form field `csrf` or header X-CSRF-Token). The handler receives the actor built
// from the stored user: nothing in a request body can name who acts.
#pragma once

#include <functional>
#include <string>

#include "cases/actor.h"
#include "core/auth/auth_service.h"
#include "gateway/routes.h"

namespace wardline::gateway {

constexpr const char* kSessionCookie = "wardline_session";

using StaffHandler =
    std::function<void(const httplib::Request&, httplib::Response&, const auth::Principal&)>;

// 401 without a valid credential (with WWW-Authenticate: Bearer), 403 for a cookie request
// that changes state without the CSRF token, else runs `h`.
RouteHandler RequireStaff(auth::AuthService& auth, StaffHandler h);

// Like RequireStaff, and 403 unless the user has one of `roles`.
RouteHandler RequireRole(auth::AuthService& auth, std::vector<Role> roles, StaffHandler h);

// The token a request carries (bearer first, then the session cookie), or "".
std::string RequestToken(const httplib::Request& req);

}  // namespace wardline::gateway
