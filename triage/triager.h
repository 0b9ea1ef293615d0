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

// One problem of a message (a message may report several, see triage/segment.h).
struct Issue {
  std::string category;
  std::string department;  // routing-table department of `category` in the result's ward
  std::string text;        // the part of the message (NFC) that reports it
};

struct TriageResult {
  std::string category;        // predicted category id (also when needs_triage)
  double confidence = 0;       // softmax probability of `category`, 0..1
  Priority priority = Priority::kNormal;
  double urgent_probability = 0;
  std::string ward_slug;       // ward named in the text, else the default ward; may be empty
  std::string ward_name;       // proper name ("Kim Liên") of ward_slug, or empty
  bool ward_from_text = false; // true when the text itself names the ward
  std::string department;      // routing-table department, or the needs-triage department
  bool needs_triage = false;   // confidence < min_confidence, no route for the category, or a
                               // former ward name split between successors (ward_ambiguous)
  // Scope gate (shared/data/categories.md): "phan_anh" (ordinary report), "khieu_nai" (contests
  // an administrative decision), "to_cao" (denounces an official's violation; must not reach the
  // ordinary queue or a public page: the case layer decides where it goes), "ngoai_tham_quyen"
  // (not the ward's business). "phan_anh" with confidence 1 when the model has no scope head.
  std::string scope = "phan_anh";
  double scope_confidence = 0;
  // The problems the message reports, in order of first mention; one element for a message
  // with one problem (then equal to category/department). Meaningful for phan_anh.
  std::vector<Issue> issues;
  bool ward_ambiguous = false;  // the text names a former ward now split between wards
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
  // Issues from the whole-message prediction and the per-clause ones.
  void FillIssues(const NormalizedText& norm, const Prediction& whole,
                  const std::vector<size_t>& starts,
                  const std::vector<SegmentPrediction>& segments, TriageResult& r) const;
};

}  // namespace wardline::triage
