// Zalo webhook: signature verification and event parsing.
#include <catch2/catch.hpp>

#include "connectors/zalo/zalo_webhook.h"
#include "tests/sim/webhook_sender.h"

namespace zalo = wardline::connectors::zalo;
namespace sim = wardline::sim;
using wardline::ErrorCode;

namespace {

constexpr wardline::EpochMs kNow = 1735718400123;
constexpr const char* kUser = "2468000011112222333";

wardline::ZaloConfig Config() {
  wardline::ZaloConfig c;
  c.app_id = "4041286612345678901";
  c.oa_id = "5790000044445555666";
  c.oa_secret = "oa-secret-key";
  c.max_timestamp_skew_seconds = 300;
  return c;
}

sim::ZaloEvents Events() { return sim::ZaloEvents{"4041286612345678901", "5790000044445555666"}; }

wardline::InboundMessage One(const std::string& body) {
  auto r = zalo::ParseEvent(body);
  REQUIRE(r.ok());
  REQUIRE(r->messages.size() == 1);
  CHECK(r->ignored.empty());
  return r->messages[0];
}

}  // namespace

TEST_CASE("Zalo signature: good, forged, missing, malformed, stale", "[zalo][signature]") {
  const auto cfg = Config();
  const std::string body = Events().Text(kUser, "msg1", "Đèn đường ngõ 12 hỏng", kNow);
  const std::string ts = std::to_string(kNow);
  const std::string good = sim::ZaloMac(cfg.app_id, body, ts, cfg.oa_secret);

  SECTION("good signature over the body timestamp") {
    CHECK(zalo::VerifySignature(body, good, std::nullopt, cfg, kNow + 1000).ok());
    CHECK(zalo::ComputeSignature(cfg.app_id, body, ts, cfg.oa_secret) == good);
  }
  SECTION("upper-case hex and surrounding spaces are accepted") {
    std::string upper = good;
    for (std::size_t i = 4; i < upper.size(); ++i) upper[i] = static_cast<char>(std::toupper(upper[i]));
    CHECK(zalo::VerifySignature(body, " " + upper + " ", std::nullopt, cfg, kNow).ok());
  }
  SECTION("the X-ZEvent-Timestamp header wins over the body field") {
    const std::string header_ts = std::to_string(kNow + 5);
    const std::string mac = sim::ZaloMac(cfg.app_id, body, header_ts, cfg.oa_secret);
    CHECK(zalo::VerifySignature(body, mac, header_ts, cfg, kNow).ok());
    CHECK_FALSE(zalo::VerifySignature(body, good, header_ts, cfg, kNow).ok());
  }
  SECTION("forged: wrong secret") {
    const std::string forged = sim::ZaloMac(cfg.app_id, body, ts, "not-the-secret");
    auto s = zalo::VerifySignature(body, forged, std::nullopt, cfg, kNow);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == ErrorCode::kPermissionDenied);
  }
  SECTION("forged: body changed by one byte") {
    std::string tampered = body;
    tampered[tampered.find("12")] = '9';
    CHECK_FALSE(zalo::VerifySignature(tampered, good, std::nullopt, cfg, kNow).ok());
  }
  SECTION("forged: HMAC instead of plain sha256") {
    const std::string hmac = "mac=" + sim::SimHmacSha256Hex(cfg.oa_secret, cfg.app_id + body + ts);
    CHECK_FALSE(zalo::VerifySignature(body, hmac, std::nullopt, cfg, kNow).ok());
  }
  SECTION("missing header") {
    auto s = zalo::VerifySignature(body, "", std::nullopt, cfg, kNow);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == ErrorCode::kUnauthenticated);
  }
  SECTION("malformed headers") {
    for (const std::string& bad : std::vector<std::string>{"mac=", "mac=xyz", "sha256=" + good.substr(4), good.substr(4),
                            "mac=" + good.substr(4, 63), "mac=" + good.substr(4) + "0"}) {
      auto s = zalo::VerifySignature(body, bad, std::nullopt, cfg, kNow);
      REQUIRE_FALSE(s.ok());
      CHECK(s.error().code == ErrorCode::kPermissionDenied);
    }
  }
  SECTION("stale timestamp: correctly signed but older than the skew allowance") {
    auto s = zalo::VerifySignature(body, good, std::nullopt, cfg, kNow + 301 * 1000);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message.find("stale") != std::string::npos);
    CHECK(zalo::VerifySignature(body, good, std::nullopt, cfg, kNow + 299 * 1000).ok());
    CHECK_FALSE(zalo::VerifySignature(body, good, std::nullopt, cfg, kNow - 301 * 1000).ok());
  }
  SECTION("no secret configured: nothing verifies") {
    auto empty = cfg;
    empty.oa_secret.clear();
    const std::string mac = sim::ZaloMac(cfg.app_id, body, ts, "");
    CHECK_FALSE(zalo::VerifySignature(body, mac, std::nullopt, empty, kNow).ok());
  }
  SECTION("a body that is not JSON and no header timestamp cannot be verified") {
    CHECK_FALSE(zalo::VerifySignature("not json", good, std::nullopt, cfg, kNow).ok());
  }
}

