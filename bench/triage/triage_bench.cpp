// Triage benchmark: quality and single-thread speed of normalise + classify (+ ward detection)
// on labelled JSON Lines files.
//
// Usage: wardline_triage_bench --model FILE [--seconds S] [--eval] FILE.jsonl...
//   --eval  also prints the full `wardline eval` report.
// Last line: "wardline macro_f1=… accuracy=… urgent_recall=… ward_accuracy=… msgs_per_sec=… n=…"
// Speed is messages per CPU-second of one thread (normalise + classify + ward).
// Pin it to one core for comparable numbers: taskset -c 0 wardline_triage_bench ...
#include <chrono>
#include <ctime>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/triage/test_config.h"
#include "triage/cli.h"
#include "triage/corpus.h"
#include "triage/triager.h"

using namespace wardline;
using namespace wardline::triage;

int main(int argc, char** argv) {
  std::string model_path;
  double seconds = 2.0;
  bool full = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--model" && i + 1 < argc) {
      model_path = argv[++i];
    } else if (a == "--seconds" && i + 1 < argc) {
      seconds = std::stod(argv[++i]);
    } else if (a == "--eval") {
      full = true;
    } else {
      files.push_back(a);
    }
  }
  if (model_path.empty() || files.empty()) {
    std::cerr << "usage: wardline_triage_bench --model FILE [--seconds S] [--eval] FILE.jsonl...\n";
    return 2;
  }
  AppConfig config = testing::SampleConfig(model_path);
  std::ostringstream report;
  std::vector<std::string> args = {"--model", model_path};
  args.insert(args.end(), files.begin(), files.end());
  int rc = EvalCommand(config, args, report, std::cerr);
  if (rc != 0) return rc;
  std::string text = report.str();
  if (full) std::cout << text;
  std::string last = text.substr(text.rfind("macro_f1="));
  while (!last.empty() && last.back() == '\n') last.pop_back();

  std::vector<std::string> messages;
  for (const auto& f : files) {
    auto ex = ReadExamples(f);
    if (!ex.ok()) return 1;
    for (auto& e : *ex) messages.push_back(e.text);
  }
  auto model = Model::Load(model_path);
  if (!model.ok()) {
    std::cerr << model.error().message << "\n";
    return 1;
  }
  Triager triager(config, std::move(*model));
  size_t done = 0;
  size_t bytes = 0;
  double sink = 0;
  // CPU time of this thread: on a shared machine wall time measures the neighbours too.
  auto cpu_now = [] {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
  };
  const double start = cpu_now();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (const auto& m : messages) {
      auto r = triager.Triage(m, "");
      sink += r.ok() ? r->confidence : 0;
      bytes += m.size();
    }
    done += messages.size();
    elapsed = cpu_now() - start;
  }
  char buf[128];
  std::snprintf(buf, sizeof buf, " msgs_per_sec=%.0f MB_per_sec=%.1f", done / elapsed,
                bytes / elapsed / 1e6);
  std::cout << "wardline " << last.substr(0, last.rfind(" n=")) << buf
            << last.substr(last.rfind(" n=")) << (sink < 0 ? "!" : "") << "\n";
  return 0;
}
