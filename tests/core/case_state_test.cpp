#include <catch2/catch.hpp>

#include "core/domain/case_state.h"

using namespace wardline;

TEST_CASE("the main path of a case is allowed", "[case_state]") {
  CHECK(CanTransition(CaseStatus::kReceived, CaseStatus::kRouted));
  CHECK(CanTransition(CaseStatus::kRouted, CaseStatus::kInProgress));
  CHECK(CanTransition(CaseStatus::kInProgress, CaseStatus::kResolved));
  CHECK(CanTransition(CaseStatus::kResolved, CaseStatus::kPublished));
  CHECK(CanTransition(CaseStatus::kPublished, CaseStatus::kClosed));
}

TEST_CASE("reopen, reject and merge follow the rules", "[case_state]") {
  CHECK(CanTransition(CaseStatus::kClosed, CaseStatus::kInProgress));
  CHECK(CanTransition(CaseStatus::kResolved, CaseStatus::kInProgress));
  CHECK(CanTransition(CaseStatus::kRouted, CaseStatus::kRejected));
  CHECK(CanTransition(CaseStatus::kRejected, CaseStatus::kRouted));
  CHECK(CanTransition(CaseStatus::kInProgress, CaseStatus::kMerged));
  // A merged case can be reopened (un-merged) into its queue, and nothing else.
  CHECK(CanTransition(CaseStatus::kMerged, CaseStatus::kRouted));
  CHECK_FALSE(CanTransition(CaseStatus::kMerged, CaseStatus::kInProgress));
  CHECK(CanTransition(CaseStatus::kPublished, CaseStatus::kResolved));  // unpublish
}

TEST_CASE("illegal transitions are errors naming both states", "[case_state]") {
  CHECK_FALSE(CanTransition(CaseStatus::kReceived, CaseStatus::kPublished));
  CHECK_FALSE(CanTransition(CaseStatus::kClosed, CaseStatus::kResolved));
  Status s = CheckTransition(CaseStatus::kReceived, CaseStatus::kClosed);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == ErrorCode::kFailedPrecondition);
  CHECK(s.error().message.find("received") != std::string::npos);
  CHECK(s.error().message.find("closed") != std::string::npos);
}

TEST_CASE("status names round-trip", "[case_state]") {
  for (auto s : {CaseStatus::kReceived, CaseStatus::kRouted, CaseStatus::kInProgress,
                 CaseStatus::kResolved, CaseStatus::kPublished, CaseStatus::kClosed,
                 CaseStatus::kRejected, CaseStatus::kMerged}) {
    CHECK(ParseStatus(StatusName(s)) == s);
  }
  CHECK_FALSE(ParseStatus("bogus").has_value());
}
