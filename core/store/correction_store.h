// CorrectionStore: staff corrections of triage, kept as extra training data.
// Thread safety: safe to call from many threads.
#pragma once

#include <vector>

#include "core/domain/result.h"
#include "core/domain/types.h"

namespace wardline {

class CorrectionStore {
 public:
  virtual ~CorrectionStore() = default;
  // Errors: kUnavailable.
  virtual Status Add(const TriageCorrection& c) = 0;
  // Oldest first. Errors: kUnavailable.
  virtual Result<std::vector<TriageCorrection>> List() = 0;
};

}  // namespace wardline
