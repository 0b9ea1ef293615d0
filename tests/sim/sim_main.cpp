// wardline-sim: runs the Zalo and Facebook platform simulators as one process, for benchmarks,
// crash tests and manual runs. Prints "zalo_port=N" and "facebook_port=M" on stdout once both
// listen, then serves until SIGINT/SIGTERM.
//
//   wardline-sim [--zalo-port N] [--fb-port N]
//                [--zalo-app-id ID] [--zalo-app-secret S] [--zalo-oa-id ID]
//                [--zalo-access-token T] [--zalo-refresh-token T] [--zalo-token-ttl SECONDS]
//                [--zalo-rate-per-minute N (0 = off, default)] [--no-window]
//                [--fb-page-id ID] [--fb-page-token T] [--fb-strict-recipients]
//
// Load mode (signed webhooks to a hub, for benchmarks and crash tests):
//   wardline-sim send --hub URL [--channel zalo|facebook] [--count N] [--concurrency C]
//                [--app-id ID] [--oa-secret S] [--fb-app-secret S] [--fb-page-id ID]
//                [--prefix P] [--users U] [--acked-file PATH] [--timeout-ms MS]
//   Posts N distinct signed text events (msg ids "<prefix>-<i>"), C at a time over keep-alive
//   connections. Every id answered 200 is appended (and flushed) to --acked-file, one per line.
//   Prints "sent=N ok=K failed=F seconds=S events_per_s=R p50_ms=X p99_ms=Y".
//
// Secrets default to the environment variables of design.md (ZALO_APP_ID, ZALO_ACCESS_TOKEN,
// ZALO_REFRESH_TOKEN, FB_PAGE_TOKEN; the app secret from ZALO_APP_SECRET) when set.
// Control endpoints on each port: GET /_sim/messages, /_sim/stats (FB also /_sim/comments);
// POST /_sim/fault?delay_ms=&fail_5xx=&rate_limit=&drop=&expire_token=1[&error_code=&count=],
// POST /_sim/interaction?user_id=|psid=[&at_ms=], POST /_sim/reset. cpp-httplib answers 400 to a
// POST without Content-Length: with curl, pass -d ''.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/sim/facebook_sim.h"
#include "tests/sim/webhook_sender.h"
#include "tests/sim/zalo_sim.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

std::string Env(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && v[0] != '\0' ? std::string(v) : fallback;
}

void Usage() {
  std::cerr << "usage: wardline-sim [--zalo-port N] [--fb-port N] [--zalo-app-id ID]\n"
               "  [--zalo-app-secret S] [--zalo-oa-id ID] [--zalo-access-token T]\n"
               "  [--zalo-refresh-token T] [--zalo-token-ttl SECONDS] [--zalo-rate-per-minute N]\n"
               "  [--no-window] [--fb-page-id ID] [--fb-page-token T] [--fb-strict-recipients]\n";
}

