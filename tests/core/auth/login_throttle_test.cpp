#include "core/auth/login_throttle.h"

#include <catch2/catch.hpp>

using namespace wardline;
using namespace wardline::auth;

TEST_CASE("three free failures, then a doubling delay capped at 4 s", "[auth]") {
  FakeClock clock(1'000'000);
  LoginThrottle throttle(clock);
  for (int i = 0; i < 3; ++i) {
    CHECK(throttle.Check("user:lan").delay_ms == 0);
    throttle.RecordFailure("user:lan");
  }
  const long expected[] = {250, 500, 1000, 2000, 4000, 4000};
  for (long want : expected) {
    auto d = throttle.Check("user:lan");
    CHECK(d.allowed);
    CHECK(d.delay_ms == want);
    throttle.RecordFailure("user:lan");
    if (throttle.Check("user:lan").allowed == false) break;
  }
}

TEST_CASE("ten failures in the window refuse the key until the window has passed", "[auth]") {
  FakeClock clock(1'000'000);
  LoginThrottle throttle(clock);
  for (int i = 0; i < 10; ++i) throttle.RecordFailure("ip:10.0.0.1");
  auto d = throttle.Check("ip:10.0.0.1");
  CHECK_FALSE(d.allowed);
  CHECK(d.retry_after_s == 15 * 60);
  clock.Advance(10 * 60'000);
  d = throttle.Check("ip:10.0.0.1");
  CHECK_FALSE(d.allowed);
  CHECK(d.retry_after_s == 5 * 60);
  clock.Advance(5 * 60'000);
  CHECK(throttle.Check("ip:10.0.0.1").allowed);
  CHECK(throttle.Check("ip:10.0.0.1").delay_ms == 0);
  // Other keys were never affected.
  CHECK(throttle.Check("ip:10.0.0.2").allowed);
}

TEST_CASE("a success clears the key", "[auth]") {
  FakeClock clock(0);
  LoginThrottle throttle(clock);
  for (int i = 0; i < 6; ++i) throttle.RecordFailure("user:minh");
  CHECK(throttle.Check("user:minh").delay_ms > 0);
  throttle.RecordSuccess("user:minh");
  CHECK(throttle.Check("user:minh").delay_ms == 0);
  CHECK(throttle.TrackedKeys() == 0);
}

TEST_CASE("memory stays bounded under failures across many keys", "[auth]") {
  FakeClock clock(0);
  ThrottleLimits limits;
  limits.max_keys = 64;
  LoginThrottle throttle(clock, limits);
  for (int i = 0; i < 1000; ++i) {
    clock.Advance(1);
    throttle.RecordFailure("ip:" + std::to_string(i));
  }
  CHECK(throttle.TrackedKeys() <= 64);
  // The newest keys are the ones kept.
  for (int i = 0; i < 3; ++i) throttle.RecordFailure("ip:999");
  CHECK(throttle.Check("ip:999").delay_ms == 500);  // 1 + 3 failures: its count survived
}
