// Crash test: while 16 keep-alive senders post a few thousand signed Zalo events (one resident
// each, so each event makes its own case and its own acknowledgement), the hub is killed with
// SIGKILL, started again on the same database and left to drain. Then:
//   - every event that was answered 200 before the kill became exactly one case and its
//     resident got exactly one acknowledgement (stored-but-unanswered events may exist too:
//     at most one per sender in flight at the kill);
//   - the platform then redelivers everything unanswered plus a sample of answered events;
//     afterwards there is exactly one case per event and one acknowledgement per resident.
// A kill between the platform accepting a send and the hub recording it as sent can only be
// repaired by sending again. The dispatcher records each outcome right after its send, so at
// most one send per dispatcher thread can be "in flight" (accepted by Zalo, not yet recorded)
// when the process dies. Such duplicates are counted, printed, checked to straddle the kill
// (first copy before it, second after the restart) and tolerated up to one per dispatcher
// thread; any other duplicate fails the test.
// WARDLINE_CRASH_EVENTS overrides the event count (default 3000).
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <thread>
#include <unordered_map>

#include "tests/gateway/channel_rig.h"

using namespace wardline::it;
namespace sim = wardline::sim;

namespace {

constexpr int kSenders = 16;
constexpr int kInFlightPerWorker = 1;  // OutboxDispatcher records each send before the next

struct SendStats {
  int ok = 0;
  int failed = 0;
};

// Posts events `ids` from `senders` threads (keep-alive each) until done or `stop`.
SendStats SendAll(const std::string& url, const std::vector<int>& ids,
                  const std::function<std::string(int)>& body_of, std::atomic<bool>& stop,
                  std::vector<std::atomic<bool>>* acked, std::atomic<int>* acked_count,
                  std::atomic<int>* in_flight) {
  std::atomic<std::size_t> next{0};
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kSenders; ++t) {
    threads.emplace_back([&] {
      sim::WebhookClient client(url, 3000);
      for (;;) {
        if (stop.load()) return;
        const std::size_t k = next++;
        if (k >= ids.size()) return;
        const int i = ids[k];
        if (in_flight) ++*in_flight;
        auto r = client.PostZalo(body_of(i), kZaloAppId, kZaloOaSecret);
        if (in_flight) --*in_flight;
        if (r.transport_ok && r.status == 200) {
          ++ok;
          if (acked) (*acked)[i] = true;
          if (acked_count) ++*acked_count;
        } else {
          ++failed;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  return {ok.load(), failed.load()};
}

}  // namespace

TEST_CASE("SIGKILL under webhook load loses no acknowledged event and doubles no acknowledgement",
          "[integration][crash]") {
  const char* n_env = std::getenv("WARDLINE_CRASH_EVENTS");
  const int n = n_env ? std::max(100, std::atoi(n_env)) : 3000;
  RigOptions opts;
  opts.hub.lease_seconds = 2;     // work held by the killed process is taken over quickly
  opts.hub.total_timeout_ms = 1000;  // a send must fit inside its lease
  opts.hub.max_attempts = 100;
  opts.zalo.window_check = false; // thousands of residents; the window has its own test
  opts.zalo.rate_limit_per_minute = 0;
  ChannelRig rig("crash", opts);
  const int workers = rig.settings().outbox_workers;
  const int tolerated = workers * kInFlightPerWorker;

  const std::string prefix = "crash-" + sim::RandomHex(8);
  auto z = rig.zalo_events();
  auto user_of = [](int i) { return std::to_string(2468000011112000000LL + i); };
  auto body_of = [&](int i) {
    return z.Text(user_of(i), prefix + "-" + std::to_string(i),
                  "Phản ánh số " + std::to_string(i) + ": đèn đường ngõ " + std::to_string(i % 97) +
                      " hỏng, rác chưa thu gom.",
                  sim::NowMs());
  };
  std::vector<int> all(n);
  for (int i = 0; i < n; ++i) all[i] = i;

  // --- phase 1: load, then SIGKILL mid-way -------------------------------------------------
  const auto t0 = std::chrono::steady_clock::now();
  auto secs = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  std::vector<std::atomic<bool>> acked(n);
  std::atomic<int> acked_count{0}, in_flight{0};
  std::atomic<bool> stop{false};
  const std::string url1 = rig.zalo_url();
  std::thread load([&] { SendAll(url1, all, body_of, stop, &acked, &acked_count, &in_flight); });
  const bool reached = WaitUntil([&] { return acked_count.load() >= n * 2 / 5; }, 40s, 5ms);
  const int in_flight_at_kill = in_flight.load();
  const std::size_t delivered_at_kill = rig.zalo().Messages().size();
  const std::int64_t kill_ms = sim::NowMs();
  rig.KillHub();
  const std::int64_t dead_ms = sim::NowMs();  // waitpid returned: nothing of it runs any more
  stop = true;
  load.join();
  REQUIRE(reached);
  const int acked_before = acked_count.load();
  std::cout << "crash: " << acked_before << "/" << n << " events answered 200 before SIGKILL at "
            << secs() << " s; " << in_flight_at_kill << " requests in flight; "
            << delivered_at_kill << " acknowledgements already delivered" << std::endl;
  REQUIRE(delivered_at_kill < static_cast<std::size_t>(acked_before));  // killed mid-way

  // --- phase 2: restart on the same database and drain --------------------------------------
  rig.StartHub();
  auto counts = [&] {
    std::unordered_map<std::string, int> per_user;
    for (const auto& m : rig.zalo().Messages()) ++per_user[m.user_id];
    return per_user;
  };
  auto all_acked_delivered = [&] {
    auto per_user = counts();
    for (int i = 0; i < n; ++i) {
      if (acked[i] && per_user[user_of(i)] == 0) return false;
    }
    return true;
  };
  {
    INFO(rig.HubLog());
    REQUIRE(WaitUntil([&] { return all_acked_delivered() && rig.Drained(); }, 45s, 100ms));
  }
  const long long cases_after_restart = rig.CaseCount();
  auto per_user = counts();
  int duplicates_after_kill = 0, strays = 0;
  for (int i = 0; i < n; ++i) {
    const int c = per_user[user_of(i)];
    if (c > 1) duplicates_after_kill += c - 1;
    if (c > 0 && !acked[i]) ++strays;  // stored, but the 200 never reached the platform
  }
  std::cout << "crash: drained " << secs() << " s after start; cases=" << cases_after_restart
            << " (answered " << acked_before << ", stored without a 200: "
            << cases_after_restart - acked_before << "); duplicate acknowledgements caused by the kill: "
            << duplicates_after_kill << " (sends accepted by Zalo but not yet recorded when the hub died; "
            << "tolerated: " << tolerated << ")" << std::endl;
  // Where do duplicates come from? The first copy sent by the killed hub and the second by the
  // restarted one: the kill's doing. Both copies from the same process: a dispatcher bug.
  int duplicates_before_kill = 0, duplicates_straddling = 0;
  {
    std::unordered_map<std::string, std::vector<std::int64_t>> times;
    for (const auto& m : rig.zalo().Messages()) times[m.user_id].push_back(m.at);
    for (const auto& [user, at] : times) {
      if (at.size() < 2) continue;
      std::cout << "crash: resident " << user << " acknowledged " << at.size() << " times, at";
      for (auto t : at) std::cout << " " << (t - kill_ms) << " ms";
      std::cout << " (relative to the kill)" << std::endl;
      if (at[1] < dead_ms) ++duplicates_before_kill;
      if (at[0] < dead_ms && at[1] >= dead_ms) ++duplicates_straddling;
    }
  }
  CHECK(duplicates_before_kill == 0);
  CHECK(cases_after_restart >= acked_before);
  CHECK(cases_after_restart <= acked_before + kSenders);
  CHECK(strays <= kSenders);
  CHECK(duplicates_straddling == duplicates_after_kill);
  CHECK(duplicates_after_kill <= tolerated);

  // --- phase 3: the platform redelivers what was not answered, and some that were ------------
  std::vector<int> redeliver;
  int sample = 0;
  for (int i = 0; i < n; ++i) {
    if (!acked[i]) redeliver.push_back(i);
    else if (sample++ < 300) redeliver.push_back(i);
  }
  std::atomic<bool> never{false};
  SendStats again = SendAll(rig.zalo_url(), redeliver, body_of, never, nullptr, nullptr, nullptr);
  CHECK(again.failed == 0);
  {
    INFO(rig.HubLog());
    REQUIRE(WaitUntil([&] { return rig.Drained() && static_cast<int>(counts().size()) >= n; }, 45s, 100ms));
    REQUIRE(WaitUntil([&] { return rig.Drained(); }, 10s, 100ms));
  }
  per_user = counts();
  int missing = 0, duplicates = 0;
  for (int i = 0; i < n; ++i) {
    const int c = per_user[user_of(i)];
    if (c == 0) ++missing;
    if (c > 1) duplicates += c - 1;
  }
  std::cout << "crash: after redelivering " << redeliver.size() << " events: cases=" << rig.CaseCount()
            << " residents acknowledged=" << per_user.size() << " duplicates=" << duplicates
            << " total " << secs() << " s" << std::endl;
  CHECK(rig.CaseCount() == n);
  CHECK(missing == 0);
  CHECK(static_cast<int>(per_user.size()) == n);  // nobody outside the load was messaged
  CHECK(duplicates == duplicates_after_kill);     // redelivery added none
  CHECK(duplicates <= tolerated);
  const std::string m = rig.Metrics();
  CHECK(MetricValue(m, "wardline_inbox_pending") == 0);
  CHECK(MetricValue(m, "wardline_outbox_pending") == 0);
  CHECK(MetricValue(m, R"(wardline_deliveries_total{channel="zalo",result="refused"})") == 0);
  CHECK(MetricValue(m, R"(wardline_deliveries_total{channel="zalo",result="gave_up"})") == 0);
}
