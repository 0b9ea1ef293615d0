// Actor: the authenticated staff member a case action runs as. Built from the stored user by
// the gateway's authentication; never from a request body.
#pragma once

#include <cstdint>
#include <string>

#include "core/domain/account.h"

namespace wardline::cases {

struct Actor {
  std::int64_t user_id = 0;
  std::string username;
  Role role = Role::kLeader;
  std::string ward_slug;   // ward_staff, ward_leader
  std::string department;  // ward_staff bound to one department; else empty
};

inline Actor ActorFor(const User& u) {
  return Actor{u.id, u.username, u.role, u.ward_slug, u.department};
}

}  // namespace wardline::cases
