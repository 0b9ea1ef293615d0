// Duplicate-clusterer speed: `wardline cluster` logic (triage category + DuplicateClusterer::Add)
// on a stream built from a dev_dups-like file: its messages are replayed day after day for
// `--days` days (default 30) with new place numbers, shifted coordinates and times, so that the
// clusterer holds 30 days of cases when the measured part runs. Prints messages per CPU-second of
// one thread for the measured last day-pass, with and without the triage step.
// Usage: wardline_cluster_bench --model FILE [--days N] [--copies K] DEV_DUPS.jsonl
#include <ctime>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/triage/test_config.h"
#include "triage/cli.h"
#include "triage/duplicates.h"
#include "triage/triager.h"

using namespace wardline;
using namespace wardline::triage;

static double CpuNow() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char** argv) {
  std::string model_path, file;
  int days = 30, copies = 8;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--model" && i + 1 < argc) model_path = argv[++i];
    else if (a == "--days" && i + 1 < argc) days = std::stoi(argv[++i]);
    else if (a == "--copies" && i + 1 < argc) copies = std::stoi(argv[++i]);
    else file = a;
  }
  if (model_path.empty() || file.empty()) {
    std::cerr << "usage: wardline_cluster_bench --model FILE [--days N] [--copies K] DEV_DUPS.jsonl\n";
    return 2;
  }
  auto model = Model::Load(model_path);
  if (!model.ok()) return 1;
  Triager triager(testing::SampleConfig(model_path), std::move(*model));
  std::vector<DuplicateItem> base;
  std::ifstream f(file);
  std::string line;
  while (std::getline(f, line)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    DuplicateItem it;
    it.id = j["id"];
    it.text = j["text"];
    if (j["ward"].is_string()) it.ward = j["ward"];
    if (j["lat"].is_number()) it.point = GeoPoint{j["lat"].get<double>(), j["lon"].get<double>()};
    it.at = DuplicateClusterer::ParseTime(j["at"].get<std::string>()).value_or(0);
    base.push_back(it);
  }
  if (base.empty()) return 1;
  const int64_t t0 = base.front().at;
  const int64_t span = base.back().at - t0 + 1;
  std::mt19937 rng(7);
  // One pass = the file `copies` times over one day, each copy with other numbers and places.
  auto pass = [&](int day) {
    std::vector<DuplicateItem> out;
    for (int c = 0; c < copies; ++c) {
      const double dlat = (rng() % 2000) * 1e-5, dlon = (rng() % 2000) * 1e-5;
      for (const auto& b : base) {
        DuplicateItem it = b;
        it.id = b.id + "-" + std::to_string(day) + "-" + std::to_string(c);
        it.text += " (số " + std::to_string(100 + day * copies + c) + ")";
        if (it.point) it.point = GeoPoint{it.point->lat + dlat, it.point->lon + dlon};
        it.at = t0 + static_cast<int64_t>(day) * 86400 + (b.at - t0) * 86400 / span + c;
        out.push_back(std::move(it));
      }
    }
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.at < b.at; });
    return out;
  };
  DuplicateClusterer clusterer(triager.model().normalizer());
  for (int d = 0; d + 1 < days; ++d) {
    for (auto& it : pass(d)) clusterer.Add(it);
  }
  auto last = pass(days - 1);
  // With the triage step, as `wardline cluster` and the hub do.
  DuplicateClusterer copy = clusterer;
  double start = CpuNow();
  for (auto& it : last) {
    auto r = triager.Triage(it.text, it.ward);
    if (r.ok() && r->confidence >= 0.5) it.category = r->category;
    copy.Add(it);
  }
  const double with_triage = last.size() / (CpuNow() - start);
  start = CpuNow();
  for (auto& it : last) clusterer.Add(it);
  const double alone = last.size() / (CpuNow() - start);
  std::cout << "cluster stream: " << days << " days x " << last.size() << " messages/day, open items "
            << clusterer.open_items() << "\n";
  std::printf("cluster msgs_per_sec=%.0f (with triage) clusterer_only=%.0f\n", with_triage, alone);
  return 0;
}
