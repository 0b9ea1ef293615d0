// CaseStore contract: cases, messages, events and optimistic versions.
#include <thread>

#include "tests/core/store/store_test_support.h"

using namespace wardline;
using namespace wardline::testing;

TEST_CASE("a case round-trips with Vietnamese text and emoji", "[cases]") {
  Stores s = OpenTestStores();
  const std::string text = "Đèn đường ngõ 12 Tôn Đức Thắng hỏng 3 ngày rồi 😡 — phường xử lý giúp ạ";
  NewCase nc = MakeCase(ChannelKind::kZalo, Unique("u"), Unique("m"), text);
  nc.data.search_text = "den duong ngo 12 ton duc thang hong 3 ngay roi";
  auto created = s.cases->Create(nc, 5000);
  REQUIRE(created.ok());
  CHECK(created->id > 0);
  CHECK(created->status == CaseStatus::kReceived);
  CHECK(created->created_at == 5000);
  CHECK(created->version == 1);

  auto by_code = s.cases->GetByTrackingCode(created->tracking_code);
  REQUIRE(by_code.ok());
  CHECK(by_code->text == text);
  CHECK(by_code->search_text == nc.data.search_text);
  CHECK(by_code->ward_slug == "kim-lien");
  CHECK_FALSE(by_code->category.has_value());
  CHECK(by_code->resident_name == "Nguyễn Văn A");

  auto events = s.cases->ListEvents(created->id);
  REQUIRE(events.ok());
  REQUIRE(events->size() == 1);
  CHECK(events->at(0).kind == "created");
}

TEST_CASE("unknown ids and codes are NotFound", "[cases]") {
  Stores s = OpenTestStores();
  CHECK(s.cases->Get(987654321).error().code == ErrorCode::kNotFound);
  CHECK(s.cases->GetByTrackingCode("PA-XXXX-XXXX").error().code == ErrorCode::kNotFound);
  Case ghost;
  ghost.id = 987654321;
  CHECK(s.cases->Save(ghost, 1, 1).error().code == ErrorCode::kNotFound);
}

TEST_CASE("the same platform message id is stored once", "[cases]") {
  Stores s = OpenTestStores();
  std::string mid = Unique("mid-");
  auto first = s.cases->Create(MakeCase(ChannelKind::kZalo, Unique("u"), mid, "a"), 1);
  REQUIRE(first.ok());
  auto again = s.cases->Create(MakeCase(ChannelKind::kZalo, Unique("u"), mid, "a"), 2);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == ErrorCode::kAlreadyExists);
  // Same id on another channel is a different message.
  CHECK(s.cases->Create(MakeCase(ChannelKind::kFacebook, Unique("u"), mid, "a"), 3).ok());
  auto exists = s.cases->MessageExists(ChannelKind::kZalo, mid);
  REQUIRE(exists.ok());
  CHECK(*exists);
  CaseMessage dup;
  dup.channel = ChannelKind::kZalo;
  dup.direction = "in";
  dup.external_id = mid;
  dup.kind = "text";
  CHECK(s.cases->AddMessage(first->id, dup, std::nullopt, "", 4).error().code ==
        ErrorCode::kAlreadyExists);
  CHECK(s.cases->ListMessages(first->id)->size() == 1);
}

