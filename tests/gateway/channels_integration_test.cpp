// Integration: Zalo OA and Facebook end to end over real HTTP. Every case starts the in-process
// platform simulators (tests/sim) and the real `wardline serve` pointed at them, and drives the
// hub only through what the platforms and staff can reach: signed webhooks in, the simulators'
// send / comment / OAuth endpoints out, the staff API, /track and /metrics. Runs on SQLite, and
// on MariaDB with WARDLINE_TEST_BACKEND=mysql (a fresh database per case).
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "tests/gateway/channel_rig.h"

using namespace wardline::it;
namespace sim = wardline::sim;
using wardline::testing::TestDatabase;

namespace {

constexpr auto kDeliver = std::chrono::seconds(20);  // generous bound; normally < 1 s

std::string NewMsgId(const std::string& prefix = "msg") { return prefix + "-" + sim::RandomHex(16); }

// POST with hand-made headers (for bodies the simulators' senders cannot sign: they read the
// timestamp out of the body, which is impossible when the body is not JSON).
int RawPost(const ChannelRig& rig, const std::string& path, const std::string& body,
            const httplib::Headers& headers) {
  auto c = rig.Client();
  auto res = c.Post(path.c_str(), headers, body, "application/json");
  return res ? res->status : -1;
}

// Correct Zalo signature over arbitrary bytes, timestamp in X-ZEvent-Timestamp.
httplib::Headers ZaloSignedHeaders(const std::string& body) {
  const std::string ts = std::to_string(sim::NowMs());
  return {{"X-ZEvent-Signature", sim::ZaloMac(kZaloAppId, body, ts, kZaloOaSecret)},
          {"X-ZEvent-Timestamp", ts}};
}

httplib::Headers FacebookSignedHeaders(const std::string& body) {
  return {{"X-Hub-Signature-256", sim::FacebookSignature(kFbAppSecret, body)}};
}

bool HasEvent(const json& c, const std::string& kind) {
  for (const auto& e : c.at("events")) {
    if (e.value("kind", "") == kind) return true;
  }
  return false;
}

// The outbox row of a case with this purpose ("ack", "reply"), or null.
json OutboxRow(const json& c, const std::string& purpose) {
  for (const auto& o : c.at("outbox")) {
    if (o.value("purpose", "") == purpose) return o;
  }
  return json();
}

// The tracking code of the acknowledgement the simulator received for `user`.
std::string ZaloAckCode(const ChannelRig& rig, const std::string& user) {
  auto msgs = rig.ZaloMessagesTo(user);
  return msgs.empty() ? std::string() : TrackingCodeIn(msgs.front().text);
}

void RequireDrained(const ChannelRig& rig) {
  INFO(rig.HubLog());
  REQUIRE(WaitUntil([&] { return rig.Drained(); }, kDeliver));
}

}  // namespace

TEST_CASE("a Zalo text becomes a case and the resident gets the tracking code on Zalo",
          "[integration][zalo]") {
  ChannelRig rig("zalo-text");
  const std::string user = UniqueId();
  const std::string text =
      "Đèn đường ngõ 12 Tôn Đức Thắng phường Kim Liên hỏng 3 ngày rồi, tối om rất nguy hiểm";
  REQUIRE(rig.ZaloText(user, NewMsgId(), text) == 200);

  INFO(rig.HubLog());
  REQUIRE(WaitUntil([&] { return !rig.ZaloMessagesTo(user).empty(); }, kDeliver));
  RequireDrained(rig);
  auto acks = rig.ZaloMessagesTo(user);
  REQUIRE(acks.size() == 1);  // exactly once
  CHECK(rig.zalo().send_calls() == 1);
  const std::string code = TrackingCodeIn(acks[0].text);
  REQUIRE_FALSE(code.empty());
  CHECK(acks[0].text.find("Mã tra cứu: " + code) != std::string::npos);
  CHECK(acks[0].text.find(kPublicUrl + "/track/" + code) != std::string::npos);
  CHECK(acks[0].text.find("Kim Liên") != std::string::npos);
  CHECK(acks[0].access_token == "zalo-access-0");

  auto [status, t] = rig.Track(code);
  REQUIRE(status == 200);
  CHECK(t["tracking_code"] == code);
  CHECK(t["status"] == "routed");
  CHECK(t["ward"] == "Kim Liên");
  CHECK(t["category"] == "chieu_sang");
  CHECK(t["summary"].get<std::string>().find("Đèn đường ngõ 12") != std::string::npos);
  CHECK(t["resolution"].is_null());
  CHECK(t["channel_note"].is_null());

  auto c = rig.CaseByCode(code);
  REQUIRE(c);
  CHECK((*c)["channel"] == "zalo");
  CHECK((*c)["ward"] == "kim-lien");
  REQUIRE((*c)["messages"].size() == 1);
  CHECK((*c)["messages"][0]["direction"] == "in");
  CHECK((*c)["messages"][0]["text"] == text);
  REQUIRE((*c)["outbox"].size() == 1);
  json ack = OutboxRow(*c, "ack");
  CHECK(ack["state"] == "sent");
  CHECK(ack["attempts"] == 1);
  CHECK(HasEvent(*c, "delivered"));

  const std::string m = rig.Metrics();
  CHECK(MetricValue(m, R"(wardline_webhook_events_total{channel="zalo",result="stored"})") == 1);
  CHECK(MetricValue(m, R"(wardline_webhook_events_total{channel="zalo",result="case_created"})") == 1);
  CHECK(MetricValue(m, R"(wardline_deliveries_total{channel="zalo",result="delivered"})") == 1);
  CHECK(rig.CaseCount() == 1);
}

