// Prints what a staff login costs with the shipped Argon2id parameters: hashes per second on
// one core and verify latency percentiles. The figure bounds logins/s per core of the hub.
//   build/bench/auth/bench_password [iterations]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/auth/password.h"

int main(int argc, char** argv) {
  using namespace wardline::auth;
  const int n = argc > 1 ? std::max(5, std::atoi(argv[1])) : 30;
  const PasswordParams params;
  std::vector<double> ms;
  ms.reserve(n);
  auto hash = HashPassword("mật khẩu của cán bộ phường", params);
  if (!hash.ok()) {
    std::fprintf(stderr, "hash failed: %s\n", hash.error().message.c_str());
    return 1;
  }
  for (int i = 0; i < n; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const bool ok = VerifyPassword(*hash, "mật khẩu của cán bộ phường");
    const auto t1 = std::chrono::steady_clock::now();
    if (!ok) return 1;
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  double total = 0;
  for (double v : ms) total += v;
  std::printf("argon2id opslimit=%llu memlimit=%zu MiB, %d verifies on one thread\n",
              params.opslimit, params.memlimit >> 20, n);
  std::printf("verify p50 %.1f ms  p99 %.1f ms  => %.1f logins/s per core\n", ms[n / 2],
              ms[std::min(n - 1, n * 99 / 100)], 1000.0 * n / total);
  return 0;
}
