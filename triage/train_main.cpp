// wardline_train_model: builds the shipped triage model from the corpus at build time.
// Usage: wardline_train_model CORPUS.jsonl|DIR... --out FILE [--abbreviations FILE] [options]
// (the same options as `wardline train`, see triage/cli.h).
#include <iostream>
#include <string>
#include <vector>

#include "triage/cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return wardline::triage::TrainCommand(args, {}, std::cout, std::cerr);
}
