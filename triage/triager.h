// Triager: one message in, a routing decision out (category, confidence, urgency, ward,
// department), using the configured gazetteer and routing table and a trained Model.
//
// Example:
//   auto model = Model::Load(config.triage.model_path);
//   Triager triager(config, std::move(*model));
//   auto r = triager.Triage("đèn đường ngõ 5 Láng Hạ hỏng", "lang-ha");
//
// Thread safety: immutable after construction; Triage() is const and safe to call from many
// threads at once. The Triager keeps its own copy of the wards and routing it needs, so the
// AppConfig may go away after construction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/domain/config.h"
#include "core/domain/result.h"
#include "core/domain/types.h"
#include "triage/model.h"
#include "triage/ward.h"

namespace wardline::triage {

struct TriageResult {
  std::string category;        // predicted category id (also when needs_triage)
  double confidence = 0;       // softmax probability of `category`, 0..1
  Priority priority = Priority::kNormal;
  double urgent_probability = 0;
  std::string ward_slug;       // ward named in the text, else the default ward; may be empty
  std::string ward_name;       // proper name ("Kim Liên") of ward_slug, or empty
  bool ward_from_text = false; // true when the text itself names the ward
  std::string department;      // routing-table department, or the needs-triage department
  bool needs_triage = false;   // confidence < min_confidence (or no route for the category)
};

class Triager {
 public:
  Triager(const AppConfig& config, Model model);

  // `default_ward_slug`: the ward the case was filed under (ward site, ward OA); "" if none.
  // Errors: kInvalidArgument when `text` is not valid UTF-8.
  Result<TriageResult> Triage(std::string_view text, const std::string& default_ward_slug) const;

  const Model& model() const { return model_; }

 private:
  AppConfig config_;  // copy: wards, routing, triage thresholds
  Model model_;
  WardDetector wards_;
};

}  // namespace wardline::triage
