// OutboxStore contract: leases, retries, delivery records.
#include <mutex>
#include <set>
#include <thread>

#include "tests/core/store/store_test_support.h"

using namespace wardline;
using namespace wardline::testing;

namespace {

OutboxItem Item(std::int64_t case_id, EpochMs due) {
  OutboxItem item;
  item.case_id = case_id;
  item.channel = ChannelKind::kZalo;
  item.recipient = "123";
  item.purpose = "ack";
  item.text = "Cảm ơn ông/bà";
  item.next_attempt_at = due;
  return item;
}

}  // namespace

TEST_CASE("claims lease rows to one owner until the lease lapses", "[outbox]") {
  Stores s = OpenTestStores();
  auto c = s.cases->Create(MakeCase(ChannelKind::kZalo, Unique("u"), Unique("m"), "x"), 1);
  REQUIRE(c.ok());
  // Far in the future so other tests' rows in a shared database never interfere.
  const EpochMs now = 4'000'000'000'000;
  auto id = s.outbox->Enqueue(Item(c->id, now), now);
  REQUIRE(id.ok());
  auto mine = [&](const std::vector<OutboxItem>& items) {
    int n = 0;
    for (const auto& o : items) n += o.id == *id;
    return n;
  };
  CHECK(mine(*s.outbox->Claim("A", 1000, now, now + 1000)) == 1);
  CHECK(mine(*s.outbox->Claim("B", 1000, now + 10, now + 2000)) == 0);    // leased to A
  CHECK(mine(*s.outbox->Claim("B", 1000, now + 1001, now + 5000)) == 1);  // A's lease lapsed

  REQUIRE(s.outbox->MarkRetry(*id, "timeout", now + 9000).ok());
  CHECK(mine(*s.outbox->Claim("C", 1000, now + 8000, now + 8500)) == 0);  // not due yet
  CHECK(mine(*s.outbox->Claim("C", 1000, now + 9000, now + 9500)) == 1);
  REQUIRE(s.outbox->MarkSent(*id, "msg-1", now + 9001).ok());
  CHECK(mine(*s.outbox->Claim("D", 1000, now + 99999, now + 100000)) == 0);

  auto items = s.outbox->ListForCase(c->id);
  REQUIRE(items.ok());
  REQUIRE(items->size() == 1);
  CHECK(items->at(0).state == OutboxState::kSent);
  CHECK(items->at(0).platform_message_id == "msg-1");
  CHECK(items->at(0).attempts == 2);
}

TEST_CASE("a delivered reply clears the delivery note; a refusal leaves an event", "[outbox]") {
  Stores s = OpenTestStores();
  auto c = s.cases->Create(MakeCase(ChannelKind::kZalo, Unique("u"), Unique("m"), "x"), 1);
  REQUIRE(c.ok());
  REQUIRE(s.cases->SetDeliveryNote(c->id, "Chưa gửi được", 2).ok());
  OutboxItem reply = Item(c->id, 4'200'000'000'000);
  reply.purpose = "reply";
  auto r = s.outbox->Enqueue(reply, 3);
  REQUIRE(r.ok());
  REQUIRE(s.outbox->MarkSent(*r, "m-9", 4).ok());
  CHECK(s.cases->Get(c->id)->delivery_note.empty());
  auto f = s.outbox->Enqueue(Item(c->id, 4'200'000'000'000), 5);
  REQUIRE(f.ok());
  REQUIRE(s.outbox->MarkFailed(*f, "user blocked the OA", 6).ok());
  auto events = s.cases->ListEvents(c->id);
  REQUIRE(events.ok());
  CHECK(events->back().kind == "delivery_failed");
  CHECK(s.outbox->ListForCase(c->id)->back().state == OutboxState::kFailed);
}

TEST_CASE("concurrent claimers never get the same row", "[outbox]") {
  Stores s = OpenTestStores();
  auto c = s.cases->Create(MakeCase(ChannelKind::kZalo, Unique("u"), Unique("m"), "x"), 1);
  REQUIRE(c.ok());
  const EpochMs now = 4'100'000'000'000;
  std::set<std::int64_t> mine_ids;
  for (int i = 0; i < 40; ++i) {
    auto id = s.outbox->Enqueue(Item(c->id, now), now);
    REQUIRE(id.ok());
    mine_ids.insert(*id);
  }
  std::mutex mu;
  std::multiset<std::int64_t> claimed;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 10; ++round) {
        auto got = s.outbox->Claim("w" + std::to_string(t), 3, now, now + 1'000'000);
        if (!got.ok()) continue;
        std::lock_guard<std::mutex> lock(mu);
        for (const auto& o : *got) {
          if (mine_ids.count(o.id)) claimed.insert(o.id);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::int64_t> unique(claimed.begin(), claimed.end());
  CHECK(unique.size() == claimed.size());
  CHECK(!claimed.empty());
}
