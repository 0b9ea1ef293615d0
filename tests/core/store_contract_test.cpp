// Store contract suite: the same cases run on SQLite (a temp file) and on MariaDB
// (WARDLINE_TEST_BACKEND=mysql with WARDLINE_TEST_MYSQL_URL, set by tests/run-all.sh).
// Every test uses fresh random keys, so runs can share one MariaDB database.
#include <catch2/catch.hpp>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>

#include "core/domain/tracking_code.h"
#include "core/store/store.h"

using namespace wardline;

namespace {

std::string Backend() {
  const char* b = std::getenv("WARDLINE_TEST_BACKEND");
  return b ? b : "sqlite";
}

std::string TempSqliteUrl() {
  static std::atomic<int> n{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("wardline-store-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  std::filesystem::create_directories(dir);
  return "sqlite3://db=" + (dir / "test.db").string();
}

std::string TestUrl() {
  if (Backend() == "mysql") {
    const char* url = std::getenv("WARDLINE_TEST_MYSQL_URL");
    if (!url) FAIL("WARDLINE_TEST_BACKEND=mysql needs WARDLINE_TEST_MYSQL_URL (tests/run-all.sh sets it)");
    return url;
  }
  return TempSqliteUrl();
}

std::unique_ptr<Store> OpenTestStore() {
  auto s = OpenStore(TestUrl(), 4);
  if (!s.ok()) FAIL("cannot open store: " << s.error().message);
  return std::move(s).value();
}

std::string Unique(const std::string& prefix) {
  return prefix + NewTrackingCode(SystemRandomBytes());
}

NewCase MakeCase(ChannelKind ch, const std::string& resident, const std::string& external_id,
                 const std::string& text) {
  NewCase nc;
  nc.data.tracking_code = NewTrackingCode(SystemRandomBytes());
  nc.data.channel = ch;
  nc.data.resident_ref = resident;
  nc.data.ward_slug = "kim-lien";
  nc.data.text = text;
  nc.data.resident_name = "Nguyễn Văn A";
  nc.data.resident_phone = "0912345678";
  CaseMessage m;
  m.channel = ch;
  m.direction = "in";
  m.external_id = external_id;
  m.kind = "text";
  m.text = text;
  m.at = 1000;
  nc.first_message = m;
  return nc;
}

}  // namespace

TEST_CASE("a case round-trips with Vietnamese text and emoji", "[store]") {
  auto store = OpenTestStore();
  const std::string text = "Đèn đường ngõ 12 Tôn Đức Thắng hỏng 3 ngày rồi 😡 — phường xử lý giúp ạ";
  auto created = store->CreateCase(MakeCase(ChannelKind::kZalo, Unique("u"), Unique("m"), text), 5000);
  REQUIRE(created.ok());
  CHECK(created->id > 0);
  CHECK(created->status == CaseStatus::kReceived);
  CHECK(created->created_at == 5000);

  auto by_code = store->GetCaseByTrackingCode(created->tracking_code);
  REQUIRE(by_code.ok());
  CHECK(by_code->text == text);
  CHECK(by_code->ward_slug == "kim-lien");
  CHECK_FALSE(by_code->category.has_value());
  CHECK(by_code->resident_name == "Nguyễn Văn A");

  auto events = store->ListEvents(created->id);
  REQUIRE(events.ok());
  REQUIRE(events->size() == 1);
  CHECK(events->at(0).kind == "created");
}

TEST_CASE("unknown ids and codes are NotFound", "[store]") {
  auto store = OpenTestStore();
  CHECK(store->GetCase(987654321).error().code == ErrorCode::kNotFound);
  CHECK(store->GetCaseByTrackingCode("PA-XXXX-XXXX").error().code == ErrorCode::kNotFound);
  auto t = store->Transition(987654321, CaseStatus::kRouted, "x", "", 1);
  CHECK(t.error().code == ErrorCode::kNotFound);
}

TEST_CASE("the same platform message id is stored once", "[store]") {
  auto store = OpenTestStore();
  std::string mid = Unique("mid-");
  auto first = store->CreateCase(MakeCase(ChannelKind::kZalo, Unique("u"), mid, "a"), 1);
  REQUIRE(first.ok());
  auto again = store->CreateCase(MakeCase(ChannelKind::kZalo, Unique("u"), mid, "a"), 2);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == ErrorCode::kAlreadyExists);
  // Same id on another channel is a different message.
  CHECK(store->CreateCase(MakeCase(ChannelKind::kFacebook, Unique("u"), mid, "a"), 3).ok());
  auto exists = store->MessageExists(ChannelKind::kZalo, mid);
  REQUIRE(exists.ok());
  CHECK(*exists);
  // A failed duplicate left nothing half-way: only one case carries that message.
  CaseMessage dup;
  dup.channel = ChannelKind::kZalo;
  dup.direction = "in";
  dup.external_id = mid;
  dup.kind = "text";
  CHECK(store->AddMessage(first->id, dup, std::nullopt, 4).error().code == ErrorCode::kAlreadyExists);
  CHECK(store->ListMessages(first->id)->size() == 1);
}

TEST_CASE("follow-up messages join the open case and move its location", "[store]") {
  auto store = OpenTestStore();
  std::string resident = Unique("u");
  auto c = store->CreateCase(MakeCase(ChannelKind::kZalo, resident, Unique("m"), "Cống nghẹt"), 1000);
  REQUIRE(c.ok());
  auto found = store->FindOpenCaseForResident(ChannelKind::kZalo, resident, 500);
  REQUIRE(found.ok());
  CHECK(found->id == c->id);
  CHECK(store->FindOpenCaseForResident(ChannelKind::kZalo, resident, 2000).error().code ==
        ErrorCode::kNotFound);
  CHECK(store->FindOpenCaseForResident(ChannelKind::kFacebook, resident, 0).error().code ==
        ErrorCode::kNotFound);

  CaseMessage photo;
  photo.channel = ChannelKind::kZalo;
  photo.direction = "in";
  photo.external_id = Unique("m");
  photo.kind = "image";
  photo.attachments_json = R"([{"type":"image","url":"https://example.invalid/a.jpg"}])";
  photo.at = 1100;
  REQUIRE(store->AddMessage(c->id, photo, std::nullopt, 1100).ok());
  CaseMessage loc = photo;
  loc.external_id = Unique("m");
  loc.kind = "location";
  loc.attachments_json = "[]";
  loc.at = 1200;
  REQUIRE(store->AddMessage(c->id, loc, GeoPoint{21.0, 105.8}, 1200).ok());

  auto after = store->GetCase(c->id);
  REQUIRE(after.ok());
  REQUIRE(after->location.has_value());
  CHECK(after->location->lat == Approx(21.0));
  CHECK(after->last_message_at == 1200);
  CHECK(store->ListMessages(c->id)->size() == 3);

  // Workers may store one resident's messages out of order; the conversation is listed in the
  // order the resident sent them (platform time), not the order they were stored.
  CaseMessage late = photo;
  late.external_id = Unique("m");
  late.kind = "text";
  late.text = "gửi trước ảnh";
  late.attachments_json = "[]";
  late.at = 1150;  // sent between the photo and the map point, stored after both
  REQUIRE(store->AddMessage(c->id, late, std::nullopt, 1300).ok());
  auto listed = store->ListMessages(c->id);
  REQUIRE(listed.ok());
  REQUIRE(listed->size() == 4);
  CHECK((*listed)[1].kind == "image");
  CHECK((*listed)[2].kind == "text");
  CHECK((*listed)[3].kind == "location");
}

TEST_CASE("transitions follow the state machine and leave an audit trail", "[store]") {
  auto store = OpenTestStore();
  auto c = store->CreateCase(MakeCase(ChannelKind::kWeb, "", Unique("w"), "Rác"), 1);
  REQUIRE(c.ok());
  auto bad = store->Transition(c->id, CaseStatus::kPublished, "staff1", "", 2);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::kFailedPrecondition);

