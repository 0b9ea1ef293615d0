// Every staff action of the case service over in-memory fakes: what it writes, the audit
// event it leaves, and that a refused action (role, ward, department, state, stale version,
// database down) writes nothing at all.
#include <catch2/catch.hpp>

#include "tests/cases/case_service_rig.h"

namespace wardline::cases::testing {
namespace {

using S = CaseStatus;

TEST_CASE("reply queues the answer on the resident's channel and takes the case", "[unit]") {
  ServiceRig r;
  Case c = r.AddCase();
  auto out = r.service.Reply(WardStaff(), c.id, "  Phường đã cử cán bộ kiểm tra.  ", false, c.version);
  REQUIRE(out.ok());
  CHECK(out->status == S::kInProgress);
  CHECK(out->assignee == WardStaff().username);
  CHECK(out->resolution == "Phường đã cử cán bộ kiểm tra.");
  CHECK(out->version == c.version + 1);

  auto queued = r.outbox.All();
  REQUIRE(queued.size() == 1);
  CHECK(queued[0].purpose == "reply");
  CHECK(queued[0].recipient == "zalo-user-7");
  CHECK(queued[0].channel == ChannelKind::kZalo);
  CHECK(queued[0].text == "reply Kim Liên " + c.tracking_code +
                              ": Phường đã cử cán bộ kiểm tra. https://phananh.example.vn/track/" +
                              c.tracking_code);
  auto events = r.cases.EventsOf(c.id);
  REQUIRE(events.size() == 1);
  CHECK(events[0].kind == "reply");
  CHECK(events[0].actor == WardStaff().username);
  CHECK(r.db.transactions() == 1);
}

TEST_CASE("reply with resolve marks the case resolved in the same write", "[unit]") {
  ServiceRig r;
  Case c = r.AddCase(S::kInProgress);
  auto out = r.service.Reply(WardStaff(), c.id, "Đã vá xong ổ gà.", true, std::nullopt);
  REQUIRE(out.ok());
  CHECK(out->status == S::kResolved);
  CHECK(out->resolved_at == r.clock.NowMs());
  CHECK(r.cases.saves() == 1);
  CHECK(r.outbox.All().size() == 1);
  CHECK(r.cases.EventsOf(c.id).at(0).kind == "resolved");
}

TEST_CASE("a web case's answer is kept for /track and not queued to any platform", "[unit]") {
  ServiceRig r;
  Case web = r.AddCase();
  web.channel = ChannelKind::kWeb;
  web.resident_ref.clear();
  r.cases.Put(web);
  auto out = r.service.Reply(WardStaff(), web.id, "Đã tiếp nhận và chuyển bộ phận xử lý.", false,
                             std::nullopt);
  REQUIRE(out.ok());
  CHECK(out->resolution == "Đã tiếp nhận và chuyển bộ phận xử lý.");
  CHECK(r.outbox.All().empty());
}

TEST_CASE("replies that must not go out are refused before anything is written", "[unit]") {
  ServiceRig r;
  SECTION("published: unreviewed text must not reach the public page") {
    Case c = r.AddCase(S::kPublished);
    auto before = r.Snapshot(c.id);
    auto out = r.service.Reply(WardStaff(), c.id, "Sửa lại câu trả lời", false, std::nullopt);
    REQUIRE_FALSE(out.ok());
    CHECK(out.error().code == ErrorCode::kFailedPrecondition);
    CHECK_THAT(out.error().message, Catch::Contains("unpublish"));
    CHECK(r.Snapshot(c.id) == before);
    CHECK(r.cases.Get(c.id)->resolution == "Đã vá ổ gà ngày 02/01.");
  }
  SECTION("merged: answer the case it was merged into") {
    Case target = r.AddCase();
    Case c = r.AddCase(S::kMerged);
    c.merged_into = target.id;
    r.cases.Put(c);
    auto out = r.service.Reply(WardStaff(), c.id, "Trả lời", false, std::nullopt);
    REQUIRE_FALSE(out.ok());
    CHECK(out.error().code == ErrorCode::kFailedPrecondition);
    CHECK_THAT(out.error().message, Catch::Contains("merged into case " + std::to_string(target.id)));
    CHECK(r.outbox.All().empty());
  }
  SECTION("rejected and closed cases") {
    for (S s : {S::kRejected, S::kClosed}) {
      Case c = r.AddCase(s);
      auto out = r.service.Reply(WardStaff(), c.id, "Trả lời", false, std::nullopt);
      REQUIRE_FALSE(out.ok());
      CHECK(out.error().code == ErrorCode::kFailedPrecondition);
    }
    CHECK(r.outbox.All().empty());
    CHECK(r.cases.saves() == 0);
  }
  SECTION("empty, blank, control characters or invalid UTF-8: no transaction at all") {
    Case c = r.AddCase();
    for (std::string bad : {std::string(""), std::string("   \n "), std::string("a\x01b"),
                            std::string("\xC3\x28")}) {
      auto out = r.service.Reply(WardStaff(), c.id, bad, false, std::nullopt);
      REQUIRE_FALSE(out.ok());
      CHECK(out.error().code == ErrorCode::kInvalidArgument);
    }
    CHECK(r.service.Reply(WardStaff(), c.id, std::string(4001, 'a'), false, std::nullopt)
              .error().code == ErrorCode::kInvalidArgument);
    CHECK(r.db.transactions() == 0);
  }
}

TEST_CASE("a write naming a stale version is refused with a clear message", "[unit]") {
  ServiceRig r;
  Case c = r.AddCase();
  REQUIRE(r.service.Reply(WardStaff(), c.id, "Câu trả lời thứ nhất", false, c.version).ok());
  auto before = r.Snapshot(c.id);
  auto second = r.service.Reply(WardLeader(), c.id, "Câu trả lời thứ hai", false, c.version);
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().code == ErrorCode::kAborted);
  CHECK_THAT(second.error().message, Catch::Contains("now version 2") && Catch::Contains("reload"));
  CHECK(r.Snapshot(c.id) == before);
  CHECK(r.outbox.All().size() == 1);
}

TEST_CASE("a database that is down refuses the action and loses nothing", "[unit]") {
  ServiceRig r;
  Case c = r.AddCase();
  r.db.FailNext(1);
  auto out = r.service.Reply(WardStaff(), c.id, "Trả lời", false, std::nullopt);
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().code == ErrorCode::kUnavailable);
  CHECK(r.outbox.All().empty());
  REQUIRE(r.service.Reply(WardStaff(), c.id, "Trả lời", false, std::nullopt).ok());
}

