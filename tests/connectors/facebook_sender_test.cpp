// FacebookSender against the Graph simulator over real loopback HTTP.
#include <catch2/catch.hpp>

#include "connectors/common/curl_http_client.h"
#include "connectors/facebook/facebook_sender.h"
#include "tests/connectors/http_test_util.h"
#include "tests/sim/facebook_sim.h"

namespace fb = wardline::connectors::facebook;
namespace sim = wardline::sim;
using wardline::DeliveryContext;
using wardline::DeliveryOutcome;
using wardline::OutboxItem;

namespace {

constexpr const char* kPsid = "6543210987654321";
constexpr long long kHour = 3600 * 1000LL;

struct FbFixture {
  sim::FacebookSim sim;
  wardline::FacebookConfig cfg;
  wardline::OutboxConfig outbox;
  wardline::connectors::common::CurlHttpClient curl;
  wardline::testing::RecordingHttpClient http{curl};
  fb::FacebookSender sender{cfg, outbox, http};

  FbFixture() {
    REQUIRE(sim.Start() > 0);
    cfg.page_id = "109876543210987";
    cfg.page_token = "fb-page-token";
    cfg.graph_base = sim.base_url();
    cfg.graph_version = "v19.0";
    outbox.connect_timeout_ms = 1000;
    outbox.total_timeout_ms = 2000;
  }
  ~FbFixture() = default;  // the client closes its connections before the simulator stops

  static OutboxItem Item(const std::string& purpose = "reply") {
    OutboxItem item;
    item.channel = wardline::ChannelKind::kFacebook;
    item.recipient = kPsid;
    item.purpose = purpose;
    item.text = "Phường đã xử lý phản ánh của bạn.";
    return item;
  }
  // The resident last wrote `ago_ms` ago, as far as both Wardline and the platform know.
  DeliveryContext Inbound(long long ago_ms) {
    const auto now = sim::NowMs();
    sim.RecordInteraction(kPsid, now - ago_ms);
    return DeliveryContext{now, now - ago_ms};
  }
};

}  // namespace

TEST_CASE("Facebook: inside 24 h the reply goes out as RESPONSE, token kept out of logs",
          "[http][facebook]") {
  FbFixture f;
  auto r = f.sender.Send(FbFixture::Item(), f.Inbound(2 * kHour));
  REQUIRE(r.outcome == DeliveryOutcome::kDelivered);
  const auto messages = f.sim.Messages();
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].messaging_type == "RESPONSE");
  CHECK(messages[0].tag.empty());
  CHECK(messages[0].recipient_id == kPsid);
  CHECK(messages[0].text == "Phường đã xử lý phản ánh của bạn.");
  CHECK(r.platform_message_id == messages[0].message_id);
  CHECK(f.sim.last_access_token() == "fb-page-token");
  const auto req = f.http.requests().at(0);
  CHECK(req.url.find("access_token=fb-page-token") != std::string::npos);
  CHECK(req.log_url == f.sim.base_url() + "/v19.0/me/messages");
}

TEST_CASE("Facebook: between 24 h and 7 days a human reply uses HUMAN_AGENT", "[http][facebook]") {
  FbFixture f;
  auto r = f.sender.Send(FbFixture::Item("reply"), f.Inbound(3 * 24 * kHour));
  REQUIRE(r.outcome == DeliveryOutcome::kDelivered);
  const auto m = f.sim.Messages().at(0);
  CHECK(m.messaging_type == "MESSAGE_TAG");
  CHECK(m.tag == "HUMAN_AGENT");
}

TEST_CASE("Facebook: outside the window nothing is sent", "[http][facebook]") {
  FbFixture f;
  SECTION("beyond 7 days") {
    auto r = f.sender.Send(FbFixture::Item(), f.Inbound(8 * 24 * kHour));
    CHECK(r.outcome == DeliveryOutcome::kPermanent);
    CHECK(r.error.find(fb::kOutsideWindow) != std::string::npos);
  }
  SECTION("an automated acknowledgement beyond 24 h (HUMAN_AGENT is for humans)") {
    auto r = f.sender.Send(FbFixture::Item("ack"), f.Inbound(30 * kHour));
    CHECK(r.outcome == DeliveryOutcome::kPermanent);
    CHECK(r.error.find(fb::kOutsideWindow) != std::string::npos);
  }
  SECTION("no inbound message on record") {
    auto r = f.sender.Send(FbFixture::Item(), DeliveryContext{sim::NowMs(), 0});
    CHECK(r.outcome == DeliveryOutcome::kPermanent);
  }
  CHECK(f.sim.send_calls() == 0);
  CHECK(f.http.requests().empty());
}

TEST_CASE("Facebook: the option lets automated messages use HUMAN_AGENT", "[http][facebook]") {
  FbFixture f;
  fb::FacebookSender loose(f.cfg, f.outbox, f.http, fb::FacebookSender::Options{false});
  auto r = loose.Send(FbFixture::Item("ack"), f.Inbound(30 * kHour));
  REQUIRE(r.outcome == DeliveryOutcome::kDelivered);
  CHECK(f.sim.Messages().at(0).tag == "HUMAN_AGENT");
}