TEST_CASE("follow-up messages join the open case and move its location", "[cases]") {
  Stores s = OpenTestStores();
  std::string resident = Unique("u");
  auto c = s.cases->Create(MakeCase(ChannelKind::kZalo, resident, Unique("m"), "Cống nghẹt"), 1000);
  REQUIRE(c.ok());
  auto found = s.cases->FindOpenForResident(ChannelKind::kZalo, resident, 500);
  REQUIRE(found.ok());
  CHECK(found->id == c->id);
  CHECK(s.cases->FindOpenForResident(ChannelKind::kZalo, resident, 2000).error().code ==
        ErrorCode::kNotFound);
  CHECK(s.cases->FindOpenForResident(ChannelKind::kFacebook, resident, 0).error().code ==
        ErrorCode::kNotFound);

  CaseMessage photo;
  photo.channel = ChannelKind::kZalo;
  photo.direction = "in";
  photo.external_id = Unique("m");
  photo.kind = "text";
  photo.text = "Nước tràn ra đường";
  photo.at = 1100;
  REQUIRE(s.cases->AddMessage(c->id, photo, std::nullopt, "cong nghet nuoc tran ra duong", 1100).ok());
  CaseMessage loc = photo;
  loc.external_id = Unique("m");
  loc.kind = "location";
  loc.text = "";
  loc.at = 1200;
  REQUIRE(s.cases->AddMessage(c->id, loc, GeoPoint{21.0, 105.8}, "cong nghet nuoc tran ra duong", 1200).ok());

  auto after = s.cases->Get(c->id);
  REQUIRE(after.ok());
  REQUIRE(after->location.has_value());
  CHECK(after->location->lat == Approx(21.0));
  CHECK(after->text == "Cống nghẹt\nNước tràn ra đường");
  CHECK(after->search_text == "cong nghet nuoc tran ra duong");
  CHECK(after->last_message_at == 1200);
  CHECK(after->version == 1);  // a resident writing again never makes a staff write stale
  CHECK(s.cases->ListMessages(c->id)->size() == 3);

  // Workers may store one resident's messages out of order; the conversation is listed in the
  // order the resident sent them (platform time), not the order they were stored.
  CaseMessage late = photo;
  late.external_id = Unique("m");
  late.text = "gửi trước bản đồ";
  late.at = 1150;
  REQUIRE(s.cases->AddMessage(c->id, late, std::nullopt, "", 1300).ok());
  auto listed = s.cases->ListMessages(c->id);
  REQUIRE(listed.ok());
  REQUIRE(listed->size() == 4);
  CHECK((*listed)[2].text == "gửi trước bản đồ");
  CHECK((*listed)[3].kind == "location");
}

TEST_CASE("Save writes the case only on the version it was read at", "[cases]") {
  Stores s = OpenTestStores();
  auto c = s.cases->Create(MakeCase(ChannelKind::kWeb, "", Unique("w"), "Rác"), 1);
  REQUIRE(c.ok());
  Case next = *c;
  next.status = CaseStatus::kResolved;
  next.resolution = "Đã thu gom rác.";
  next.assignee = "lan.nt";
  next.resolved_at = 7;
  auto saved = s.cases->Save(next, c->version, 7);
  REQUIRE(saved.ok());
  CHECK(saved->version == c->version + 1);
  CHECK(saved->status == CaseStatus::kResolved);
  CHECK(saved->resolution == "Đã thu gom rác.");
  CHECK(saved->assignee == "lan.nt");
  CHECK(saved->resolved_at == 7);
  CHECK(saved->updated_at == 7);

  // A second writer that read the same version loses, and nothing of it is kept.
  Case other = *c;
  other.resolution = "Câu trả lời khác";
  auto stale = s.cases->Save(other, c->version, 8);
  REQUIRE_FALSE(stale.ok());
  CHECK(stale.error().code == ErrorCode::kAborted);
  CHECK(s.cases->Get(c->id)->resolution == "Đã thu gom rác.");
}

TEST_CASE("two threads saving one version: exactly one wins", "[cases]") {
  Stores s = OpenTestStores();
  auto c = s.cases->Create(MakeCase(ChannelKind::kWeb, "", Unique("w"), "Ổ gà"), 1);
  REQUIRE(c.ok());
  std::atomic<int> won{0}, lost{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      Case mine = *c;
      mine.resolution = "trả lời " + std::to_string(t);
      auto r = s.cases->Save(mine, c->version, 10 + t);
      (r.ok() ? won : lost)++;
    });
  }
  for (auto& th : threads) th.join();
  CHECK(won == 1);
  CHECK(lost == 5);
}

TEST_CASE("events keep the audit trail in order", "[cases]") {
  Stores s = OpenTestStores();
  auto c = s.cases->Create(MakeCase(ChannelKind::kWeb, "", Unique("w"), "Rác"), 1);
  REQUIRE(c.ok());
  REQUIRE(s.cases->AddEvent({0, c->id, "note", "lan.nt", "Đã gọi điện cho tổ dân phố", 2}).ok());
  REQUIRE(s.cases->SetDeliveryNote(c->id, "Không gửi được", 3).ok());
  auto events = s.cases->ListEvents(c->id);
  REQUIRE(events.ok());
  REQUIRE(events->size() == 3);
  CHECK(events->at(1).kind == "note");
  CHECK(events->at(1).actor == "lan.nt");
  CHECK(events->at(2).kind == "delivery");
  CHECK(s.cases->Get(c->id)->delivery_note == "Không gửi được");
}
