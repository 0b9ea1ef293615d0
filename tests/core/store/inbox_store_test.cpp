// InboxStore contract: raw webhook bodies, claims, retries, parking and replay.
#include "tests/core/store/store_test_support.h"

using namespace wardline;
using namespace wardline::testing;

namespace {

RawEvent Event(const std::string& key) {
  RawEvent e;
  e.channel = ChannelKind::kZalo;
  e.dedup_key = key;
  e.body = R"({"event_name":"user_send_text"})";
  e.received_at = 10;
  return e;
}

}  // namespace

TEST_CASE("raw events of one request are stored together and a redelivery is ignored", "[inbox]") {
  Stores s = OpenTestStores();
  std::string key = Unique("k");
  std::vector<RawEvent> batch = {Event(Unique("k")), Event(Unique("k")), Event(key), Event(key)};
  auto stored = s.inbox->Insert(batch);
  REQUIRE(stored.ok());
  CHECK(*stored == std::vector<bool>{true, true, true, false});
  auto again = s.inbox->Insert({Event(key)});
  REQUIRE(again.ok());
  CHECK(*again == std::vector<bool>{false});
}

TEST_CASE("a failing event is retried, then parked as failed and can be replayed", "[inbox]") {
  Stores s = OpenTestStores();
  const std::string key = Unique("k");
  REQUIRE(s.inbox->Insert({Event(key)}).ok());
  const std::int64_t failed_before = *s.inbox->CountFailed();
  // Far in the future so that other tests' rows in a shared database are claimed first... and
  // ours is found by its key.
  auto claim_mine = [&](EpochMs now) -> std::optional<RawEvent> {
    for (int round = 0; round < 50; ++round) {
      auto got = s.inbox->Claim("w", 1000, now, now + 1000);
      REQUIRE(got.ok());
      std::optional<RawEvent> mine;
      for (const auto& e : *got) {
        if (e.dedup_key == key) {
          mine = e;
        } else {
          REQUIRE(s.inbox->MarkDone(e.id, "other test").ok());
        }
      }
      if (mine || got->empty()) return mine;
    }
    return std::nullopt;
  };
  const EpochMs now = 5'000'000'000'000;
  std::optional<RawEvent> e = claim_mine(now);
  REQUIRE(e);
  CHECK(e->attempts == 0);
  auto parked = s.inbox->Release(e->id, "triage failed", now + 10, 3);
  REQUIRE(parked.ok());
  CHECK_FALSE(*parked);
  e = claim_mine(now + 10);
  REQUIRE(e);
  CHECK(e->attempts == 1);
  CHECK_FALSE(*s.inbox->Release(e->id, "triage failed", now + 20, 3));
  e = claim_mine(now + 20);
  REQUIRE(e);
  CHECK(*s.inbox->Release(e->id, "triage failed again", now + 30, 3));  // third attempt: parked
  CHECK_FALSE(claim_mine(now + 1'000'000));
  CHECK(*s.inbox->CountFailed() == failed_before + 1);

  auto failed = s.inbox->ListFailed(1000);
  REQUIRE(failed.ok());
  auto it = std::find_if(failed->begin(), failed->end(),
                         [&](const FailedEvent& f) { return f.event.dedup_key == key; });
  REQUIRE(it != failed->end());
  CHECK(it->last_error == "triage failed again");
  CHECK(it->event.attempts == 3);

  REQUIRE(s.inbox->Replay(e->id).ok());
  CHECK(s.inbox->Replay(e->id).error().code == ErrorCode::kNotFound);  // no longer parked
  e = claim_mine(now + 1'000'000);
  REQUIRE(e);
  CHECK(e->attempts == 0);
  REQUIRE(s.inbox->MarkDone(e->id, "ok").ok());
  CHECK(s.inbox->Release(987654321, "x", 1, 3).error().code == ErrorCode::kNotFound);
}
