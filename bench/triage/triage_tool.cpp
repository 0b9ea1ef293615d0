// wardline_triage_tool: the triage sub-commands (triage, eval, cluster) with the sample
// district of tests/triage/test_config.h, for benchmarks and for working on triage while the
// full `wardline` binary is not needed. Usage: wardline_triage_tool triage|eval|cluster ARGS...
// (the same arguments as `wardline triage|eval|cluster`, see triage/cli.h; --model FILE).
#include <iostream>
#include <string>
#include <vector>

#include "tests/triage/test_config.h"
#include "triage/cli.h"
#include "triage/scope_rules.h"
#include "triage/segment.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: wardline_triage_tool triage|eval|cluster ARGS...\n";
    return 2;
  }
  const std::string cmd = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  std::string model;
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--model") model = args[i + 1];
  }
  wardline::AppConfig config = wardline::triage::testing::SampleConfig(model);
  using namespace wardline::triage;
  if (cmd == "triage") return TriageCommand(config, args, std::cin, std::cout, std::cerr);
  if (cmd == "cues") {  // debugging: the scope cues of each stdin line
    Normalizer n;
    std::string line;
    while (std::getline(std::cin, line)) {
      auto t = n.Normalize(line);
      if (!t.ok()) continue;
      auto c = FindScopeCues(*t);
      std::cout << (c.Decided().empty() ? "-" : c.Decided()) << " |";
      for (const char* m : c.matched) std::cout << " " << m << ";";
      std::cout << "\n";
    }
    return 0;
  }
  if (cmd == "segments") {  // debugging: clauses of each stdin line and their categories
    auto loaded = Model::Load(model.empty() ? std::string("triage.model") : model);
    if (!loaded.ok()) return 1;
    const Model* m = &*loaded;
    std::string line;
    while (std::getline(std::cin, line)) {
      auto t = m->normalizer().Normalize(line);
      if (!t.ok()) continue;
      auto starts = SegmentClauses(*t);
      Prediction whole;
      std::vector<SegmentPrediction> segs;
      m->PredictSegments(*t, starts, whole, segs);
      std::cout << "whole " << m->categories()[whole.category] << " " << whole.confidence << "\n";
      for (const auto& sp : segs) {
        std::cout << "  [" << m->categories()[sp.category] << " " << sp.confidence << " w="
                  << sp.weight << " whole_p=" << whole.probabilities[sp.category] << "] ";
        for (size_t k = sp.first_token; k < sp.end_token; ++k) std::cout << t->tokens[k].text << " ";
        std::cout << "\n";
      }
    }
    return 0;
  }
  if (cmd == "eval") return EvalCommand(config, args, std::cout, std::cerr);
  if (cmd == "cluster") return ClusterCommand(config, args, std::cin, std::cout, std::cerr);
  std::cerr << "wardline_triage_tool: unknown command " << cmd << "\n";
  return 2;
}
