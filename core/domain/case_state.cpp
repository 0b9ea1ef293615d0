#include "core/domain/case_state.h"

#include <string>

namespace wardline {

bool CanTransition(CaseStatus from, CaseStatus to) {
  using S = CaseStatus;
  switch (from) {
    case S::kReceived:  // staff may take or answer a case triage has not routed yet
      return to == S::kRouted || to == S::kInProgress || to == S::kResolved ||
             to == S::kRejected || to == S::kMerged;
    case S::kRouted:  // re-routing stays in routed
      return to == S::kRouted || to == S::kInProgress || to == S::kResolved ||
             to == S::kRejected || to == S::kMerged;
    case S::kInProgress:
      return to == S::kRouted || to == S::kResolved || to == S::kRejected || to == S::kMerged;
    case S::kResolved:  // reopen goes back to in_progress
      return to == S::kPublished || to == S::kClosed || to == S::kInProgress;
    case S::kPublished:  // unpublish goes back to resolved
      return to == S::kResolved || to == S::kClosed || to == S::kInProgress;
    case S::kClosed:
      return to == S::kInProgress;
    case S::kRejected:
      return to == S::kRouted;
    case S::kMerged:  // reopen (un-merge) puts it back in its queue
      return to == S::kRouted;
  }
  return false;
}

Status CheckTransition(CaseStatus from, CaseStatus to) {
  if (CanTransition(from, to)) return OkStatus();
  return FailedPrecondition(std::string("cannot move a case from ") + StatusName(from) + " to " +
                            StatusName(to));
}

bool IsOpen(CaseStatus s) {
  return s == CaseStatus::kReceived || s == CaseStatus::kRouted || s == CaseStatus::kInProgress;
}

}  // namespace wardline