TEST_CASE("Facebook: the platform's own window refusal is permanent", "[http][facebook]") {
  FbFixture f;
  // Wardline believes the resident wrote an hour ago; the platform has no record of it.
  auto r = f.sender.Send(FbFixture::Item(), DeliveryContext{sim::NowMs(), sim::NowMs() - kHour});
  CHECK(r.outcome == DeliveryOutcome::kPermanent);
  CHECK(r.error.find("outside the messaging window (10/2018278)") != std::string::npos);
}

TEST_CASE("Facebook: comment replies post under the comment", "[http][facebook]") {
  FbFixture f;
  OutboxItem item = FbFixture::Item("ack");
  item.recipient = "4455667788";
  item.reply_ref = "555000111_777888999";
  item.text = "Cảm ơn bạn, phường đã tiếp nhận. Mã theo dõi: KL-7F3Q";
  // No window for public comment replies, even 10 days later.
  auto r = f.sender.Send(item, DeliveryContext{sim::NowMs(), sim::NowMs() - 240 * kHour});
  REQUIRE(r.outcome == DeliveryOutcome::kDelivered);
  const auto comments = f.sim.Comments();
  REQUIRE(comments.size() == 1);
  CHECK(comments[0].object_id == "555000111_777888999");
  CHECK(comments[0].message == item.text);
  CHECK(r.platform_message_id == comments[0].id);
  CHECK(f.http.requests().at(0).log_url ==
        f.sim.base_url() + "/v19.0/555000111_777888999/comments");
}

TEST_CASE("Facebook: transient failures retry", "[http][facebook]") {
  FbFixture f;
  auto ctx = f.Inbound(kHour);
  SECTION("5xx") {
    f.sim.FailNext5xx(1);
    CHECK(f.sender.Send(FbFixture::Item(), ctx).outcome == DeliveryOutcome::kRetry);
  }
  SECTION("dropped connection") {
    f.sim.DropNext(1);
    CHECK(f.sender.Send(FbFixture::Item(), ctx).outcome == DeliveryOutcome::kRetry);
  }
  SECTION("rate limit 613 with the usage header's regain estimate") {
    f.sim.RateLimitNext(1);
    auto r = f.sender.Send(FbFixture::Item(), ctx);
    CHECK(r.outcome == DeliveryOutcome::kRetry);
    CHECK(r.retry_after_ms == std::optional<long long>(60000));
  }
  for (int code : {4, 17, 32, 80006}) {
    DYNAMIC_SECTION("rate code " << code) {
      f.sim.ForceErrorNext(code, 0);
      CHECK(f.sender.Send(FbFixture::Item(), ctx).outcome == DeliveryOutcome::kRetry);
    }
  }
  SECTION("service error 2 with HTTP 500") {
    f.sim.ForceErrorNext(2, 0, 1, 500);
    CHECK(f.sender.Send(FbFixture::Item(), ctx).outcome == DeliveryOutcome::kRetry);
  }
  CHECK(f.sender.Send(FbFixture::Item(), ctx).outcome == DeliveryOutcome::kDelivered);
  CHECK(f.sim.Messages().size() == 1);
}

TEST_CASE("Facebook: permanent refusals carry readable reasons", "[http][facebook]") {
  FbFixture f;
  auto ctx = f.Inbound(kHour);
  SECTION("invalid page token") {
    f.sim.ExpireToken();
    auto r = f.sender.Send(FbFixture::Item(), ctx);
    CHECK(r.outcome == DeliveryOutcome::kPermanent);
    CHECK(r.error.find("page token invalid") != std::string::npos);
  }
  SECTION("wrong page token") {
    f.cfg.page_token = "wrong";
    auto r = f.sender.Send(FbFixture::Item(), ctx);
    CHECK(r.outcome == DeliveryOutcome::kPermanent);
    CHECK(r.error.find("page token invalid (190)") != std::string::npos);
  }
  SECTION("person unavailable 551") {
    f.sim.BlockUser(kPsid);
    auto r = f.sender.Send(FbFixture::Item(), ctx);
    CHECK(r.outcome == DeliveryOutcome::kPermanent);
    CHECK(r.error.find("not available") != std::string::npos);
  }
  SECTION("no matching user 100/2018001") {
    f.sim.ForceErrorNext(100, 2018001);
    auto r = f.sender.Send(FbFixture::Item(), ctx);
    CHECK(r.outcome == DeliveryOutcome::kPermanent);
    CHECK(r.error.find("no matching Messenger user") != std::string::npos);
  }
  SECTION("other invalid parameter") {
    f.sim.ForceErrorNext(100, 0);
    auto r = f.sender.Send(FbFixture::Item(), ctx);
    CHECK(r.outcome == DeliveryOutcome::kPermanent);
    CHECK(r.error.find("invalid parameter") != std::string::npos);
  }
  SECTION("code 10 without subcode") {
    f.sim.ForceErrorNext(10, 0);
    auto r = f.sender.Send(FbFixture::Item(), ctx);
    CHECK(r.outcome == DeliveryOutcome::kPermanent);
    CHECK(r.error.find(fb::kOutsideWindow) != std::string::npos);
  }
  CHECK(f.sim.Messages().empty());
}
