// The case state machine of design.md:
//   received -> routed -> in_progress -> resolved -> published -> closed
// plus rejected, merged, reopen (also of a merged case) and unpublish (published -> resolved).
// Illegal transitions are errors, not silent no-ops.
#pragma once

#include "core/domain/result.h"
#include "core/domain/types.h"

namespace wardline {

bool CanTransition(CaseStatus from, CaseStatus to);

// Ok, or kFailedPrecondition naming both states.
Status CheckTransition(CaseStatus from, CaseStatus to);

// Open cases still accept follow-up messages from the resident (threading).
bool IsOpen(CaseStatus s);

}  // namespace wardline