TEST_CASE("route moves the case to the routing table's department and keeps a correction", "[unit]") {
  ServiceRig r;
  Case c = r.AddCase(S::kInProgress);
  c.assignee = "staff.kim-lien";
  r.cases.Put(c);
  RouteChange change;
  change.category = "moi_truong";
  auto out = r.service.Route(WardStaff(), c.id, change, std::nullopt);
  REQUIRE(out.ok());
  CHECK(out->category == "moi_truong");
  CHECK(out->department == "tai_nguyen");
  CHECK(out->status == S::kRouted);
  CHECK(out->assignee.empty());
  CHECK(out->confidence == 1.0);
  auto corrections = *r.corrections.List();
  REQUIRE(corrections.size() == 1);
  CHECK(corrections[0].old_category == "giao_thong");
  CHECK(corrections[0].new_category == "moi_truong");
  CHECK(corrections[0].actor == WardStaff().username);
  CHECK(r.cases.EventsOf(c.id).at(0).kind == "rerouted");
}

TEST_CASE("route to another ward hands the case over; priority alone keeps the queue", "[unit]") {
  ServiceRig r;
  Case c = r.AddCase();
  RouteChange prio;
  prio.priority = Priority::kUrgent;
  auto urgent = r.service.Route(WardStaff(), c.id, prio, std::nullopt);
  REQUIRE(urgent.ok());
  CHECK(urgent->priority == Priority::kUrgent);
  CHECK(urgent->department == "dia_chinh");
  CHECK(r.corrections.List()->empty());

  RouteChange ward;
  ward.ward_slug = "lang-thuong";
  auto moved = r.service.Route(WardStaff(), c.id, ward, std::nullopt);
  REQUIRE(moved.ok());
  CHECK(moved->ward_slug == "lang-thuong");
  CHECK(r.corrections.List()->size() == 1);
  // Handed over: Kim Liên staff no longer see it.
  CHECK(r.service.Detail(WardStaff(), c.id).error().code == ErrorCode::kPermissionDenied);
  CHECK(r.service.Detail(WardStaff("lang-thuong"), c.id).ok());
}

