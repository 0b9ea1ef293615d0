// Command-line front ends of triage, called by the `wardline` main (gateway/main.cpp).
// Each takes the arguments AFTER the sub-command name and returns the process exit code
// (0 success, 1 runtime failure such as a missing model or unreadable file, 2 usage error).
//
//   wardline triage [--model FILE] [--ward SLUG] [--json] TEXT...
//       One message; prints category, department, priority, ward, confidence (text or JSON).
//   wardline triage [--model FILE] --jsonl
//       JSON Lines on `in`, each {"id": ..., "text": ...}; writes one line per input line:
//       {"id", "category", "department", "priority", "ward" (proper name or null),
//        "confidence"}; a bad line gives {"id", "error"} and exit code 1 at the end.
//   wardline eval [--model FILE] [--errors] FILE.jsonl...
//       Per-category precision/recall/F1, confusion matrix, urgent recall/precision, ward
//       accuracy; the LAST line is exactly
//       "macro_f1=0.xxx accuracy=0.xxx urgent_recall=0.xxx ward_accuracy=0.xxx n=N".
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
#include "triage/model.h"

namespace wardline::triage {

int TriageCommand(const AppConfig& config, const std::vector<std::string>& args, std::istream& in,
                  std::ostream& out, std::ostream& err);

int EvalCommand(const AppConfig& config, const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err);

int TrainCommand(const std::vector<std::string>& args, const std::vector<Example>& extra,
                 std::ostream& out, std::ostream& err);

// Staff corrections as training examples (category and ward from the correction; priority
// unknown, so they do not train the urgency output).
std::vector<Example> ExamplesFromCorrections(const std::vector<TriageCorrection>& corrections,
                                             const AppConfig& config);

}  // namespace wardline::triage
