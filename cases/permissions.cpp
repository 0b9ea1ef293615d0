#include "cases/permissions.h"

#include "core/domain/enum_names.h"

namespace wardline::cases {
namespace {

constexpr NameTable<Action, 11> kActions{{
    {Action::kRead, "read"},
    {Action::kReply, "reply"},
    {Action::kRoute, "route"},
    {Action::kAssign, "assign"},
    {Action::kNote, "note"},
    {Action::kResolve, "resolve"},
    {Action::kReject, "reject"},
    {Action::kMerge, "merge"},
    {Action::kReopen, "reopen"},
    {Action::kPublish, "publish"},
    {Action::kUnpublish, "unpublish"},
}};

bool WardBound(Role r) { return r == Role::kWardStaff || r == Role::kWardLeader; }

}  // namespace

const char* ActionName(Action a) { return NameOf(kActions, a); }

bool CanWrite(const Actor& actor) { return actor.role != Role::kLeader; }

Status Authorize(const Actor& actor, Action action, const Case& c) {
  if (WardBound(actor.role)) {
    if (actor.ward_slug.empty() || c.ward_slug != actor.ward_slug) {
      return PermissionDenied("this case belongs to another ward");
    }
    if (actor.role == Role::kWardStaff && !actor.department.empty() &&
        c.department != actor.department) {
      return PermissionDenied("this case belongs to another department");
    }
  }
  if (action == Action::kRead) return OkStatus();
  if (!CanWrite(actor)) return PermissionDenied("leaders have read-only access");
  if ((action == Action::kPublish || action == Action::kUnpublish) &&
      actor.role != Role::kDistrictOffice && actor.role != Role::kAdmin) {
    return PermissionDenied("only the district office publishes answers on the public pages");
  }
  return OkStatus();
}

Status ScopeQuery(const Actor& actor, CaseQuery& q) {
  if (!WardBound(actor.role)) return OkStatus();
  if (q.ward_slug && *q.ward_slug != actor.ward_slug) {
    return PermissionDenied("you may list only the cases of your ward");
  }
  q.ward_slug = actor.ward_slug;
  if (actor.role == Role::kWardStaff && !actor.department.empty()) {
    if (q.department && *q.department != actor.department) {
      return PermissionDenied("you may list only the cases of your department");
    }
    q.department = actor.department;
  }
  return OkStatus();
}

}  // namespace wardline::cases
