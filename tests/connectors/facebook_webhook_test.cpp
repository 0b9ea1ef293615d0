// Facebook webhook: handshake, X-Hub-Signature-256, messaging and feed parsing.
#include <catch2/catch.hpp>

#include "connectors/facebook/facebook_webhook.h"
#include "tests/sim/webhook_sender.h"

namespace fb = wardline::connectors::facebook;
namespace sim = wardline::sim;
using wardline::ErrorCode;

namespace {

constexpr const char* kPage = "109876543210987";
constexpr const char* kPsid = "6543210987654321";
constexpr wardline::EpochMs kTs = 1735718400321;

wardline::FacebookConfig Config() {
  wardline::FacebookConfig c;
  c.page_id = kPage;
  c.app_secret = "fb-app-secret";
  c.verify_token = "verify-me";
  return c;
}

}  // namespace

TEST_CASE("Facebook handshake echoes the challenge only for the right token", "[facebook]") {
  const auto cfg = Config();
  CHECK(fb::VerifyHandshake("subscribe", "verify-me", "1158201444", cfg) ==
        std::optional<std::string>("1158201444"));
  CHECK_FALSE(fb::VerifyHandshake("subscribe", "wrong", "1", cfg));
  CHECK_FALSE(fb::VerifyHandshake("unsubscribe", "verify-me", "1", cfg));
  CHECK_FALSE(fb::VerifyHandshake("subscribe", "", "1", cfg));
  auto empty = cfg;
  empty.verify_token.clear();
  CHECK_FALSE(fb::VerifyHandshake("subscribe", "", "1", empty));
}

TEST_CASE("Facebook signature over Meta's escaped bytes", "[facebook][signature]") {
  const auto cfg = Config();
  sim::FacebookEvents events(kPage);
  events.Text(kPsid, "m_1", "Rác chưa được thu gom ở phường 5 😡", kTs);
  const std::string body = events.Build();
  REQUIRE(body.find("\\u00e1") != std::string::npos);   // á escaped, lower-case hex
  REQUIRE(body.find("\\ud83d\\ude21") != std::string::npos);  // emoji as a surrogate pair
  const std::string good = sim::FacebookSignature(cfg.app_secret, body);

  CHECK(fb::VerifySignature(body, good, cfg).ok());
  CHECK(fb::ComputeSignature(cfg.app_secret, body) == good);

  SECTION("re-serialised JSON (unescaped UTF-8) no longer matches") {
    const std::string reserialised = events.Document().dump();
    CHECK_FALSE(fb::VerifySignature(reserialised, good, cfg).ok());
  }
  SECTION("forged") {
    auto s = fb::VerifySignature(body, sim::FacebookSignature("other-secret", body), cfg);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == ErrorCode::kPermissionDenied);
  }
  SECTION("missing") {
    auto s = fb::VerifySignature(body, "", cfg);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == ErrorCode::kUnauthenticated);
  }
  SECTION("malformed or legacy sha1") {
    CHECK_FALSE(fb::VerifySignature(body, "sha1=" + good.substr(7), cfg).ok());
    CHECK_FALSE(fb::VerifySignature(body, good.substr(7), cfg).ok());
    CHECK_FALSE(fb::VerifySignature(body, "sha256=zz", cfg).ok());
  }
  SECTION("no app secret configured") {
    auto empty = cfg;
    empty.app_secret.clear();
    CHECK_FALSE(fb::VerifySignature(body, sim::FacebookSignature("", body), empty).ok());
  }
}

TEST_CASE("Facebook parser: several entries, every messaging kind", "[facebook][parse]") {
  sim::FacebookEvents events(kPage);
  events.Text(kPsid, "m_text", "Cống thoát nước bị tắc", kTs)
      .Image(kPsid, "m_img", "https://scontent.example/abc.jpg", kTs + 1)
      .Echo(kPsid, "m_echo", "Cảm ơn bạn", kTs + 2)
      .Delivery(kPsid, "m_echo", kTs + 3)
      .NewEntry()
      .Location("7777", "m_loc", 21.0278, 105.8342, kTs + 4)
      .Read("7777", kTs + 5)
      .Standby("8888", "m_standby", "Tin nhắn khi app khác giữ hội thoại", kTs + 6);
  auto r = fb::ParseEvent(events.Build());
  REQUIRE(r.ok());
  REQUIRE(r->messages.size() == 4);

  const auto& text = r->messages[0];
  CHECK(text.channel == wardline::ChannelKind::kFacebook);
  CHECK(text.kind == "text");
  CHECK(text.text == "Cống thoát nước bị tắc");  // \u escapes decoded
  CHECK(text.external_id == "m_text");
  CHECK(text.sender_id == kPsid);
  CHECK(text.recipient_id == kPage);
  CHECK(text.sent_at == kTs);
  CHECK(text.reply_ref.empty());

  const auto& image = r->messages[1];
  CHECK(image.kind == "image");
  REQUIRE(image.attachments.size() == 1);
  CHECK(image.attachments[0].url == "https://scontent.example/abc.jpg");  // "\/" decoded

  const auto& loc = r->messages[2];
  CHECK(loc.kind == "location");
  CHECK(loc.sender_id == "7777");
  REQUIRE(loc.location.has_value());
  CHECK(loc.location->lat == Approx(21.0278));
  CHECK(loc.location->lon == Approx(105.8342));

  CHECK(r->messages[3].external_id == "m_standby");
  CHECK(r->ignored == std::vector<std::string>{"ignored: echo", "ignored: delivery", "ignored: read"});
}

