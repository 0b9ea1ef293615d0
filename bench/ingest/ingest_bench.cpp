// Ingest benchmark: correctly signed Zalo webhooks from concurrent clients on loopback, each
// answered 200 only after a durable (group) commit, side by side with the no-op /livez route
// of the same server in the same run. Prints events/s and p50/p99 acknowledgement latency, and
// how many events the workers had turned into cases by the end.
//   bench_ingest [--clients N] [--count N] [--db URL] [--rate R]
// --rate R paces the webhook clients to R events/s in total (0 = as fast as they can).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

#include <httplib.h>

#include "bench/http_load.h"
#include "connectors/zalo/zalo_webhook.h"
#include "tests/common/hub_process.h"
#include "tests/sim/zalo_sim.h"

using namespace wardline;

namespace {

const char* kAppId = "4041286612345678901";  // config/wardline.toml
const char* kOaSecret = "bench-oa-secret";

const char* kTexts[] = {
    "Đèn đường ngõ 12 Tôn Đức Thắng hỏng ba ngày nay, buổi tối rất tối",
    "rac o dau ngo 45 hao nam ko ai thu gom, boc mui qua ad oi",
    "Cống trước số 8 phố Khâm Thiên bị tắc, mưa xuống là ngập đến đầu gối",
    "karaoke nha so 20 ngo van chuong hat den 1h sang, de nghi cong an phuong xu ly",
    "Cây xà cừ đầu ngõ 172 Lê Duẩn nghiêng hẳn ra đường, sợ đổ lắm ạ"};

std::string Event(int i) {
  using namespace std::chrono;
  const long long now = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  return std::string(R"({"app_id":")") + kAppId +
         R"(","user_id_by_app":"77120933445566)" + std::to_string(10000 + i % 997) +
         R"(","event_name":"user_send_text","timestamp":")" + std::to_string(now) +
         R"(","sender":{"id":"24680000111122)" + std::to_string(10000 + i % 997) +
         R"("},"recipient":{"id":"5790000044445555666"},"message":{"msg_id":"bench)" +
         std::to_string(now) + "x" + std::to_string(i) + R"(","text":")" + kTexts[i % 5] + R"("}})";
}

}  // namespace

int main(int argc, char** argv) {
  int clients = 32, count = 5000;
  double rate = 0;
  std::string db;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--clients")) clients = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--count")) count = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--db")) db = argv[i + 1];
    if (!std::strcmp(argv[i], "--rate")) rate = std::atof(argv[i + 1]);
  }
  if (db.empty()) db = "sqlite3://db=" + testing::TempDir("bench-ingest") + "/wardline.db";
  // Acknowledgements go to the Zalo simulator on loopback, as they would to Zalo: the
  // dispatcher's sends and their records are part of the load.
  sim::ZaloSimOptions sim_options;
  sim_options.rate_limit_per_minute = 0;
  sim_options.window_check = false;
  sim::ZaloSim zalo(sim_options);
  zalo.Start();
  testing::HubProcess hub({"--db", db}, {{"WARDLINE_ACCESS_LOG", "0"},
                                         {"ZALO_OA_SECRET", kOaSecret},
                                         {"ZALO_APP_ID", kAppId},
                                         {"ZALO_APP_SECRET", sim_options.app_secret},
                                         {"ZALO_ACCESS_TOKEN", sim_options.access_token},
                                         {"ZALO_REFRESH_TOKEN", sim_options.refresh_token},
                                         {"ZALO_API_BASE", zalo.base_url()},
                                         {"ZALO_OAUTH_BASE", zalo.base_url()}});
  std::printf("ingest benchmark: %d clients, %d events, db=%s%s\n", clients, count,
              db.substr(0, db.find(' ')).c_str(),
              rate > 0 ? (", paced at " + std::to_string(static_cast<int>(rate)) + " events/s").c_str() : "");
  bench::PrintHeader();
  auto livez = [](int) {
    bench::LoadRequest r;
    r.path = "/livez";
    return r;
  };
  auto start = std::chrono::steady_clock::now();
  auto webhook = [&](int i) {
    if (rate > 0) {  // open-loop pacing: request i is due at i / rate seconds
      std::this_thread::sleep_until(start + std::chrono::microseconds(static_cast<long long>(i * 1e6 / rate)));
    }
    bench::LoadRequest r;
    r.method = "POST";
    r.path = "/webhooks/zalo";
    r.content_type = "application/json";
    r.body = Event(i);
    auto ts_pos = r.body.find("\"timestamp\":\"") + 13;
    std::string ts = r.body.substr(ts_pos, r.body.find('"', ts_pos) - ts_pos);
    r.headers = {{"X-ZEvent-Signature",
                  connectors::zalo::ComputeSignature(kAppId, r.body, ts, kOaSecret)}};
    return r;
  };
  bench::LoadResult noop = bench::RunLoad("GET /livez (no-op)", hub.port(), clients, count, livez);
  bench::PrintRow(noop);
  start = std::chrono::steady_clock::now();
  bench::LoadResult ingest = bench::RunLoad("POST /webhooks/zalo (durable)", hub.port(), clients, count, webhook);
  bench::PrintRow(ingest);
  std::printf("durable ingest / no-op throughput: %.1f%%\n",
              noop.per_second() > 0 ? 100.0 * ingest.per_second() / noop.per_second() : 0.0);

  // Let the workers drain, then read the gauges.
  httplib::Client cli("127.0.0.1", hub.port());
  const auto drain_start = std::chrono::steady_clock::now();
  for (int i = 0; i < 240; ++i) {
    auto m = cli.Get("/metrics");
    if (m && m->body.find("wardline_inbox_pending 0\n") != std::string::npos &&
        m->body.find("wardline_outbox_pending 0\n") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  const double drain_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - drain_start).count();
  const double total_s = ingest.seconds + drain_s;
  std::printf("all events turned into cases and acknowledged on Zalo %.1f s after the last webhook answer "
              "(processing: %.0f events/s over the whole run)\n", drain_s, count / total_s);
  if (auto m = cli.Get("/metrics")) {
    for (const char* key : {"wardline_inbox_pending", "wardline_webhook_events_total{channel=\"zalo\",result=\"case_created\"}",
                            "wardline_webhook_events_total{channel=\"zalo\",result=\"case_joined\"}"}) {
      auto pos = m->body.find(std::string("\n") + key);
      if (pos != std::string::npos) {
        std::printf("%s\n", m->body.substr(pos + 1, m->body.find('\n', pos + 1) - pos - 1).c_str());
      }
    }
  }
  std::printf("acknowledgements accepted by the Zalo simulator: %zu\n", zalo.Messages().size());
  hub.Stop();
  zalo.Stop();
  return 0;
}