TEST_CASE("forged, missing and stale signatures, malformed and oversized webhooks store nothing",
          "[integration][zalo][facebook]") {
  ChannelRig rig("bad-webhooks");
  auto z = rig.zalo_events();
  const std::string user = UniqueId();
  const std::string good = z.Text(user, NewMsgId(), "Cống thoát nước bị tắc", sim::NowMs());
  const std::string stored_series = R"(wardline_webhook_events_total{channel="zalo",result="stored"})";
  const std::string fb_stored_series =
      R"(wardline_webhook_events_total{channel="facebook",result="stored"})";

  SECTION("bad signatures are 401") {
    CHECK(rig.PostZalo(good, sim::SignMode::kForged).status == 401);
    CHECK(rig.PostZalo(good, sim::SignMode::kMissing).status == 401);
    // A signature that is right for another body.
    auto other = ZaloSignedHeaders(z.Text(user, NewMsgId(), "khác", sim::NowMs()));
    CHECK(RawPost(rig, "/webhooks/zalo", good, other) == 401);
    // Correctly signed but four hours old: outside the replay window (3 h in the config).
    const std::string stale =
        z.Text(user, NewMsgId(), "Cống thoát nước bị tắc", sim::NowMs() - 4 * 3600 * 1000LL);
    CHECK(rig.PostZalo(stale, sim::SignMode::kGood).status == 401);
    CHECK(rig.PostZalo(stale, sim::SignMode::kTimestampHeader).status == 401);
    sim::FacebookEvents fb(kFbPageId);
    fb.Text(UniqueId(), NewMsgId("m"), "Rác chưa thu gom", sim::NowMs());
    CHECK(rig.PostFacebook(fb.Build(), sim::SignMode::kForged).status == 401);
    CHECK(rig.PostFacebook(fb.Build(), sim::SignMode::kMissing).status == 401);
  }

  SECTION("malformed JSON and invalid UTF-8, correctly signed, are 400") {
    const std::string ts = std::to_string(sim::NowMs());
    const std::string truncated = good.substr(0, good.size() / 2);
    CHECK(RawPost(rig, "/webhooks/zalo", truncated, ZaloSignedHeaders(truncated)) == 400);
    const std::string not_json = "app_id=1&event_name=user_send_text";
    CHECK(RawPost(rig, "/webhooks/zalo", not_json, ZaloSignedHeaders(not_json)) == 400);
    const std::string bad_utf8 = R"({"app_id":")" + kZaloAppId +
                                 R"(","event_name":"user_send_text","timestamp":")" + ts +
                                 R"(","sender":{"id":")" + user + R"("},"recipient":{"id":")" +
                                 kZaloOaId + R"("},"message":{"msg_id":"bad-utf8","text":"C)" +
                                 std::string("\xC3\x28\xFF\xFE") + R"( tắc"}})";
    CHECK(RawPost(rig, "/webhooks/zalo", bad_utf8, ZaloSignedHeaders(bad_utf8)) == 400);
    // Valid JSON nested far deeper than any platform event.
    const std::string deep = R"({"timestamp":")" + ts + R"(","x":)" + std::string(200, '[') +
                             std::string(200, ']') + "}";
    CHECK(RawPost(rig, "/webhooks/zalo", deep, ZaloSignedHeaders(deep)) == 400);

    const std::string fb_truncated = R"({"object":"page","entry":[{"id":")" + kFbPageId + R"(",)";
    CHECK(RawPost(rig, "/webhooks/facebook", fb_truncated, FacebookSignedHeaders(fb_truncated)) == 400);
    const std::string fb_bad_utf8 = R"({"object":"page","entry":[{"id":")" + kFbPageId +
                                    R"(","time":1,"messaging":[{"sender":{"id":"1"},"recipient":{"id":")" +
                                    kFbPageId + R"("},"timestamp":1,"message":{"mid":"m_x","text":")" +
                                    std::string("\xED\xA0\x80") + R"("}}]}]})";
    CHECK(RawPost(rig, "/webhooks/facebook", fb_bad_utf8, FacebookSignedHeaders(fb_bad_utf8)) == 400);
  }

  SECTION("oversized bodies are 413") {
    const std::string huge =
        z.Text(user, NewMsgId(), std::string(100000, 'a'), sim::NowMs());  // max_body_bytes 65536
    auto r = rig.PostZalo(huge);
    CHECK(r.status == 413);
    sim::FacebookEvents fb(kFbPageId);
    fb.Text(UniqueId(), NewMsgId("m"), std::string(100000, 'b'), sim::NowMs());
    CHECK(rig.PostFacebook(fb.Build()).status == 413);
  }

  // Whatever the section sent: nothing stored, nothing queued, the hub still serves.
  const std::string m = rig.Metrics();
  CHECK(MetricValue(m, stored_series) == 0);
  CHECK(MetricValue(m, fb_stored_series) == 0);
  CHECK(MetricValue(m, "wardline_inbox_pending") == 0);
  CHECK(rig.CaseCount() == 0);
  CHECK(rig.ListCases().empty());
  auto health = rig.Client().Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);

  // The same hub takes a good event (so the zeros above mean something), and an unknown
  // event type is stored and acknowledged but makes no case.
  REQUIRE(rig.PostZalo(z.Custom("user_send_hologram", user, NewMsgId(), "???", sim::NowMs())).status == 200);
  REQUIRE(rig.ZaloText(user, NewMsgId(), "Cống thoát nước bị tắc ngõ 5") == 200);
  RequireDrained(rig);
  CHECK(rig.Metric(stored_series) == 2);
  CHECK(rig.CaseCount() == 1);
  CHECK(rig.ZaloMessagesTo(user).size() == 1);
}