TEST_CASE("Facebook parser: feed comments", "[facebook][parse]") {
  sim::FacebookEvents events(kPage);
  const std::string post = std::string(kPage) + "_555000111";
  events.Comment("555000111_777888999", post, "4455667788", "Trần Thị B", "Cống thoát nước bị tắc",
                 "add", 1735718499)
      .Comment("555000111_1", post, kPage, "Phường 5", "Chúng tôi đã tiếp nhận")  // page's own
      .Comment("555000111_2", post, "4455667788", "Trần Thị B", "sửa", "edited")
      .Comment("555000111_3", post, "4455667788", "Trần Thị B", "", "remove")
      .NewEntry()
      .Comment("555000111_4", post, "99", "Nguyễn Văn A", "Đường ngập");
  auto r = fb::ParseEvent(events.Build());
  REQUIRE(r.ok());
  REQUIRE(r->messages.size() == 2);
  const auto& c = r->messages[0];
  CHECK(c.kind == "comment");
  CHECK(c.external_id == "555000111_777888999");
  CHECK(c.reply_ref == "555000111_777888999");
  CHECK(c.sender_id == "4455667788");
  CHECK(c.sender_name == "Trần Thị B");
  CHECK(c.recipient_id == kPage);
  CHECK(c.text == "Cống thoát nước bị tắc");
  CHECK(c.sent_at == 1735718499000);
  CHECK(r->messages[1].external_id == "555000111_4");
  CHECK(r->ignored == std::vector<std::string>{"ignored: page's own comment", "ignored: comment edited",
                                               "ignored: comment remove"});
}

TEST_CASE("Facebook parser: the documented example payloads", "[facebook][parse]") {
  const std::string message = R"({"object":"page","entry":[{"id":"109876543210987","time":1735718400500,"messaging":[{
 "sender":{"id":"6543210987654321"},"recipient":{"id":"109876543210987"},"timestamp":1735718400321,
 "message":{"mid":"m_Xk3Jd9fQ2pLw","text":"Rác chưa được thu gom ở phường 5",
  "attachments":[{"type":"image","payload":{"url":"https://scontent.example/abc.jpg"}}]}}]}]})";
  auto r = fb::ParseEvent(message);
  REQUIRE(r.ok());
  REQUIRE(r->messages.size() == 1);
  CHECK(r->messages[0].kind == "image");
  CHECK(r->messages[0].text == "Rác chưa được thu gom ở phường 5");

  const std::string comment = R"({"object":"page","entry":[{"id":"109876543210987","time":1735718500,"changes":[{"field":"feed","value":{
 "item":"comment","verb":"add","post_id":"109876543210987_555000111","comment_id":"555000111_777888999",
 "parent_id":"109876543210987_555000111","from":{"id":"4455667788","name":"Trần Thị B"},
 "message":"Cống thoát nước bị tắc","created_time":1735718499}}]}]})";
  r = fb::ParseEvent(comment);
  REQUIRE(r.ok());
  REQUIRE(r->messages.size() == 1);
  CHECK(r->messages[0].reply_ref == "555000111_777888999");
}

TEST_CASE("Facebook parser: other objects and odd shapes", "[facebook][parse]") {
  auto r = fb::ParseEvent(R"({"object":"instagram","entry":[]})");
  REQUIRE(r.ok());
  CHECK(r->ignored == std::vector<std::string>{"ignored: object instagram"});

  r = fb::ParseEvent(R"({"object":"page","entry":[1,{"id":"p","messaging":[{"message":{"text":"no sender"}}],
    "changes":[{"field":"feed","value":{"item":"reaction","verb":"add"}},{"field":"mention","value":{}}]}]})");
  REQUIRE(r.ok());
  CHECK(r->messages.empty());
  CHECK(r->ignored.size() == 4);

  auto bad = fb::ParseEvent(R"({"object":"page"})");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::kInvalidArgument);
}