TEST_CASE("Zalo parser: user_send_text keeps ids as strings", "[zalo][parse]") {
  const auto m = One(Events().Text(kUser, "a1b2c3d4e5f60718293a", "Đèn đường ngõ 12 hỏng 3 ngày", kNow));
  CHECK(m.channel == wardline::ChannelKind::kZalo);
  CHECK(m.kind == "text");
  CHECK(m.external_id == "a1b2c3d4e5f60718293a");
  CHECK(m.sender_id == kUser);
  CHECK(m.recipient_id == "5790000044445555666");
  CHECK(m.text == "Đèn đường ngõ 12 hỏng 3 ngày");
  CHECK(m.sent_at == kNow);
}

TEST_CASE("Zalo parser: numeric ids above 2^53 are kept exactly", "[zalo][parse]") {
  const std::string body =
      R"({"app_id":4041286612345678901,"event_name":"user_send_text","timestamp":1735718400123,)"
      R"("sender":{"id":18446744073709551615},"recipient":{"id":5790000044445555666},)"
      R"("message":{"msg_id":"x1","text":"hi"}})";
  const auto m = One(body);
  CHECK(m.sender_id == "18446744073709551615");
  CHECK(m.recipient_id == "5790000044445555666");
  CHECK(m.sent_at == kNow);
}

TEST_CASE("Zalo parser: attachments of every type", "[zalo][parse]") {
  const auto ev = Events();
  SECTION("image with caption") {
    const auto m = One(ev.Image(kUser, "img1", "https://zalo.example/a.jpg", "Ổ gà", kNow));
    CHECK(m.kind == "image");
    CHECK(m.text == "Ổ gà");
    REQUIRE(m.attachments.size() == 1);
    CHECK(m.attachments[0].type == "image");
    CHECK(m.attachments[0].url == "https://zalo.example/a.jpg");
  }
  SECTION("file keeps its name") {
    const auto m = One(ev.File(kUser, "f1", "https://zalo.example/d.pdf", "don-khieu-nai.pdf", kNow));
    CHECK(m.kind == "file");
    REQUIRE(m.attachments.size() == 1);
    CHECK(m.attachments[0].name == "don-khieu-nai.pdf");
  }
  for (const char* type : {"sticker", "gif", "link", "audio", "video"}) {
    DYNAMIC_SECTION("user_send_" << type) {
      const auto m = One(ev.Attachment(type, kUser, std::string("m-") + type,
                                       std::string("https://zalo.example/") + type, kNow));
      CHECK(m.kind == type);
      REQUIRE(m.attachments.size() == 1);
      CHECK(m.attachments[0].type == type);
      CHECK(m.attachments[0].url == std::string("https://zalo.example/") + type);
    }
  }
}