  TriageUpdate t;
  t.category = "moi_truong";
  t.department = "dia_chinh_xay_dung";
  t.priority = Priority::kUrgent;
  t.confidence = 0.93;
  auto routed = store->ApplyTriage(c->id, t, "triage", 3);
  REQUIRE(routed.ok());
  CHECK(routed->status == CaseStatus::kRouted);
  CHECK(routed->category == std::optional<std::string>("moi_truong"));
  CHECK(routed->priority == Priority::kUrgent);
  CHECK(routed->ward_slug == "kim-lien");  // kept when triage names no ward

  REQUIRE(store->Transition(c->id, CaseStatus::kInProgress, "staff1", "claimed", 4).ok());
  REQUIRE(store->SetResolution(c->id, "Đã thu gom rác.", "staff1", 5).ok());
  auto resolved = store->Transition(c->id, CaseStatus::kResolved, "staff1", "", 6);
  REQUIRE(resolved.ok());
  CHECK(resolved->resolution == "Đã thu gom rác.");

  auto events = store->ListEvents(c->id);
  REQUIRE(events.ok());
  std::vector<std::string> kinds;
  for (const auto& e : *events) kinds.push_back(e.kind);
  CHECK(kinds == std::vector<std::string>{"created", "triaged", "status", "status", "resolution",
                                          "status"});
  CHECK(events->back().actor == "staff1");
}