TEST_CASE("correctly signed events addressed to another OA or Page make no case and get no answer",
          "[integration][zalo][facebook]") {
  ChannelRig rig("misaddressed");
  const std::string user = UniqueId();
  sim::ZaloEvents other_oa{kZaloAppId, "5790000099998888777"};
  REQUIRE(rig.PostZalo(other_oa.Text(user, NewMsgId(), "Cống ngõ 7 bị tắc", sim::NowMs())).status == 200);
  const std::string psid = UniqueId();
  sim::FacebookEvents other_page("104000000009999");
  other_page.Text(psid, NewMsgId("m"), "Rác chưa thu gom ở ngõ 3", sim::NowMs());
  REQUIRE(rig.PostFacebook(other_page.Build()).status == 200);
  RequireDrained(rig);
  CHECK(rig.CaseCount() == 0);
  CHECK(rig.ZaloMessagesTo(user).empty());
  CHECK(rig.FbMessagesTo(psid).empty());
  const std::string m = rig.Metrics();
  CHECK(MetricValue(m, "wardline_webhook_events_total{channel=\"zalo\",result=\"misaddressed\"}") == 1);
  CHECK(MetricValue(m, "wardline_webhook_events_total{channel=\"facebook\",result=\"misaddressed\"}") == 1);

  // The same hub still serves its own OA.
  REQUIRE(rig.ZaloText(user, NewMsgId(), "Cống thoát nước ngõ 5 bị tắc") == 200);
  REQUIRE(WaitUntil([&] { return !rig.ZaloMessagesTo(user).empty(); }, kDeliver));
  CHECK(rig.CaseCount() == 1);
}