TEST_CASE("Zalo parser: location in every coordinate shape, strings or numbers", "[zalo][parse]") {
  const auto ev = Events();
  using Shape = sim::ZaloLocationShape;
  for (Shape shape : {Shape::kCoordinatesLatitude, Shape::kCoordinatesLatLong, Shape::kMessageLocation}) {
    for (bool as_strings : {true, false}) {
      DYNAMIC_SECTION("shape " << static_cast<int>(shape) << " strings " << as_strings) {
        const auto m = One(ev.Location(kUser, "loc1", 21.0278, 105.8342, shape, as_strings, kNow));
        CHECK(m.kind == "location");
        REQUIRE(m.location.has_value());
        CHECK(m.location->lat == Approx(21.0278));
        CHECK(m.location->lon == Approx(105.8342));
      }
    }
  }
  SECTION("garbage coordinates: still a location message, without a point") {
    const std::string body =
        R"({"app_id":"1","event_name":"user_send_location","timestamp":"1","sender":{"id":"u"},)"
        R"("recipient":{"id":"oa"},"message":{"msg_id":"l2","attachments":[{"type":"location",)"
        R"("payload":{"coordinates":{"latitude":"north","longitude":"999"}}}]}})";
    const auto m = One(body);
    CHECK(m.kind == "location");
    CHECK_FALSE(m.location.has_value());
  }
}

TEST_CASE("Zalo parser: follow and unfollow", "[zalo][parse]") {
  const auto f = One(Events().Follow(kUser, true, kNow));
  CHECK(f.kind == "follow");
  CHECK(f.sender_id == kUser);
  CHECK(f.recipient_id == "5790000044445555666");
  CHECK(f.external_id == "follow:" + std::string(kUser) + ":" + std::to_string(kNow));
  const auto u = One(Events().Follow(kUser, false, kNow));
  CHECK(u.kind == "unfollow");
}

TEST_CASE("Zalo parser: echoes, receipts and unknown events are recognised and ignored",
          "[zalo][parse]") {
  const auto ev = Events();
  auto check_ignored = [](const std::string& body, const std::string& expected) {
    auto r = zalo::ParseEvent(body);
    REQUIRE(r.ok());
    CHECK(r->messages.empty());
    REQUIRE(r->ignored.size() == 1);
    CHECK(r->ignored[0] == expected);
  };
  check_ignored(ev.OaEcho(kUser, "echo1", "Cảm ơn", kNow), "ignored: oa_send_text");
  check_ignored(ev.Custom("user_seen_message", kUser, "s1", "", kNow), "ignored: user_seen_message");
  check_ignored(ev.Custom("user_send_business_card", kUser, "b1", "", kNow),
                "ignored: user_send_business_card");
  check_ignored(ev.Custom("brand_new_event_2027", kUser, "n1", "x", kNow),
                "ignored: brand_new_event_2027");
  check_ignored("{}", "ignored: empty probe");
  auto r = zalo::ParseEvent(ev.OaEcho(kUser, "echo1", "Cảm ơn", kNow));
  CHECK(r->Summary() == "0 messages; ignored: oa_send_text");
}

TEST_CASE("Zalo parser: clear errors for unusable bodies", "[zalo][parse]") {
  auto expect_error = [](const std::string& body, const std::string& fragment) {
    auto r = zalo::ParseEvent(body);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kInvalidArgument);
    INFO(r.error().message);
    CHECK(r.error().message.find(fragment) != std::string::npos);
  };
  expect_error("", "empty body");
  expect_error(R"({"event_name":"user_send_text","message":{"msg_id":"1"})", "truncated JSON");
  expect_error(R"({"event_name": user_send_text})", "malformed JSON");
  expect_error("[1,2]", "JSON object");
  expect_error("{\"event_name\":\"user_send_text\",\"message\":{\"text\":\"\xC3\"}}", "invalid UTF-8");
  expect_error(R"({"event_name":"user_send_text","message":{"text":"\xC3"}})", "malformed JSON at byte");
  expect_error(R"({"app_id":"1"})", "without event_name");
  expect_error(R"({"event_name":42})", "not a string");
  expect_error(R"({"event_name":"user_send_text","sender":{"id":"u"},"message":{"text":"x"}})",
               "msg_id");
  expect_error(R"({"event_name":"user_send_text","message":{"msg_id":"1","text":"x"}})", "sender.id");
  expect_error(R"({"event_name":"user_send_text","sender":{"id":"u"}})", "message object");
  expect_error(R"({"event_name":"follow","oa_id":"1"})", "follower.id");
}