TEST_CASE("raw events are stored in one commit and a redelivery is ignored", "[store]") {
  auto store = OpenTestStore();
  std::vector<RawEvent> batch;
  std::string key = Unique("k");
  for (int i = 0; i < 3; ++i) {
    RawEvent e;
    e.channel = ChannelKind::kZalo;
    e.dedup_key = i == 2 ? key : Unique("k");
    e.body = R"({"event_name":"user_send_text"})";
    e.received_at = 10;
    batch.push_back(e);
  }
  batch.push_back(batch[2]);  // the same body twice in one batch
  auto stored = store->InsertRawEvents(batch);
  REQUIRE(stored.ok());
  CHECK(*stored == std::vector<bool>{true, true, true, false});
}

TEST_CASE("claims lease rows to one owner until the lease lapses", "[store]") {
  auto store = OpenTestStore();
  auto c = store->CreateCase(MakeCase(ChannelKind::kZalo, Unique("u"), Unique("m"), "x"), 1);
  REQUIRE(c.ok());
  OutboxItem item;
  item.case_id = c->id;
  item.channel = ChannelKind::kZalo;
  item.recipient = "123";
  item.purpose = "ack";
  item.text = "Cảm ơn";
  // Far in the future so other tests' rows in a shared database never interfere.
  const EpochMs now = 4'000'000'000'000;
  item.next_attempt_at = now;
  auto id = store->EnqueueOutbox(item, now);
  REQUIRE(id.ok());

  auto mine = [&](const std::vector<OutboxItem>& items) {
    int n = 0;
    for (const auto& o : items) n += o.id == *id;
    return n;
  };
  auto a = store->ClaimOutbox("A", 1000, now, now + 1000);
  REQUIRE(a.ok());
  CHECK(mine(*a) == 1);
  auto b = store->ClaimOutbox("B", 1000, now + 10, now + 2000);
  REQUIRE(b.ok());
  CHECK(mine(*b) == 0);  // leased to A
  auto b2 = store->ClaimOutbox("B", 1000, now + 1001, now + 5000);
  REQUIRE(b2.ok());
  CHECK(mine(*b2) == 1);  // A's lease lapsed (A died)

  REQUIRE(store->MarkOutboxRetry(*id, "timeout", now + 9000).ok());
  CHECK(mine(*store->ClaimOutbox("C", 1000, now + 8000, now + 8500)) == 0);  // not due yet
  auto due = store->ClaimOutbox("C", 1000, now + 9000, now + 9500);
  REQUIRE(mine(*due) == 1);
  REQUIRE(store->MarkOutboxSent(*id, "msg-1", now + 9001).ok());
  CHECK(mine(*store->ClaimOutbox("D", 1000, now + 99999, now + 100000)) == 0);

  auto items = store->ListOutboxForCase(c->id);
  REQUIRE(items.ok());
  REQUIRE(items->size() == 1);
  CHECK(items->at(0).state == OutboxState::kSent);
  CHECK(items->at(0).platform_message_id == "msg-1");
  CHECK(items->at(0).attempts == 2);
}