TEST_CASE("route refuses unknown names and cases that are no longer open", "[unit]") {
  ServiceRig r;
  Case c = r.AddCase();
  RouteChange bad;
  bad.category = "karaoke";
  CHECK(r.service.Route(WardStaff(), c.id, bad, std::nullopt).error().code == ErrorCode::kInvalidArgument);
  bad = {};
  bad.ward_slug = "phuong-khong-co";
  CHECK(r.service.Route(WardStaff(), c.id, bad, std::nullopt).error().code == ErrorCode::kInvalidArgument);
  CHECK(r.service.Route(WardStaff(), c.id, RouteChange{}, std::nullopt).error().code ==
        ErrorCode::kInvalidArgument);
  CHECK(r.db.transactions() == 0);

  SECTION("a published case cannot be moved onto another ward's public page") {
    Case pub = r.AddCase(S::kPublished);
    RouteChange ward;
    ward.ward_slug = "lang-thuong";
    auto out = r.service.Route(Office(), pub.id, ward, std::nullopt);
    REQUIRE_FALSE(out.ok());
    CHECK(out.error().code == ErrorCode::kFailedPrecondition);
    CHECK(r.cases.Get(pub.id)->ward_slug == "kim-lien");
    CHECK(r.corrections.List()->empty());
  }
}

TEST_CASE("assign takes only active users who may work the case", "[unit]") {
  ServiceRig r;
  Case c = r.AddCase();
  r.AddUser(WardStaff("kim-lien", "dia_chinh"));
  r.AddUser(WardStaff("lang-thuong"));
  r.AddUser(WardStaff("kim-lien", "tai_nguyen"));
  Actor gone{9, "former.staff", Role::kWardStaff, "kim-lien", ""};
  r.AddUser(gone, /*disabled=*/true);

  auto out = r.service.Assign(WardLeader(), c.id, "staff.kim-lien.dia_chinh", std::nullopt);
  REQUIRE(out.ok());
  CHECK(out->assignee == "staff.kim-lien.dia_chinh");
  CHECK(out->status == S::kInProgress);
  CHECK(r.cases.EventsOf(c.id).back().detail == "to=staff.kim-lien.dia_chinh");

  for (const char* who : {"staff.lang-thuong", "staff.kim-lien.tai_nguyen", "former.staff", "nobody"}) {
    auto refused = r.service.Assign(WardLeader(), c.id, who, std::nullopt);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::kInvalidArgument);
  }
  CHECK(r.cases.Get(c.id)->assignee == "staff.kim-lien.dia_chinh");

  auto unassigned = r.service.Assign(WardLeader(), c.id, "", std::nullopt);
  REQUIRE(unassigned.ok());
  CHECK(unassigned->assignee.empty());
  CHECK(unassigned->status == S::kRouted);
}

