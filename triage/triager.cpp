#include "triage/triager.h"

#include <algorithm>

namespace wardline::triage {

Triager::Triager(const AppConfig& config, Model model)
    : config_(config), model_(std::move(model)), wards_(config_.wards, model_.normalizer()) {}

Result<TriageResult> Triager::Triage(std::string_view text,
                                     const std::string& default_ward_slug) const {
  auto norm = model_.normalizer().Normalize(text);
  if (!norm.ok()) return norm.error();
  TriageResult r;
  int ward = wards_.Detect(*norm);
  if (ward >= 0) {
    r.ward_slug = config_.wards[ward].slug;
    r.ward_name = config_.wards[ward].name;
    r.ward_from_text = true;
  } else if (!default_ward_slug.empty()) {
    r.ward_slug = default_ward_slug;
    if (const Ward* w = config_.FindWard(default_ward_slug)) r.ward_name = w->name;
  }
  if (model_.empty()) {
    r.category = "khac";
    r.needs_triage = true;
    r.department = config_.routing.needs_triage_department;
    return r;
  }
  // No word or number at all (empty, stickers, emoji only): "khac" by definition
  // (shared/data/categories.md), without asking the model to guess from its bias.
  const auto& cats = model_.categories();
  if (norm->tokens.empty() && std::find(cats.begin(), cats.end(), "khac") != cats.end()) {
    r.category = "khac";
    r.confidence = 1.0;
    r.department = config_.DepartmentFor(r.ward_slug, r.category);
    if (r.department.empty()) {
      r.needs_triage = true;
      r.department = config_.routing.needs_triage_department;
    }
    return r;
  }
  Prediction p = model_.Predict(*norm);
  r.category = model_.categories()[p.category];
  r.confidence = p.confidence;
  r.urgent_probability = p.urgent_probability;
  r.priority = p.urgent ? Priority::kUrgent : Priority::kNormal;
  r.department = config_.DepartmentFor(r.ward_slug, r.category);
  if (r.confidence < config_.triage.min_confidence || r.department.empty()) {
    r.needs_triage = true;
    r.department = config_.routing.needs_triage_department;
  }
  return r;
}

}  // namespace wardline::triage