TEST_CASE("concurrent claimers never get the same row", "[store]") {
  auto store = OpenTestStore();
  auto c = store->CreateCase(MakeCase(ChannelKind::kZalo, Unique("u"), Unique("m"), "x"), 1);
  REQUIRE(c.ok());
  const EpochMs now = 4'100'000'000'000;
  std::set<std::int64_t> mine_ids;
  for (int i = 0; i < 40; ++i) {
    OutboxItem item;
    item.case_id = c->id;
    item.channel = ChannelKind::kZalo;
    item.recipient = "r";
    item.purpose = "ack";
    item.next_attempt_at = now;
    auto id = store->EnqueueOutbox(item, now);
    REQUIRE(id.ok());
    mine_ids.insert(*id);
  }
  std::mutex mu;
  std::multiset<std::int64_t> claimed;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 10; ++round) {
        auto got = store->ClaimOutbox("w" + std::to_string(t), 3, now, now + 1'000'000);
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
}

TEST_CASE("token compare-and-swap lets exactly one writer win", "[store]") {
  auto store = OpenTestStore();
  std::string name = Unique("zalo-");
  CHECK(store->GetToken(name).error().code == ErrorCode::kNotFound);
  auto first = store->CompareAndSwapToken(name, {"a1", "r1", 100, 0}, 0);
  REQUIRE(first.ok());
  CHECK(first->version == 1);
  auto lost = store->CompareAndSwapToken(name, {"a2", "r2", 200, 0}, 0);
  CHECK(lost.error().code == ErrorCode::kFailedPrecondition);
  auto second = store->CompareAndSwapToken(name, {"a3", "r3", 300, 0}, 1);
  REQUIRE(second.ok());
  auto now = store->GetToken(name);
  REQUIRE(now.ok());
  CHECK(now->refresh_token == "r3");
  CHECK(now->version == 2);
}

TEST_CASE("corrections are kept for training", "[store]") {
  auto store = OpenTestStore();
  auto before = store->ListCorrections();
  REQUIRE(before.ok());
  REQUIRE(store->AddCorrection({1, "nắp cống mất", "giao_thong", "thoat_nuoc", "", "", "staff", 9}).ok());
  auto after = store->ListCorrections();
  REQUIRE(after.ok());
  CHECK(after->size() == before->size() + 1);
  CHECK(after->back().new_category == "thoat_nuoc");
}

TEST_CASE("opening twice is a no-op and a newer schema is refused", "[store][migrations]") {
  if (Backend() != "sqlite") return;  // schema tampering is done on a private SQLite file only
  std::string url = TempSqliteUrl();
  { REQUIRE(OpenStore(url, 1).ok()); }
  auto again = OpenStore(url, 1);
  REQUIRE(again.ok());
  REQUIRE((*again)->Ping().ok());
  again = OpenStore("sqlite3://db=/dev/null/x", 1);  // cannot create
  CHECK_FALSE(again.ok());
  {
    soci::session sql(soci::sqlite3, url.substr(std::string("sqlite3://").size()));
    sql << "INSERT INTO schema_version (version) VALUES (999)";
  }
  auto newer = OpenStore(url, 1);
  REQUIRE_FALSE(newer.ok());
  CHECK(newer.error().code == ErrorCode::kFailedPrecondition);
  CHECK(newer.error().message.find("newer") != std::string::npos);
}

