// ZaloSender + ZaloTokenManager against the Zalo simulator over real loopback HTTP.
#include <catch2/catch.hpp>

#include "connectors/common/curl_http_client.h"
#include "connectors/common/text.h"
#include "connectors/zalo/zalo_sender.h"
#include "tests/connectors/http_test_util.h"
#include "tests/fakes/fake_token_store.h"
#include "tests/sim/zalo_sim.h"

namespace zalo = wardline::connectors::zalo;
namespace sim = wardline::sim;
using wardline::DeliveryContext;
using wardline::DeliveryOutcome;
using wardline::OutboxItem;

namespace {

constexpr const char* kUser = "2468000011112222333";

struct ZaloFixture {
  sim::ZaloSim sim;
  wardline::ZaloConfig cfg;
  wardline::OutboxConfig outbox;
  wardline::connectors::common::CurlHttpClient http;
  wardline::fakes::FakeTokenStore store;
  wardline::SystemClock clock;
  zalo::ZaloTokenManager tokens{cfg, store, http, clock};
  zalo::ZaloSender sender{cfg, outbox, http, tokens};

  ZaloFixture() {
    REQUIRE(sim.Start() > 0);
    cfg.app_id = "4041286612345678901";
    cfg.app_secret = "zalo-app-secret";
    cfg.access_token = "zalo-access-0";
    cfg.refresh_token = "zalo-refresh-0";
    cfg.api_base = sim.base_url();
    cfg.oauth_base = sim.base_url();
    outbox.connect_timeout_ms = 1000;
    outbox.total_timeout_ms = 2000;
  }
  // Members die in reverse order: the client closes its connections before the simulator
  // stops, so the server does not wait out keep-alive.
  ~ZaloFixture() = default;

  static OutboxItem Item(const std::string& text, const std::string& to = kUser) {
    OutboxItem item;
    item.id = 1;
    item.channel = wardline::ChannelKind::kZalo;
    item.recipient = to;
    item.purpose = "ack";
    item.text = text;
    return item;
  }
  DeliveryContext Ctx() const {
    DeliveryContext ctx;
    ctx.now = clock.NowMs();
    ctx.last_inbound_at = ctx.now - 60000;
    return ctx;
  }
};

}  // namespace

TEST_CASE("Zalo: a reply is delivered once with the access_token header", "[http][zalo]") {
  ZaloFixture f;
  f.sim.RecordInteraction(kUser);
  auto r = f.sender.Send(ZaloFixture::Item("Phường đã tiếp nhận phản ánh. Mã: KL-7F3Q"), f.Ctx());
  REQUIRE(r.outcome == DeliveryOutcome::kDelivered);
  const auto messages = f.sim.Messages();
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].user_id == kUser);
  CHECK(messages[0].text == "Phường đã tiếp nhận phản ánh. Mã: KL-7F3Q");
  CHECK(messages[0].access_token == "zalo-access-0");
  CHECK(r.platform_message_id == messages[0].message_id);
  CHECK(r.platform_message_id.size() == 20);
}

TEST_CASE("Zalo: long replies are shortened to 2000 characters", "[http][zalo]") {
  ZaloFixture f;
  f.sim.RecordInteraction(kUser);
  std::string text;
  while (wardline::connectors::common::Utf8Length(text) < 3000) text += "Trả lời chi tiết của phường. ";
  auto r = f.sender.Send(ZaloFixture::Item(text), f.Ctx());
  REQUIRE(r.outcome == DeliveryOutcome::kDelivered);
  const auto sent = f.sim.Messages().at(0).text;
  CHECK(wardline::connectors::common::Utf8Length(sent) <= 2000);
  CHECK(sent.substr(sent.size() - 3) == "\xE2\x80\xA6");
}

