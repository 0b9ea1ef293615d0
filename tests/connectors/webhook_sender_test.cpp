// The simulators' webhook senders against a minimal hub built from the connectors' verify and
// parse functions, over loopback HTTP: signed events of every type pass, forged, unsigned and
// stale ones get 401, several Facebook entries arrive in one POST, the handshake works.
#include <catch2/catch.hpp>

#include <atomic>

#include "connectors/facebook/facebook_webhook.h"
#include "connectors/zalo/zalo_webhook.h"
#include "core/domain/clock.h"
#include "tests/sim/sim_server.h"
#include "tests/sim/webhook_sender.h"

namespace fb = wardline::connectors::facebook;
namespace zalo = wardline::connectors::zalo;
namespace sim = wardline::sim;

namespace {

struct MiniHub {
  wardline::ZaloConfig zcfg;
  wardline::FacebookConfig fcfg;
  wardline::SystemClock clock;
  sim::SimServer server;
  std::atomic<int> zalo_messages{0}, zalo_ignored{0}, fb_messages{0}, fb_ignored{0};

  MiniHub() {
    zcfg.app_id = "4041286612345678901";
    zcfg.oa_secret = "oa-secret";
    fcfg.app_secret = "fb-secret";
    fcfg.verify_token = "verify-me";
    auto& svr = server.server();
    svr.Post("/webhooks/zalo", [this](const httplib::Request& req, httplib::Response& res) {
      std::optional<std::string_view> ts;
      const std::string ts_header = req.get_header_value("X-ZEvent-Timestamp");
      if (!ts_header.empty()) ts = ts_header;
      auto ok = zalo::VerifySignature(req.body, req.get_header_value("X-ZEvent-Signature"), ts,
                                      zcfg, clock.NowMs());
      if (!ok.ok()) {
        res.status = 401;
        res.set_content(ok.error().message, "text/plain");
        return;
      }
      auto parsed = zalo::ParseEvent(req.body);
      if (!parsed.ok()) {
        res.status = 400;
        return;
      }
      zalo_messages += static_cast<int>(parsed->messages.size());
      zalo_ignored += static_cast<int>(parsed->ignored.size());
      res.set_content("ok", "text/plain");
    });
    svr.Post("/webhooks/facebook", [this](const httplib::Request& req, httplib::Response& res) {
      auto ok = fb::VerifySignature(req.body, req.get_header_value("X-Hub-Signature-256"), fcfg);
      if (!ok.ok()) {
        res.status = 401;
        return;
      }
      auto parsed = fb::ParseEvent(req.body);
      if (!parsed.ok()) {
        res.status = 400;
        return;
      }
      fb_messages += static_cast<int>(parsed->messages.size());
      fb_ignored += static_cast<int>(parsed->ignored.size());
      res.set_content("EVENT_RECEIVED", "text/plain");
    });
    svr.Get("/webhooks/facebook", [this](const httplib::Request& req, httplib::Response& res) {
      auto challenge = fb::VerifyHandshake(req.get_param_value("hub.mode"),
                                           req.get_param_value("hub.verify_token"),
                                           req.get_param_value("hub.challenge"), fcfg);
      if (!challenge) {
        res.status = 403;
        return;
      }
      res.set_content(*challenge, "text/plain");
    });
    REQUIRE(server.Start() > 0);
  }
  std::string Url(const std::string& path) const { return server.base_url() + path; }
};

}  // namespace