TEST_CASE("the same Zalo event delivered twice, and concurrently, makes one case and one ack",
          "[integration][zalo]") {
  ChannelRig rig("zalo-dup");
  auto z = rig.zalo_events();
  const std::string alice = UniqueId(), bob = UniqueId();
  rig.zalo().RecordInteraction(alice);
  rig.zalo().RecordInteraction(bob);

  // Sequential redelivery: the identical body, then the same msg_id with a later timestamp
  // (a retry that re-signed), then the identical body once more after processing.
  const std::string alice_msg = NewMsgId();
  const std::string body = z.Text(alice, alice_msg, "Rác ùn ứ đầu ngõ 88 chưa thu gom", sim::NowMs());
  REQUIRE(rig.PostZalo(body).status == 200);
  REQUIRE(rig.PostZalo(body).status == 200);
  REQUIRE(rig.PostZalo(z.Text(alice, alice_msg, "Rác ùn ứ đầu ngõ 88 chưa thu gom", sim::NowMs() + 5))
              .status == 200);
  RequireDrained(rig);
  REQUIRE(rig.PostZalo(body).status == 200);

  // Concurrent redelivery: 8 identical bodies and 4 re-signed copies at once.
  const std::string bob_msg = NewMsgId();
  const std::int64_t ts = sim::NowMs();
  const std::string bob_body = z.Text(bob, bob_msg, "Nước máy đục, có mùi lạ mấy hôm nay", ts);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 12; ++i) {
    threads.emplace_back([&, i] {
      const std::string b = i < 8 ? bob_body : z.Text(bob, bob_msg, "Nước máy đục, có mùi lạ mấy hôm nay", ts + i);
      auto r = sim::PostZaloWebhook(rig.zalo_url(), b, kZaloAppId, kZaloOaSecret);
      if (r.transport_ok && r.status == 200) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(ok == 12);

  RequireDrained(rig);
  CHECK(rig.ZaloMessagesTo(alice).size() == 1);
  CHECK(rig.ZaloMessagesTo(bob).size() == 1);
  CHECK(rig.zalo().send_calls() == 2);
  CHECK(rig.CaseCount() == 2);
  const std::string m = rig.Metrics();
  CHECK(MetricValue(m, R"(wardline_webhook_events_total{channel="zalo",result="case_created"})") == 2);
  // Identical bodies are recognised at the door; re-signed copies by their msg_id.
  CHECK(MetricValue(m, R"(wardline_webhook_events_total{channel="zalo",result="redelivered"})") >= 2);
  CHECK(MetricValue(m, R"(wardline_webhook_events_total{channel="zalo",result="duplicate"})") >= 5);
  for (const std::string& who : {alice, bob}) {
    auto c = rig.CaseByCode(ZaloAckCode(rig, who));
    REQUIRE(c);
    CHECK((*c)["messages"].size() == 1);
    CHECK((*c)["outbox"].size() == 1);
  }
}

TEST_CASE("text, photo and map point from one resident thread into one case and place it",
          "[integration][zalo]") {
  ChannelRig rig("zalo-thread");
  auto z = rig.zalo_events();
  const std::string user = UniqueId();
  rig.zalo().RecordInteraction(user);
  const std::string photo = "https://photo.zalo.example/ao-nuoc-" + sim::RandomHex(6) + ".jpg";
  REQUIRE(rig.PostZalo(z.Text(user, NewMsgId(), "Cống thoát nước bị tắc, nước tràn ra đường", sim::NowMs())).status == 200);
  REQUIRE(rig.PostZalo(z.Image(user, NewMsgId(), photo, "ảnh chụp sáng nay", sim::NowMs())).status == 200);
  // Inside Kim Liên's box [21.004, 105.833, 21.011, 105.842], coordinates as strings.
  REQUIRE(rig.PostZalo(z.Location(user, NewMsgId(), 21.0075, 105.8375,
                                  sim::ZaloLocationShape::kCoordinatesLatitude, true, sim::NowMs()))
              .status == 200);

  // A second resident: text, then a map point in Ô Chợ Dừa in the message.location shape.
  const std::string other = UniqueId();
  rig.zalo().RecordInteraction(other);
  REQUIRE(rig.PostZalo(z.Text(other, NewMsgId(), "Cây xanh gãy đổ chắn ngang vỉa hè", sim::NowMs())).status == 200);
  REQUIRE(rig.PostZalo(z.Location(other, NewMsgId(), 21.0205, 105.8275,
                                  sim::ZaloLocationShape::kMessageLocation, false, sim::NowMs()))
              .status == 200);

  RequireDrained(rig);
  REQUIRE(rig.ZaloMessagesTo(user).size() == 1);  // one acknowledgement, for the new case only
  REQUIRE(rig.ZaloMessagesTo(other).size() == 1);
  CHECK(rig.CaseCount() == 2);

  auto c = rig.CaseByCode(ZaloAckCode(rig, user));
  REQUIRE(c);
  INFO(c->dump(2));
  REQUIRE((*c)["messages"].size() == 3);
  CHECK((*c)["messages"][0]["kind"] == "text");
  CHECK((*c)["messages"][1]["kind"] == "image");
  CHECK((*c)["messages"][2]["kind"] == "location");
  bool has_photo = false, has_point = false;
  for (const auto& msg : (*c)["messages"]) {
    for (const auto& a : msg["attachments"]) {
      if (a.value("url", "") == photo) has_photo = true;
      if (a.value("type", "") == "location" && a.contains("lat")) {
        has_point = std::abs(a["lat"].get<double>() - 21.0075) < 1e-6 &&
                    std::abs(a["lon"].get<double>() - 105.8375) < 1e-6;
      }
    }
  }
  CHECK(has_photo);
  CHECK(has_point);
  REQUIRE((*c)["location"].is_object());
  CHECK(std::abs((*c)["location"]["lat"].get<double>() - 21.0075) < 1e-6);
  CHECK(std::abs((*c)["location"]["lon"].get<double>() - 105.8375) < 1e-6);
  CHECK((*c)["ward"] == "kim-lien");
  CHECK((*c)["outbox"].size() == 1);

  auto o = rig.CaseByCode(ZaloAckCode(rig, other));
  REQUIRE(o);
  INFO(o->dump(2));
  CHECK((*o)["messages"].size() == 2);
  CHECK((*o)["ward"] == "o-cho-dua");
  auto [status, t] = rig.Track(ZaloAckCode(rig, other));
  CHECK(status == 200);
  CHECK(t["ward"] == "Ô Chợ Dừa");
}

TEST_CASE("Facebook: handshake, a batched POST of messages and comments, echoes and page comments ignored",
          "[integration][facebook]") {
  ChannelRig rig("facebook");
  const std::string url = rig.fb_url();

  auto ok = sim::FacebookHandshake(url, "subscribe", kFbVerifyToken, "challenge-8c1e");
  CHECK(ok.status == 200);
  CHECK(ok.body == "challenge-8c1e");
  CHECK(sim::FacebookHandshake(url, "subscribe", "wrong-token", "c").status == 403);
  CHECK(sim::FacebookHandshake(url, "unsubscribe", kFbVerifyToken, "c").status == 403);

  const std::string alice = UniqueId(6500000000000000ULL), bob = UniqueId(6500000000000000ULL);
  const std::string carol = UniqueId(4400000000ULL);
  rig.fb().RecordInteraction(alice);
  rig.fb().RecordInteraction(bob);
  const std::string post_id = kFbPageId + "_555000111";
  const std::string comment_id = "555000111_" + UniqueId(700000000ULL);
  const std::string page_comment_id = "555000111_" + UniqueId(800000000ULL);
  const std::int64_t now = sim::NowMs();

  sim::FacebookEvents fb(kFbPageId);
  fb.Text(alice, NewMsgId("m"), "Rác chưa được thu gom ở ngõ 5 mấy ngày nay", now)
      .Echo(alice, NewMsgId("m"), "Cảm ơn bạn, phường đã nhận", now)
      .Delivery(alice, "m_prev", now)
      .Read(alice, now);
  fb.NewEntry().Text(bob, NewMsgId("m"), "Đèn đường trước số nhà 20 bị hỏng", now);
  fb.NewEntry()
      .Comment(comment_id, post_id, carol, "Trần Thị B", "Cống thoát nước bị tắc ở đầu ngõ 8")
      .Comment(page_comment_id, post_id, kFbPageId, "UBND phường", "Phường đã ghi nhận");
  const std::string body = fb.Build();
  auto r = rig.PostFacebook(body);
  REQUIRE(r.status == 200);
  CHECK(r.body.find("EVENT_RECEIVED") != std::string::npos);

  RequireDrained(rig);
  CHECK(rig.CaseCount() == 3);  // alice, bob, carol's comment; not the echo nor the page's comment
  auto to_alice = rig.FbMessagesTo(alice);
  auto to_bob = rig.FbMessagesTo(bob);
  REQUIRE(to_alice.size() == 1);
  REQUIRE(to_bob.size() == 1);
  CHECK(to_alice[0].messaging_type == "RESPONSE");
  CHECK(to_alice[0].text.find(kPublicUrl + "/track/" + TrackingCodeIn(to_alice[0].text)) != std::string::npos);
  CHECK(rig.FbMessagesTo(carol).empty());  // a commenter is answered under the comment
  auto replies = rig.FbRepliesTo(comment_id);
  REQUIRE(replies.size() == 1);
  const std::string comment_code = TrackingCodeIn(replies[0].message);
  REQUIRE_FALSE(comment_code.empty());
  CHECK(rig.FbRepliesTo(page_comment_id).empty());
  CHECK(rig.fb().Comments().size() == 1);
  CHECK(rig.fb().last_access_token() == kFbPageToken);

  // Meta redelivers the same batch with a new entry time: nothing new.
  json doc = fb.Document();
  for (auto& e : doc["entry"]) e["time"] = e["time"].get<std::int64_t>() + 60000;
  REQUIRE(rig.PostFacebook(sim::MetaEscape(doc)).status == 200);
  REQUIRE(rig.PostFacebook(body).status == 200);
  RequireDrained(rig);
  CHECK(rig.CaseCount() == 3);
  CHECK(rig.fb().Messages().size() == 2);
  CHECK(rig.fb().Comments().size() == 1);

  // Staff answer the comment case: the answer goes under the same comment.
  auto c = rig.CaseByCode(comment_code);
  REQUIRE(c);
  CHECK((*c)["channel"] == "facebook");
  CHECK((*c)["text"] == "Cống thoát nước bị tắc ở đầu ngõ 8");
  const std::string answer = "Đội thoát nước đã nạo vét cống đầu ngõ 8 sáng nay.";
  REQUIRE(rig.Reply((*c)["id"].get<long long>(), answer, true) == 202);
  REQUIRE(WaitUntil([&] { return rig.FbRepliesTo(comment_id).size() >= 2; }, kDeliver));
  RequireDrained(rig);
  replies = rig.FbRepliesTo(comment_id);
  REQUIRE(replies.size() == 2);
  CHECK(replies[1].message.find(answer) != std::string::npos);
  CHECK(replies[1].message.find(comment_code) != std::string::npos);
  CHECK(rig.fb().Messages().size() == 2);  // no private message to the commenter
  auto [status, t] = rig.Track(comment_code);
  CHECK(status == 200);
  CHECK(t["status"] == "resolved");
  CHECK(t["resolution"] == answer);
  CHECK(t["channel_note"].is_null());
}

TEST_CASE("while a platform is down or slow, acknowledgements wait and then arrive exactly once",
          "[integration][zalo][facebook]") {
  RigOptions opts;
  opts.hub.max_attempts = 100;  // a long outage must not exhaust the attempts
  ChannelRig rig("platform-down", opts);

  // Zalo is down (503 on every send) ...
  rig.zalo().FailNext5xx(1'000'000);
  const std::string user = UniqueId();
  REQUIRE(rig.ZaloText(user, NewMsgId(), "Đường ống nước vỡ, nước chảy lênh láng ra ngõ 3") == 200);
  INFO(rig.HubLog());
  // ... the hub keeps trying with backoff, the acknowledgement stays queued ...
  REQUIRE(WaitUntil([&] { return rig.zalo().send_calls() >= 4; }, kDeliver));
  CHECK(rig.ZaloMessagesTo(user).empty());
  CHECK(rig.OutboxPending() == 1);
  REQUIRE(WaitUntil([&] { return rig.CaseCount() == 1; }, kDeliver));
  auto c = rig.ListCases().at(0);
  json row = OutboxRow(rig.Case(c["id"].get<long long>()), "ack");
  CHECK(row["state"] == "pending");
  CHECK(row["last_error"].get<std::string>().find("503") != std::string::npos);
  // ... then it comes back, dropping two connections mid-answer first.
  rig.zalo().DropNext(2);
  rig.zalo().FailNext5xx(0);
  REQUIRE(WaitUntil([&] { return !rig.ZaloMessagesTo(user).empty(); }, kDeliver));
  RequireDrained(rig);
  CHECK(rig.ZaloMessagesTo(user).size() == 1);
  row = OutboxRow(rig.Case(c["id"].get<long long>()), "ack");
  CHECK(row["state"] == "sent");
  CHECK(row["attempts"] == rig.zalo().send_calls());

  // Facebook is slow (400 ms per call, well inside the 5 s timeout) and fails twice with 502.
  rig.fb().SetDelayMs(400);
  rig.fb().faults().FailNext5xx(2, 502);
  const std::string psid = UniqueId(6500000000000000ULL);
  rig.fb().RecordInteraction(psid);
  sim::FacebookEvents fb(kFbPageId);
  fb.Text(psid, NewMsgId("m"), "Vỉa hè bị lấn chiếm làm chỗ để xe", sim::NowMs());
  REQUIRE(rig.PostFacebook(fb.Build()).status == 200);
  REQUIRE(WaitUntil([&] { return !rig.FbMessagesTo(psid).empty(); }, kDeliver));
  RequireDrained(rig);
  CHECK(rig.FbMessagesTo(psid).size() == 1);
  CHECK(rig.fb().send_calls() == 3);
  const std::string m = rig.Metrics();
  CHECK(MetricValue(m, R"(wardline_deliveries_total{channel="zalo",result="delivered"})") == 1);
  CHECK(MetricValue(m, R"(wardline_deliveries_total{channel="facebook",result="delivered"})") == 1);
  CHECK(MetricValue(m, R"(wardline_deliveries_total{channel="facebook",result="retry"})") == 2);
  rig.fb().SetDelayMs(0);
}

TEST_CASE("an expired Zalo token is refreshed through OAuth and the new refresh token is kept",
          "[integration][zalo]") {
  ChannelRig rig("zalo-token");
  const std::string first = UniqueId();
  REQUIRE(rig.ZaloText(first, NewMsgId(), "Ổ gà lớn giữa đường Xã Đàn") == 200);
  INFO(rig.HubLog());
  REQUIRE(WaitUntil([&] { return !rig.ZaloMessagesTo(first).empty(); }, kDeliver));
  CHECK(rig.ZaloMessagesTo(first)[0].access_token == "zalo-access-0");

  // Zalo expires the token: the next send gets -220, the hub refreshes once and sends again.
  rig.zalo().ExpireToken();
  const std::string second = UniqueId();
  REQUIRE(rig.ZaloText(second, NewMsgId(), "Cây đổ chắn ngang ngõ 40") == 200);
  REQUIRE(WaitUntil([&] { return !rig.ZaloMessagesTo(second).empty(); }, kDeliver));
  RequireDrained(rig);
  CHECK(rig.zalo().refresh_calls() == 1);
  CHECK(rig.zalo().refused_refreshes() == 0);
  const std::string rotated = rig.zalo().current_access_token();
  CHECK(rotated != "zalo-access-0");
  REQUIRE(rig.ZaloMessagesTo(second).size() == 1);
  CHECK(rig.ZaloMessagesTo(second)[0].access_token == rotated);
  CHECK(rig.ZaloMessagesTo(first).size() == 1);

  // Kill the hub and start it again with the original (now spent) tokens still in its
  // environment. It must use the pair it committed: the old refresh token would be refused.
  rig.KillHub();
  rig.StartHub();
  const std::string third = UniqueId();
  REQUIRE(rig.ZaloText(third, NewMsgId(), "Nắp cống bị mất ở ngõ 12") == 200);
  REQUIRE(WaitUntil([&] { return !rig.ZaloMessagesTo(third).empty(); }, kDeliver));
  CHECK(rig.ZaloMessagesTo(third)[0].access_token == rotated);  // the stored token, not the env one
  rig.zalo().ExpireToken();
  const std::string fourth = UniqueId();
  REQUIRE(rig.ZaloText(fourth, NewMsgId(), "Chó thả rông không rọ mõm ở vườn hoa") == 200);
  REQUIRE(WaitUntil([&] { return !rig.ZaloMessagesTo(fourth).empty(); }, kDeliver));
  RequireDrained(rig);
  CHECK(rig.zalo().refresh_calls() == 2);
  CHECK(rig.zalo().refused_refreshes() == 0);
  CHECK(rig.ZaloMessagesTo(fourth)[0].access_token == rig.zalo().current_access_token());
  for (const auto& who : {first, second, third, fourth}) CHECK(rig.ZaloMessagesTo(who).size() == 1);
}

TEST_CASE("a reply the platform refuses (outside the window, blocked) is recorded and shown on /track",
          "[integration][zalo][facebook]") {
  ChannelRig rig("refused");
  const std::string answer = "Phường đã cử cán bộ kiểm tra và xử lý xong, cảm ơn ông/bà.";

  SECTION("Facebook: outside the messaging window (10/2018278)") {
    const std::string psid = UniqueId(6500000000000000ULL);
    rig.fb().RecordInteraction(psid);
    sim::FacebookEvents fb(kFbPageId);
    fb.Text(psid, NewMsgId("m"), "Tiếng ồn karaoke sau 23 giờ ở ngõ 7", sim::NowMs());
    REQUIRE(rig.PostFacebook(fb.Build()).status == 200);
    REQUIRE(WaitUntil([&] { return !rig.FbMessagesTo(psid).empty(); }, kDeliver));
    RequireDrained(rig);
    const std::string code = TrackingCodeIn(rig.FbMessagesTo(psid)[0].text);
    auto c = rig.CaseByCode(code);
    REQUIRE(c);
    CHECK((*c)["delivery_note"] == "");

    rig.fb().ForceErrorNext(10, 2018278, 1);
    REQUIRE(rig.Reply((*c)["id"].get<long long>(), answer, true) == 202);
    RequireDrained(rig);
    c = rig.CaseByCode(code);
    INFO(c->dump(2));
    json row = OutboxRow(*c, "reply");
    CHECK(row["state"] == "failed");
    CHECK(row["attempts"] == 1);  // a refusal is not retried
    const std::string note = (*c)["delivery_note"].get<std::string>();
    CHECK(note.find("Messenger") != std::string::npos);
    CHECK(note.find("2018278") != std::string::npos);
    CHECK(HasEvent(*c, "delivery"));
    CHECK((*c)["status"] == "resolved");
    CHECK(rig.FbMessagesTo(psid).size() == 1);  // only the acknowledgement
    CHECK(rig.fb().send_calls() == 2);
    auto [status, t] = rig.Track(code);
    REQUIRE(status == 200);
    CHECK(t["status"] == "resolved");
    CHECK(t["resolution"] == answer);
    CHECK(t["channel_note"].is_string());
    CHECK(rig.Metric(R"(wardline_deliveries_total{channel="facebook",result="refused"})") == 1);
  }

  SECTION("Zalo: no interaction in 7 days (-230)") {
    const std::string user = UniqueId();
    REQUIRE(rig.ZaloText(user, NewMsgId(), "Lòng đường bị đào bới không hoàn trả") == 200);
    REQUIRE(WaitUntil([&] { return !rig.ZaloMessagesTo(user).empty(); }, kDeliver));
    RequireDrained(rig);
    const std::string code = ZaloAckCode(rig, user);
    auto c = rig.CaseByCode(code);
    REQUIRE(c);
    rig.zalo().ForceErrorNext(-230, 1);
    REQUIRE(rig.Reply((*c)["id"].get<long long>(), answer, true) == 202);
    RequireDrained(rig);
    c = rig.CaseByCode(code);
    INFO(c->dump(2));
    CHECK(OutboxRow(*c, "reply")["state"] == "failed");
    CHECK((*c)["delivery_note"].get<std::string>().find("Zalo") != std::string::npos);
    CHECK((*c)["delivery_note"].get<std::string>().find("-230") != std::string::npos);
    CHECK(rig.ZaloMessagesTo(user).size() == 1);
    auto [status, t] = rig.Track(code);
    REQUIRE(status == 200);
    CHECK(t["resolution"] == answer);
    CHECK(t["channel_note"].is_string());
  }

  SECTION("Zalo: the resident blocked the OA (-217) before the acknowledgement") {
    const std::string user = UniqueId();
    rig.zalo().BlockUser(user, -217);
    REQUIRE(rig.ZaloText(user, NewMsgId(), "Hàng quán lấn chiếm vỉa hè đường Khâm Thiên") == 200);
    REQUIRE(WaitUntil([&] { return rig.CaseCount() == 1; }, kDeliver));
    RequireDrained(rig);
    auto list = rig.ListCases();
    REQUIRE(list.size() == 1);
    const long long id = list[0]["id"].get<long long>();
    const std::string code = list[0]["tracking_code"].get<std::string>();
    json c = rig.Case(id);
    CHECK(OutboxRow(c, "ack")["state"] == "failed");
    CHECK(c["delivery_note"].get<std::string>().find("-217") != std::string::npos);
    CHECK(rig.zalo().send_calls() == 1);
    auto [s1, before] = rig.Track(code);
    CHECK(s1 == 200);
    CHECK(before["channel_note"].is_null());  // nothing to point at yet
    REQUIRE(rig.Reply(id, answer, true) == 202);
    RequireDrained(rig);
    CHECK(OutboxRow(rig.Case(id), "reply")["state"] == "failed");
    auto [s2, after] = rig.Track(code);
    CHECK(s2 == 200);
    CHECK(after["resolution"] == answer);
    CHECK(after["channel_note"].is_string());
    CHECK(rig.zalo().Messages().empty());
  }
}

TEST_CASE("rate-limit answers are retried later and delivered once", "[integration][zalo][facebook]") {
  ChannelRig rig("rate-limit");
  rig.zalo().RateLimitNext(3);  // -32 three times
  const std::string user = UniqueId();
  REQUIRE(rig.ZaloText(user, NewMsgId(), "Xe tải chở vật liệu rơi vãi trên đường") == 200);
  INFO(rig.HubLog());
  REQUIRE(WaitUntil([&] { return !rig.ZaloMessagesTo(user).empty(); }, kDeliver));

  rig.fb().RateLimitNext(2);  // 613 with X-Business-Use-Case-Usage twice
  const std::string psid = UniqueId(6500000000000000ULL);
  rig.fb().RecordInteraction(psid);
  sim::FacebookEvents fb(kFbPageId);
  fb.Text(psid, NewMsgId("m"), "Biển báo giao thông bị đổ ở ngã tư", sim::NowMs());
  REQUIRE(rig.PostFacebook(fb.Build()).status == 200);
  REQUIRE(WaitUntil([&] { return !rig.FbMessagesTo(psid).empty(); }, kDeliver));
  RequireDrained(rig);

  CHECK(rig.ZaloMessagesTo(user).size() == 1);
  CHECK(rig.zalo().send_calls() == 4);
  CHECK(rig.FbMessagesTo(psid).size() == 1);
  CHECK(rig.fb().send_calls() == 3);
  const std::string m = rig.Metrics();
  CHECK(MetricValue(m, R"(wardline_deliveries_total{channel="zalo",result="retry"})") == 3);
  CHECK(MetricValue(m, R"(wardline_deliveries_total{channel="facebook",result="retry"})") == 2);
  auto c = rig.CaseByCode(ZaloAckCode(rig, user));
  REQUIRE(c);
  json row = OutboxRow(*c, "ack");
  CHECK(row["state"] == "sent");
  CHECK(row["attempts"] == 4);
}

// A dispatcher must never send on a lease that may lapse mid-call: another dispatcher thread
// (or hub) could own the row by then and send it again. Scaled down: a 2 s lease, Zalo answering
// in 250 ms, 16 acknowledgements queued at once (4 s of sending for one batch). The dispatcher
// stops before its lease runs short and leaves the rest to be reclaimed, so each resident gets
// exactly one acknowledgement.
TEST_CASE("a slow platform does not make two dispatcher threads send the same acknowledgement",
          "[integration][zalo][lease]") {
  RigOptions opts;
  opts.hub.lease_seconds = 2;
  opts.hub.total_timeout_ms = 500;
  ChannelRig rig("slow-lease", opts);
  rig.zalo().SetDelayMs(250);  // slow, but inside the 0.5 s send timeout
  const int n = 16;            // 4 s of sending at 250 ms each, under a 2 s lease
  std::vector<std::string> users;
  for (int i = 0; i < n; ++i) users.push_back(UniqueId());
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = t; i < n; i += 8) {
        if (rig.ZaloText(users[i], NewMsgId(), "Đèn đường ngõ " + std::to_string(i) + " hỏng") == 200) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  REQUIRE(ok == n);
  INFO(rig.HubLog());
  REQUIRE(WaitUntil([&] {
    for (const auto& u : users) {
      if (rig.ZaloMessagesTo(u).empty()) return false;
    }
    return rig.Drained();
  }, 60s, 100ms));
  int duplicates = 0;
  for (const auto& u : users) duplicates += static_cast<int>(rig.ZaloMessagesTo(u).size()) - 1;
  INFO("Zalo send calls: " << rig.zalo().send_calls());
  CHECK(duplicates == 0);
  CHECK(rig.zalo().send_calls() == n);
  rig.zalo().SetDelayMs(0);
}