int RunSend(int argc, char** argv) {
  using namespace wardline::sim;
  std::string hub, channel = "zalo", prefix = "load-" + RandomHex(6), acked_path;
  std::string app_id = Env("ZALO_APP_ID", "4041286612345678901");
  std::string oa_secret = Env("ZALO_OA_SECRET", "");
  std::string fb_secret = Env("FB_APP_SECRET", "");
  std::string page_id = "109876543210987";
  long count = 1000;
  int concurrency = 16, users = 200, timeout_ms = 5000;
  for (int i = 2; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) {
      std::cerr << "missing value for " << flag << "\n";
      return 2;
    }
    const std::string v = argv[++i];
    try {
      if (flag == "--hub") hub = v;
      else if (flag == "--channel") channel = v;
      else if (flag == "--count") count = std::stol(v);
      else if (flag == "--concurrency") concurrency = std::max(1, std::stoi(v));
      else if (flag == "--app-id") app_id = v;
      else if (flag == "--oa-secret") oa_secret = v;
      else if (flag == "--fb-app-secret") fb_secret = v;
      else if (flag == "--fb-page-id") page_id = v;
      else if (flag == "--prefix") prefix = v;
      else if (flag == "--users") users = std::max(1, std::stoi(v));
      else if (flag == "--acked-file") acked_path = v;
      else if (flag == "--timeout-ms") timeout_ms = std::stoi(v);
      else {
        std::cerr << "unknown flag " << flag << "\n";
        return 2;
      }
    } catch (const std::exception&) {
      std::cerr << "bad number for " << flag << "\n";
      return 2;
    }
  }
  if (hub.empty() || (channel != "zalo" && channel != "facebook")) {
    std::cerr << "send needs --hub URL and --channel zalo|facebook\n";
    return 2;
  }
  std::ofstream acked;
  if (!acked_path.empty()) acked.open(acked_path, std::ios::app);
  std::mutex out_mu;
  std::vector<double> latencies;
  std::atomic<long> next{0}, ok{0}, failed{0};
  ZaloEvents zalo{app_id, "5790000044445555666"};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < concurrency; ++t) {
    threads.emplace_back([&] {
      WebhookClient client(hub, timeout_ms);  // keep-alive, like a platform's delivery workers
      std::vector<double> mine;
      for (long i = next++; i < count; i = next++) {
        const std::string id = prefix + "-" + std::to_string(i);
        const std::string user = std::to_string(2468000011112000000LL + (i % users));
        const std::string text = "Phản ánh số " + std::to_string(i) + ": đèn đường ngõ " +
                                 std::to_string(i % 97) + " hỏng, rác chưa thu gom.";
        const auto t0 = std::chrono::steady_clock::now();
        WebhookResponse r;
        if (channel == "zalo") {
          r = client.PostZalo(zalo.Text(user, id, text, NowMs()), app_id, oa_secret);
        } else {
          FacebookEvents events(page_id);
          events.Text(user, id, text, NowMs());
          r = client.PostFacebook(events.Build(), fb_secret);
        }
        mine.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        if (r.transport_ok && r.status == 200) {
          ++ok;
          if (acked.is_open()) {
            std::lock_guard<std::mutex> lock(out_mu);
            acked << id << "\n" << std::flush;
          }
        } else {
          ++failed;
        }
      }
      std::lock_guard<std::mutex> lock(out_mu);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  for (auto& th : threads) th.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::sort(latencies.begin(), latencies.end());
  auto pct = [&](double p) {
    if (latencies.empty()) return 0.0;
    return latencies[std::min(latencies.size() - 1, static_cast<std::size_t>(p * latencies.size()))];
  };
  std::cout << "sent=" << count << " ok=" << ok << " failed=" << failed << " seconds=" << seconds
            << " events_per_s=" << (seconds > 0 ? count / seconds : 0) << " p50_ms=" << pct(0.50)
            << " p99_ms=" << pct(0.99) << std::endl;
  return failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "send") return RunSend(argc, argv);
  using wardline::sim::FacebookSim;
  using wardline::sim::FacebookSimOptions;
  using wardline::sim::ZaloSim;
  using wardline::sim::ZaloSimOptions;

  ZaloSimOptions zalo;
  zalo.app_id = Env("ZALO_APP_ID", zalo.app_id);
  zalo.app_secret = Env("ZALO_APP_SECRET", zalo.app_secret);
  zalo.access_token = Env("ZALO_ACCESS_TOKEN", zalo.access_token);
  zalo.refresh_token = Env("ZALO_REFRESH_TOKEN", zalo.refresh_token);
  zalo.rate_limit_per_minute = 0;
  FacebookSimOptions fb;
  fb.page_token = Env("FB_PAGE_TOKEN", fb.page_token);
  int zalo_port = 0, fb_port = 0;

  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "missing value for " << flag << "\n";
        std::exit(2);
      }
      return argv[++i];
    };
    try {
      if (flag == "--zalo-port") zalo_port = std::stoi(value());
      else if (flag == "--fb-port") fb_port = std::stoi(value());
      else if (flag == "--zalo-app-id") zalo.app_id = value();
      else if (flag == "--zalo-app-secret") zalo.app_secret = value();
      else if (flag == "--zalo-oa-id") zalo.oa_id = value();
      else if (flag == "--zalo-access-token") zalo.access_token = value();
      else if (flag == "--zalo-refresh-token") zalo.refresh_token = value();
      else if (flag == "--zalo-token-ttl") zalo.token_ttl_seconds = std::stoll(value());
      else if (flag == "--zalo-rate-per-minute") zalo.rate_limit_per_minute = std::stoi(value());
      else if (flag == "--no-window") { zalo.window_check = false; fb.window_check = false; }
      else if (flag == "--fb-page-id") fb.page_id = value();
      else if (flag == "--fb-page-token") fb.page_token = value();
      else if (flag == "--fb-strict-recipients") fb.strict_recipients = true;
      else if (flag == "--help" || flag == "-h") { Usage(); return 0; }
      else {
        std::cerr << "unknown flag " << flag << "\n";
        Usage();
        return 2;
      }
    } catch (const std::exception&) {
      std::cerr << "bad number for " << flag << "\n";
      return 2;
    }
  }

  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGPIPE, SIG_IGN);

  ZaloSim zalo_sim(zalo);
  FacebookSim fb_sim(fb);
  const int zp = zalo_sim.Start(zalo_port);
  const int fp = fb_sim.Start(fb_port);
  if (zp <= 0 || fp <= 0) {
    std::cerr << "wardline-sim: cannot bind (zalo " << zalo_port << ", facebook " << fb_port << ")\n";
    return 1;
  }
  std::cout << "zalo_port=" << zp << "\nfacebook_port=" << fp << std::endl;
  while (g_stop == 0) pause();
  zalo_sim.Stop();
  fb_sim.Stop();
  return 0;
}