TEST_CASE("Signed Zalo events of every type are accepted; forged, unsigned, stale are not",
          "[http][webhook]") {
  MiniHub hub;
  sim::ZaloEvents z{hub.zcfg.app_id, "5790000044445555666"};
  const auto now = sim::NowMs();
  const std::string url = hub.Url("/webhooks/zalo");
  auto post = [&](const std::string& body, sim::SignMode mode = sim::SignMode::kGood) {
    return sim::PostZaloWebhook(url, body, hub.zcfg.app_id, hub.zcfg.oa_secret, mode);
  };

  const std::vector<std::string> events = {
      z.Text("1001", "t1", "Đèn đường ngõ 12 hỏng 3 ngày", now),
      z.Text("1001", "t2", "Đe\xCC\x80n đươ\xCC\x80ng (NFD)", now),  // decomposed diacritics
      z.Image("1001", "i1", "https://zalo.example/a.jpg", "ảnh", now),
      z.Location("1001", "l1", 21.0278, 105.8342, sim::ZaloLocationShape::kCoordinatesLatitude, true, now),
      z.Location("1001", "l2", 21.0278, 105.8342, sim::ZaloLocationShape::kCoordinatesLatLong, false, now),
      z.File("1001", "f1", "https://zalo.example/f.pdf", "đơn.pdf", now),
      z.Attachment("sticker", "1001", "s1", "https://zalo.example/s", now),
      z.Attachment("gif", "1001", "g1", "https://zalo.example/g", now),
      z.Attachment("link", "1001", "k1", "https://zalo.example/k", now),
      z.Attachment("audio", "1001", "a1", "https://zalo.example/a", now),
      z.Attachment("video", "1001", "v1", "https://zalo.example/v", now),
      z.Follow("1001", true, now),
      z.Follow("1001", false, now),
  };
  for (const auto& body : events) {
    auto r = post(body);
    REQUIRE(r.transport_ok);
    CHECK(r.status == 200);
  }
  CHECK(hub.zalo_messages == static_cast<int>(events.size()));

  CHECK(post(z.OaEcho("1001", "e1", "Cảm ơn", now)).status == 200);
  CHECK(post(z.Custom("user_seen_message", "1001", "x", "", now)).status == 200);
  CHECK(hub.zalo_ignored == 2);

  const std::string body = z.Text("1001", "t9", "xin chào", now);
  CHECK(post(body, sim::SignMode::kTimestampHeader).status == 200);
  CHECK(post(body, sim::SignMode::kForged).status == 401);
  CHECK(post(body, sim::SignMode::kMissing).status == 401);
  CHECK(post(z.Text("1001", "old", "cũ", now - 3600 * 1000), sim::SignMode::kGood).status == 401);
  CHECK(hub.zalo_messages == static_cast<int>(events.size()) + 1);

  // The keep-alive client used by load generators signs the same way.
  sim::WebhookClient client(url, 2000);
  for (int i = 0; i < 20; ++i) {
    CHECK(client.PostZalo(z.Text("1002", "ka" + std::to_string(i), "giữ kết nối", now),
                          hub.zcfg.app_id, hub.zcfg.oa_secret).status == 200);
  }
  CHECK(client.PostZalo(body, hub.zcfg.app_id, hub.zcfg.oa_secret, sim::SignMode::kForged).status == 401);
  CHECK(hub.zalo_messages == static_cast<int>(events.size()) + 21);
}

TEST_CASE("Signed Facebook batches arrive whole; forged ones do not; the handshake works",
          "[http][webhook]") {
  MiniHub hub;
  const std::string url = hub.Url("/webhooks/facebook");
  const auto now = sim::NowMs();
  sim::FacebookEvents events("109876543210987");
  events.Text("6543210987654321", "m_1", "Rác chưa được thu gom ở phường 5", now)
      .Image("6543210987654321", "m_2", "https://scontent.example/abc.jpg", now)
      .Echo("6543210987654321", "m_3", "Cảm ơn", now)
      .NewEntry()
      .Location("7777", "m_4", 21.0278, 105.8342, now)
      .Comment("1_2", "109876543210987_1", "4455", "Trần Thị B", "Cống tắc")
      .Comment("1_3", "109876543210987_1", "109876543210987", "Phường", "Đã nhận");
  const std::string body = events.Build();
  auto r = sim::PostFacebookWebhook(url, body, hub.fcfg.app_secret);
  REQUIRE(r.transport_ok);
  CHECK(r.status == 200);
  CHECK(r.body == "EVENT_RECEIVED");
  CHECK(hub.fb_messages == 4);
  CHECK(hub.fb_ignored == 2);
  CHECK(sim::PostFacebookWebhook(url, body, hub.fcfg.app_secret, sim::SignMode::kForged).status == 401);
  CHECK(sim::PostFacebookWebhook(url, body, hub.fcfg.app_secret, sim::SignMode::kMissing).status == 401);
  CHECK(hub.fb_messages == 4);

  auto ok = sim::FacebookHandshake(url, "subscribe", "verify-me", "1158201444");
  CHECK(ok.status == 200);
  CHECK(ok.body == "1158201444");
  CHECK(sim::FacebookHandshake(url, "subscribe", "wrong", "1158201444").status == 403);
}
