// Command-line front ends of triage, called by the `wardline` main (gateway/main.cpp).
// Each takes the arguments AFTER the sub-command name and returns the process exit code
// (0 success, 1 runtime failure such as a missing model or unreadable file, 2 usage error).
//
//   wardline triage [--model FILE] [--ward SLUG] [--json] TEXT...
//       One message; prints category, department, priority, ward, confidence (text or JSON).
//   wardline triage [--model FILE] --jsonl
//       JSON Lines on `in`, each {"id": ..., "text": ...}; writes one line per input line:
//       {"id", "scope", "scope_confidence", "category", "department", "priority", "ward" (proper
//        name or null), "confidence", "issues": [{"category","department","text"}...]};
//       a bad line gives {"id", "error"} and exit code 1 at the end.
//   wardline eval [--model FILE] [--errors] FILE.jsonl...
//       The kind of file decides the report (all files of one kind):
//       - category files (dev_a, dev_b): per-category precision/recall/F1, confusion matrix,
//         urgent recall/precision, ward accuracy; the LAST line is exactly
//         "macro_f1=0.xxx accuracy=0.xxx urgent_recall=0.xxx ward_accuracy=0.xxx n=N";
//       - lines with "scope": per-scope P/R/F1 and confusion; last line
//         "scope_macro_f1=… to_cao_recall=… accuracy=… n=N";
//       - lines with "issues" (a list): multi-problem detection P/R/F1 and exact category-set
//         accuracy; last line "multi_f1=… set_accuracy=… n=N";
//       - lines with "cluster": B-cubed and pairwise P/R/F1 of `wardline cluster` and of the
//         plain TF-IDF + distance baseline; last line "bcubed_f1=… pairwise_precision=… …".
//   wardline cluster [--model FILE] [--threshold T] [--baseline] --jsonl
//       JSON Lines on `in`, each {"id","text","channel","ward","lat","lon","at"}; processes them
//       in time order as the live hub would and writes {"id","cluster"} per line (the cluster id
//       is the id of the cluster's first message).
//   wardline train CORPUS.jsonl|DIR... --out FILE [--abbreviations FILE]
//                  [--urgent-phrases FILE ("" = none)] [--epochs N] ...
//       Trains a model from the corpus files (a directory means all its *.jsonl) plus `extra`
//       (staff corrections) and writes it atomically to FILE.
//
// The model comes from config.triage.model_path unless --model is given.
// Thread safety: functions are reentrant; they share no state.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "core/domain/config.h"
#include "triage/duplicates.h"
#include "triage/model.h"

namespace wardline::triage {

int TriageCommand(const AppConfig& config, const std::vector<std::string>& args, std::istream& in,
                  std::ostream& out, std::ostream& err);

int EvalCommand(const AppConfig& config, const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err);

int ClusterCommand(const AppConfig& config, const std::vector<std::string>& args, std::istream& in,
                   std::ostream& out, std::ostream& err);

class Triager;

// Clusters `items` in time order exactly as the live hub would (triage category of each item
// first, then DuplicateClusterer::Add); returns the cluster id of every item (input order).
std::vector<std::string> ClusterItems(const Triager& triager, std::vector<DuplicateItem> items,
                                      const DuplicateOptions& options);

// Agreement of a predicted partition with the gold one (labels are arbitrary).
struct PartitionScores {
  double bcubed_precision = 0, bcubed_recall = 0, bcubed_f1 = 0;
  double pairwise_precision = 0, pairwise_recall = 0, pairwise_f1 = 0;
};
PartitionScores ScorePartition(const std::vector<std::string>& gold,
                               const std::vector<std::string>& pred);

int TrainCommand(const std::vector<std::string>& args, const std::vector<Example>& extra,
                 std::ostream& out, std::ostream& err);

// Staff corrections as training examples (category and ward from the correction; priority
// unknown, so they do not train the urgency output).
std::vector<Example> ExamplesFromCorrections(const std::vector<TriageCorrection>& corrections,
                                             const AppConfig& config);

}  // namespace wardline::triage