TEST_CASE("a note is an audit event only: the case and its version stay as they are", "[unit]") {
  ServiceRig r;
  Case c = r.AddCase();
  auto out = r.service.Note(WardStaff(), c.id, "Đã gọi tổ dân phố số 5.", c.version);
  REQUIRE(out.ok());
  CHECK(out->version == c.version);
  CHECK(r.cases.saves() == 0);
  auto events = r.cases.EventsOf(c.id);
  REQUIRE(events.size() == 1);
  CHECK(events[0].kind == "note");
  CHECK(events[0].detail == "Đã gọi tổ dân phố số 5.");
  CHECK(r.outbox.All().empty());
}

TEST_CASE("resolve needs an answer for the resident and sends only a new one", "[unit]") {
  ServiceRig r;
  Case silent = r.AddCase();
  auto refused = r.service.Resolve(WardStaff(), silent.id, "", std::nullopt);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == ErrorCode::kInvalidArgument);
  CHECK(r.cases.saves() == 0);

  auto out = r.service.Resolve(WardStaff(), silent.id, "Đã thu gom rác.", std::nullopt);
  REQUIRE(out.ok());
  CHECK(out->status == S::kResolved);
  CHECK(r.outbox.All().size() == 1);

  Case answered = r.AddCase(S::kInProgress);
  answered.resolution = "Đã trả lời trước đó.";
  r.cases.Put(answered);
  REQUIRE(r.service.Resolve(WardStaff(), answered.id, "", std::nullopt).ok());
  CHECK(r.outbox.All().size() == 1);  // nothing new to tell the resident
  CHECK(r.service.Resolve(WardStaff(), answered.id, "x", std::nullopt).error().code ==
        ErrorCode::kFailedPrecondition);  // resolved already
}

TEST_CASE("reject records the reason and can be undone by reopen", "[unit]") {
  ServiceRig r;
  Case c = r.AddCase();
  REQUIRE(ParseRejectReason("spam") == RejectReason::kSpam);
  CHECK_FALSE(ParseRejectReason("boring"));
  auto out = r.service.Reject(WardStaff(), c.id, RejectReason::kOffTopic, "Quảng cáo", std::nullopt);
  REQUIRE(out.ok());
  CHECK(out->status == S::kRejected);
  CHECK(out->reject_reason == "off_topic");
  CHECK(r.cases.EventsOf(c.id).back().detail == "reason=off_topic note=Quảng cáo");

  auto back = r.service.Reopen(WardStaff(), c.id, std::nullopt);
  REQUIRE(back.ok());
  CHECK(back->status == S::kRouted);
  CHECK(back->reject_reason.empty());
}

TEST_CASE("merge needs a target that stays open, links both and can be reopened", "[unit]") {
  ServiceRig r;
  Case target = r.AddCase();
  Case dup = r.AddCase();
  CHECK(r.service.Merge(WardStaff(), dup.id, 0, std::nullopt).error().code == ErrorCode::kInvalidArgument);
  CHECK(r.service.Merge(WardStaff(), dup.id, dup.id, std::nullopt).error().code ==
        ErrorCode::kInvalidArgument);
  CHECK(r.service.Merge(WardStaff(), dup.id, 999, std::nullopt).error().code == ErrorCode::kInvalidArgument);
  CHECK(r.cases.Get(dup.id)->status == S::kRouted);

  auto out = r.service.Merge(WardStaff(), dup.id, target.id, std::nullopt);
  REQUIRE(out.ok());
  CHECK(out->status == S::kMerged);
  CHECK(out->merged_into == target.id);
  CHECK(r.cases.EventsOf(target.id).back().kind == "merged_from");
  CHECK(r.cases.EventsOf(target.id).back().detail == "case=" + std::to_string(dup.id));

  SECTION("not into a case that is itself merged") {
    Case third = r.AddCase();
    auto refused = r.service.Merge(WardStaff(), third.id, dup.id, std::nullopt);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::kFailedPrecondition);
    CHECK(r.cases.EventsOf(dup.id).size() == 1);  // no merged_from left behind
  }
  SECTION("a merged case can leave that state") {
    auto back = r.service.Reopen(WardStaff(), dup.id, std::nullopt);
    REQUIRE(back.ok());
    CHECK(back->status == S::kRouted);
    CHECK_FALSE(back->merged_into);
  }
}