TEST_CASE("Zalo: transient failures are retried, nothing is recorded twice", "[http][zalo]") {
  ZaloFixture f;
  f.sim.RecordInteraction(kUser);
  SECTION("5xx") {
    f.sim.FailNext5xx(2);
    CHECK(f.sender.Send(ZaloFixture::Item("a"), f.Ctx()).outcome == DeliveryOutcome::kRetry);
    auto r = f.sender.Send(ZaloFixture::Item("a"), f.Ctx());
    CHECK(r.outcome == DeliveryOutcome::kRetry);
    CHECK(r.error.find("503") != std::string::npos);
    CHECK(f.sender.Send(ZaloFixture::Item("a"), f.Ctx()).outcome == DeliveryOutcome::kDelivered);
    CHECK(f.sim.Messages().size() == 1);
  }
  SECTION("dropped connection") {
    f.sim.DropNext(1);
    CHECK(f.sender.Send(ZaloFixture::Item("a"), f.Ctx()).outcome == DeliveryOutcome::kRetry);
    CHECK(f.sender.Send(ZaloFixture::Item("a"), f.Ctx()).outcome == DeliveryOutcome::kDelivered);
  }
  SECTION("timeout") {
    f.outbox.total_timeout_ms = 200;
    f.sim.SetDelayMs(1000);
    auto r = f.sender.Send(ZaloFixture::Item("a"), f.Ctx());
    CHECK(r.outcome == DeliveryOutcome::kRetry);
    CHECK(r.error.find("deadline") != std::string::npos);
    f.sim.SetDelayMs(0);
  }
  SECTION("platform down") {
    f.sim.Stop();
    auto r = f.sender.Send(ZaloFixture::Item("a"), f.Ctx());
    CHECK(r.outcome == DeliveryOutcome::kRetry);
  }
}

TEST_CASE("Zalo: rate limit -32 is retried after a delay", "[http][zalo]") {
  ZaloFixture f;
  f.sim.RecordInteraction(kUser);
  f.sim.RateLimitNext(1);
  auto r = f.sender.Send(ZaloFixture::Item("a"), f.Ctx());
  CHECK(r.outcome == DeliveryOutcome::kRetry);
  CHECK(r.error.find("-32") != std::string::npos);
  REQUIRE(r.retry_after_ms.has_value());
  CHECK(*r.retry_after_ms == 60000);
  CHECK(f.sender.Send(ZaloFixture::Item("a"), f.Ctx()).outcome == DeliveryOutcome::kDelivered);

  zalo::ZaloSender fast(f.cfg, f.outbox, f.http, f.tokens, zalo::ZaloSender::Options{1500});
  f.sim.RateLimitNext(1);
  r = fast.Send(ZaloFixture::Item("a"), f.Ctx());
  CHECK(r.retry_after_ms == std::optional<long long>(1500));
}

TEST_CASE("Zalo: the per-minute rate counter answers -32 with rate headers", "[http][zalo]") {
  sim::ZaloSimOptions options;
  options.rate_limit_per_minute = 3;
  sim::ZaloSim limited(options);
  REQUIRE(limited.Start() > 0);
  ZaloFixture f;
  f.cfg.api_base = limited.base_url();
  limited.RecordInteraction(kUser);
  int delivered = 0, retried = 0;
  for (int i = 0; i < 5; ++i) {
    auto r = f.sender.Send(ZaloFixture::Item("a"), f.Ctx());
    delivered += r.outcome == DeliveryOutcome::kDelivered;
    retried += r.outcome == DeliveryOutcome::kRetry;
  }
  CHECK(delivered == 3);
  CHECK(retried == 2);
}

TEST_CASE("Zalo: an expired token gives kTokenExpired, is refreshed, and the retry delivers",
          "[http][zalo]") {
  ZaloFixture f;
  f.sim.RecordInteraction(kUser);
  REQUIRE(f.sender.Send(ZaloFixture::Item("first"), f.Ctx()).outcome == DeliveryOutcome::kDelivered);
  f.sim.ExpireToken();
  auto r = f.sender.Send(ZaloFixture::Item("second"), f.Ctx());
  CHECK(r.outcome == DeliveryOutcome::kTokenExpired);
  CHECK(r.error.find("-220") != std::string::npos);
  CHECK(f.sim.refresh_calls() == 1);
  // The new pair was committed to the store before use.
  auto stored = f.store.Get("zalo");
  REQUIRE(stored.ok());
  CHECK(stored->access_token == f.sim.current_access_token());
  CHECK(stored->refresh_token == f.sim.current_refresh_token());
  CHECK(stored->expires_at > f.clock.NowMs() + 80000 * 1000LL);

  r = f.sender.Send(ZaloFixture::Item("second"), f.Ctx());
  REQUIRE(r.outcome == DeliveryOutcome::kDelivered);
  const auto messages = f.sim.Messages();
  REQUIRE(messages.size() == 2);
  CHECK(messages[1].access_token == f.sim.current_access_token());
  CHECK(f.sim.refresh_calls() == 1);
}