TEST_CASE("bad database URLs are refused clearly", "[store]") {
  CHECK(OpenStore("postgres://db=x", 1).error().code == ErrorCode::kInvalidArgument);
  CHECK(OpenStore("nonsense", 1).error().code == ErrorCode::kInvalidArgument);
}

TEST_CASE("concurrent writes commit together and a failing write undoes only itself", "[store]") {
  auto store = OpenTestStore();
  const std::string dup_id = Unique("dup-");
  std::atomic<int> created{0}, duplicates{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        // Every thread also tries the same message id once: exactly one may win.
        std::string mid = i == 0 ? dup_id : Unique("m");
        auto r = store->CreateCase(MakeCase(ChannelKind::kZalo, Unique("u"), mid, "Cống nghẹt"), 1);
        if (r.ok()) {
          ++created;
        } else if (r.error().code == ErrorCode::kAlreadyExists) {
          ++duplicates;
        } else {
          ++other;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(other == 0);
  CHECK(duplicates == 7);
  CHECK(created == 8 * 25 - 7);
  // The losers left no half-stored case behind: one message with that id, on one case.
  auto exists = store->MessageExists(ChannelKind::kZalo, dup_id);
  REQUIRE(exists.ok());
  CHECK(*exists);
}

TEST_CASE("InTransaction commits a batch at once; a failing write undoes only itself", "[store]") {
  auto store = OpenTestStore();
  const std::string dup = Unique("dup-");
  REQUIRE(store->CreateCase(MakeCase(ChannelKind::kZalo, Unique("u"), dup, "first"), 1).ok());
  std::string code_a, code_b;
  Status batch = store->InTransaction([&]() -> Status {
    auto a = store->CreateCase(MakeCase(ChannelKind::kZalo, Unique("u"), Unique("m"), "a"), 2);
    if (!a.ok()) return a.error();
    code_a = a->tracking_code;
    // Reads inside the batch see its own writes.
    auto seen = store->GetCaseByTrackingCode(code_a);
    if (!seen.ok()) return seen.error();
    auto d = store->CreateCase(MakeCase(ChannelKind::kZalo, Unique("u"), dup, "dup"), 3);
    if (d.ok() || d.error().code != ErrorCode::kAlreadyExists) return Internal("expected a duplicate");
    auto b = store->CreateCase(MakeCase(ChannelKind::kZalo, Unique("u"), Unique("m"), "b"), 4);
    if (!b.ok()) return b.error();
    code_b = b->tracking_code;
    return OkStatus();
  });
  REQUIRE(batch.ok());
  CHECK(store->GetCaseByTrackingCode(code_a).ok());
  CHECK(store->GetCaseByTrackingCode(code_b).ok());

  std::string code_c;
  Status failed = store->InTransaction([&]() -> Status {
    auto c = store->CreateCase(MakeCase(ChannelKind::kZalo, Unique("u"), Unique("m"), "c"), 5);
    if (!c.ok()) return c.error();
    code_c = c->tracking_code;
    return Unavailable("simulated failure after a write");
  });
  CHECK(failed.error().code == ErrorCode::kUnavailable);
  CHECK(store->GetCaseByTrackingCode(code_c).error().code == ErrorCode::kNotFound);  // rolled back
}

TEST_CASE("a resident lock keeps two transactions from threading one resident at once", "[store]") {
  auto store = OpenTestStore();
  const std::string resident = Unique("r");
  std::atomic<bool> a_done{false};
  std::atomic<bool> b_saw_a_done{false};
  std::thread a([&] {
    (void)store->InTransaction([&]() -> Status {
      Status s = store->LockResident(ChannelKind::kZalo, resident);
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      a_done = true;
      return s;
    });
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  Status b = store->InTransaction([&]() -> Status {
    Status s = store->LockResident(ChannelKind::kZalo, resident);
    b_saw_a_done = a_done.load();
    return s;
  });
  a.join();
  REQUIRE(b.ok());
  CHECK(b_saw_a_done);
}