TEST_CASE("merging into another ward's case is refused and the link event rolled back", "[unit]") {
  ServiceRig r;
  Case other = r.AddCase(S::kRouted, "lang-thuong");
  Case mine = r.AddCase();
  auto out = r.service.Merge(WardStaff(), mine.id, other.id, std::nullopt);
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().code == ErrorCode::kPermissionDenied);
  CHECK(r.cases.EventsOf(other.id).empty());
  CHECK(r.cases.Get(mine.id)->status == S::kRouted);
}

TEST_CASE("reopen brings finished cases back and refuses open ones", "[unit]") {
  ServiceRig r;
  for (S s : {S::kResolved, S::kPublished, S::kClosed}) {
    Case c = r.AddCase(s);
    auto out = r.service.Reopen(Office(), c.id, std::nullopt);
    REQUIRE(out.ok());
    CHECK(out->status == S::kInProgress);
    CHECK(r.cases.EventsOf(c.id).back().detail == std::string("from=") + StatusName(s));
  }
  Case open = r.AddCase();
  CHECK(r.service.Reopen(WardStaff(), open.id, std::nullopt).error().code == ErrorCode::kFailedPrecondition);
}

TEST_CASE("publish puts a resolved case on the public page with the office's summary", "[unit]") {
  ServiceRig r;
  Case c = r.AddCase(S::kResolved);
  auto out = r.service.Publish(Office(), c.id, std::string("Ổ gà ngõ 4 đã được vá."), c.version);
  REQUIRE(out.ok());
  CHECK(out->status == S::kPublished);
  CHECK(out->public_summary == "Ổ gà ngõ 4 đã được vá.");
  CHECK(out->published_at == r.clock.NowMs());
  CHECK(r.cases.EventsOf(c.id).back().detail == "summary edited");

  auto off = r.service.Unpublish(Admin(), c.id, std::nullopt);
  REQUIRE(off.ok());
  CHECK(off->status == S::kResolved);
  CHECK(off->resolution == c.resolution);  // the resident keeps the answer

  Case open = r.AddCase();
  CHECK(r.service.Publish(Office(), open.id, std::nullopt, std::nullopt).error().code ==
        ErrorCode::kFailedPrecondition);
  CHECK(r.service.Unpublish(Office(), open.id, std::nullopt).error().code == ErrorCode::kFailedPrecondition);
  CHECK(r.service.Publish(Office(), c.id, std::string(""), std::nullopt).error().code ==
        ErrorCode::kInvalidArgument);
}

TEST_CASE("an unknown case is not found for every action", "[unit]") {
  ServiceRig r;
  CHECK(r.service.Detail(Admin(), 404).error().code == ErrorCode::kNotFound);
  CHECK(r.service.Reply(Admin(), 404, "x", false, std::nullopt).error().code == ErrorCode::kNotFound);
  CHECK(r.service.Reopen(Admin(), 404, std::nullopt).error().code == ErrorCode::kNotFound);
}

TEST_CASE("detail carries messages, events and the outbox of the case", "[unit]") {
  ServiceRig r;
  Case c = r.AddCase();
  REQUIRE(r.cases.AddMessage(c.id, {0, 0, ChannelKind::kZalo, "in", "m1", "text", "Ảnh kèm theo", "[]", 1},
                             std::nullopt, "anh kem theo", r.clock.NowMs()).ok());
  REQUIRE(r.service.Reply(WardStaff(), c.id, "Đã nhận ảnh.", false, std::nullopt).ok());
  auto d = r.service.Detail(CityLeader(), c.id);
  REQUIRE(d.ok());
  CHECK(d->messages.size() == 1);
  CHECK(d->events.size() == 1);
  CHECK(d->outbox.size() == 1);
  CHECK(d->c.version == 2);
}

}  // namespace
}  // namespace wardline::cases::testing