TEST_CASE("Zalo: an unknown token (-216) and -124 are token errors too", "[http][zalo]") {
  ZaloFixture f;
  f.sim.RecordInteraction(kUser);
  f.cfg.access_token = "never-issued";
  auto r = f.sender.Send(ZaloFixture::Item("x"), f.Ctx());
  CHECK(r.outcome == DeliveryOutcome::kTokenExpired);
  CHECK(f.sender.Send(ZaloFixture::Item("x"), f.Ctx()).outcome == DeliveryOutcome::kDelivered);
  f.sim.ForceErrorNext(-124);
  CHECK(f.sender.Send(ZaloFixture::Item("x"), f.Ctx()).outcome == DeliveryOutcome::kTokenExpired);
}

TEST_CASE("Zalo: permanent refusals carry a readable reason", "[http][zalo]") {
  ZaloFixture f;
  SECTION("never interacted: -232") {
    auto r = f.sender.Send(ZaloFixture::Item("x"), f.Ctx());
    CHECK(r.outcome == DeliveryOutcome::kPermanent);
    CHECK(r.error.find("-232") != std::string::npos);
  }
  SECTION("last interaction 8 days ago: -230") {
    f.sim.RecordInteraction(kUser, sim::NowMs() - 8LL * 86400000);
    auto r = f.sender.Send(ZaloFixture::Item("x"), f.Ctx());
    CHECK(r.outcome == DeliveryOutcome::kPermanent);
    CHECK(r.error == "user has not interacted with the OA in the last 7 days (-230)");
  }
  SECTION("blocked the OA: -217") {
    f.sim.RecordInteraction(kUser);
    f.sim.BlockUser(kUser, -217);
    auto r = f.sender.Send(ZaloFixture::Item("x"), f.Ctx());
    CHECK(r.outcome == DeliveryOutcome::kPermanent);
    CHECK(r.error.find("blocked") != std::string::npos);
  }
  for (int code : {-213, -227, -244, -201}) {
    DYNAMIC_SECTION("forced " << code) {
      f.sim.RecordInteraction(kUser);
      f.sim.ForceErrorNext(code);
      auto r = f.sender.Send(ZaloFixture::Item("x"), f.Ctx());
      CHECK(r.outcome == DeliveryOutcome::kPermanent);
      CHECK(r.error.find(std::to_string(code)) != std::string::npos);
    }
  }
  SECTION("no recipient: refused without calling Zalo") {
    auto r = f.sender.Send(ZaloFixture::Item("x", ""), f.Ctx());
    CHECK(r.outcome == DeliveryOutcome::kPermanent);
    CHECK(f.sim.send_calls() == 0);
  }
}

TEST_CASE("Zalo: HTTP-level answers a simulator does not give", "[zalo]") {
  wardline::ZaloConfig cfg;
  cfg.access_token = "tok";
  cfg.refresh_token = "ref";
  cfg.api_base = "http://zalo.invalid";
  wardline::OutboxConfig outbox;
  wardline::testing::ScriptedHttpClient http;
  wardline::fakes::FakeTokenStore store;
  wardline::FakeClock clock(1735718400000);
  zalo::ZaloTokenManager tokens(cfg, store, http, clock);
  zalo::ZaloSender sender(cfg, outbox, http, tokens);
  OutboxItem item;
  item.recipient = "u";
  item.text = "x";
  DeliveryContext ctx{clock.NowMs(), clock.NowMs()};

  http.PushResponse(429, "", {{"retry-after", "5"}});
  auto r = sender.Send(item, ctx);
  CHECK(r.outcome == DeliveryOutcome::kRetry);
  CHECK(r.retry_after_ms == std::optional<long long>(5000));

  http.PushResponse(200, "<html>gateway</html>");
  CHECK(sender.Send(item, ctx).outcome == DeliveryOutcome::kRetry);

  http.PushResponse(502, "", {{"retry-after", "Wed, 01 Jan 2025 08:00:30 GMT"}});
  r = sender.Send(item, ctx);
  CHECK(r.outcome == DeliveryOutcome::kRetry);
  CHECK(r.retry_after_ms == std::optional<long long>(30000));

  http.PushResponse(404, "not found");
  CHECK(sender.Send(item, ctx).outcome == DeliveryOutcome::kPermanent);

  // The request shape: URL, header token, JSON body.
  const auto& req = http.requests.back();
  CHECK(req.url == "http://zalo.invalid/v3.0/oa/message/cs");
  bool has_token = false;
  for (const auto& [k, v] : req.headers) has_token |= (k == "access_token" && v == "tok");
  CHECK(has_token);
  CHECK(req.body == R"({"message":{"text":"x"},"recipient":{"user_id":"u"}})");
}
