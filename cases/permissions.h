// The role matrix: who may read and act on which cases. One place decides; the service layer
// asks before every action and the list query is narrowed to what the actor may read.
//
//                      read          reply route assign note resolve reject merge reopen  publish unpublish
//   ward_staff         own ward(*)   yes (own ward, and own department when bound)         no
//   ward_leader        own ward      yes (own ward)                                        no
//   district_office    all wards     yes                                                   yes
//   leader             all wards     no                                                    no
//   admin              all wards     yes                                                   yes
//   (*) and only their department's cases when the account is bound to one.
#pragma once

#include "cases/actor.h"
#include "core/domain/result.h"
#include "core/domain/types.h"
#include "core/store/case_store.h"

namespace wardline::cases {

enum class Action {
  kRead,
  kReply,
  kRoute,
  kAssign,
  kNote,
  kResolve,
  kReject,
  kMerge,
  kReopen,
  kPublish,
  kUnpublish,
};
const char* ActionName(Action a);

// Whether `actor` may do `action` on `c`.
// Errors: kPermissionDenied with the reason (another ward, another department, read-only
// role, publishing reserved to the district office).
Status Authorize(const Actor& actor, Action action, const Case& c);

// Whether the actor may act on cases at all (not read-only).
bool CanWrite(const Actor& actor);

// Narrows `q` to the cases `actor` may read: ward staff and ward leaders get their ward (and
// department) forced. Errors: kPermissionDenied when the query names another ward or
// department than the actor's.
Status ScopeQuery(const Actor& actor, CaseQuery& q);

}  // namespace wardline::cases
