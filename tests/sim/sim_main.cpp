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
// Secrets default to the environment variables of design.md (ZALO_APP_ID, ZALO_ACCESS_TOKEN,
// ZALO_REFRESH_TOKEN, FB_PAGE_TOKEN; the app secret from ZALO_APP_SECRET) when set.
// Control endpoints on each port: GET /_sim/messages, /_sim/stats (FB also /_sim/comments);
// POST /_sim/fault?delay_ms=&fail_5xx=&rate_limit=&drop=&expire_token=1[&error_code=&count=],
// POST /_sim/interaction?user_id=|psid=[&at_ms=], POST /_sim/reset.
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "tests/sim/facebook_sim.h"
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

}  // namespace

int main(int argc, char** argv) {
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
