#include "triage/triager.h"

#include <algorithm>

#include "triage/scope_rules.h"
#include "triage/segment.h"

namespace wardline::triage {

Triager::Triager(const AppConfig& config, Model model)
    : config_(config), model_(std::move(model)), wards_(config_.wards, model_.normalizer()) {}

Result<TriageResult> Triager::Triage(std::string_view text,
                                     const std::string& default_ward_slug) const {
  auto norm = model_.normalizer().Normalize(text);
  if (!norm.ok()) return norm.error();
  TriageResult r;
  const WardDetector::Detection det = wards_.DetectWard(*norm);
  const int ward = det.index;
  r.ward_ambiguous = det.ambiguous;
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
    r.issues.push_back({r.category, r.department, norm->nfc});
    return r;
  }
  // No word or number at all (empty, stickers, emoji only): "khac" by definition
  // (shared/data/categories.md), without asking the model to guess from its bias.
  const auto& cats = model_.categories();
  if (norm->tokens.empty() && std::find(cats.begin(), cats.end(), "khac") != cats.end()) {
    r.category = "khac";
    r.confidence = 1.0;
    r.scope_confidence = 1.0;
    r.department = config_.DepartmentFor(r.ward_slug, r.category);
    if (r.department.empty()) {
      r.needs_triage = true;
      r.department = config_.routing.needs_triage_department;
    }
    r.issues.push_back({r.category, r.department, norm->nfc});
    return r;
  }
  thread_local std::vector<SegmentPrediction> segments;
  const std::vector<size_t> starts = SegmentClauses(*norm);
  Prediction p;
  model_.PredictSegments(*norm, starts, p, segments);
  r.category = model_.categories()[p.category];
  if (p.scope >= 0) {
    r.scope = model_.scopes()[p.scope];
    r.scope_confidence = p.scope_confidence;
  } else {
    r.scope_confidence = 1.0;
  }
  // The cues (triage/scope_rules.h) decide when they fire: what the message says happened
  // outweighs the model's reading of its wording.
  const std::string cued = FindScopeCues(*norm).Decided();
  if (!cued.empty() && cued != r.scope) {
    r.scope = cued;
    r.scope_confidence = 0.75;  // rule decision: no calibrated probability
  }
  r.confidence = p.confidence;
  r.urgent_probability = p.urgent_probability;
  r.priority = p.urgent ? Priority::kUrgent : Priority::kNormal;
  r.department = config_.DepartmentFor(r.ward_slug, r.category);
  FillIssues(*norm, p, starts, segments, r);
  if (r.confidence < config_.triage.min_confidence || r.department.empty() || r.ward_ambiguous) {
    r.needs_triage = true;
    r.department = config_.routing.needs_triage_department;
  }
  return r;
}

namespace {

// A clause counts as a problem of its own when its classifier is this sure of it, it carries at
// least this share of the message's feature mass, and the whole-message classifier gives its
// category at least kMinWhole: a confident but tiny clause ("cảm ơn phường") does not.
constexpr float kMinClauseConfidence = 0.65f;
// A clause whose category is a usual consequence of a problem already found (a blocked drain
// smells, a burst pipe floods the road, an outage stops the water pump) is a separate problem
// only when its classifier is nearly sure.
constexpr float kConsequenceConfidence = 0.95f;
bool UsualConsequence(const std::string& cause, const std::string& effect) {
  static const std::pair<const char*, const char*> kPairs[] = {
      {"thoat_nuoc", "moi_truong"}, {"thoat_nuoc", "giao_thong"}, {"cap_nuoc", "thoat_nuoc"},
      {"cap_nuoc", "giao_thong"},   {"chieu_sang", "cap_nuoc"},   {"cay_xanh", "chieu_sang"},
      {"cay_xanh", "giao_thong"},   {"moi_truong", "y_te"},       {"thoat_nuoc", "y_te"}};
  for (const auto& [c, e] : kPairs) {
    if (cause == c && effect == e) return true;
  }
  return false;
}
constexpr float kMinClauseWeight = 0.12f;
constexpr float kMinWhole = 0.001f;
constexpr size_t kMaxIssues = 4;

std::string Span(const NormalizedText& n, size_t first, size_t end) {
  if (first >= end || end > n.tokens.size()) return n.nfc;
  const size_t b = n.tokens[first].begin;
  const size_t e = n.tokens[end - 1].end;
  return e > b ? n.nfc.substr(b, e - b) : n.nfc;
}

}  // namespace

void Triager::FillIssues(const NormalizedText& norm, const Prediction& whole,
                         const std::vector<size_t>& starts,
                         const std::vector<SegmentPrediction>& segments, TriageResult& r) const {
  const auto& cats = model_.categories();
  const int primary = whole.category;
  struct Found {
    int category;
    size_t first, end;  // token span of its first clause
  };
  std::vector<Found> found;
  auto has = [&](int c) {
    return std::any_of(found.begin(), found.end(), [&](const Found& f) { return f.category == c; });
  };
  int primary_at = -1;  // index in `found` of the primary category
  for (const auto& sp : segments) {
    if (sp.category < 0) continue;
    const bool is_primary = sp.category == primary;
    bool consequence = false;
    for (const auto& f : found) consequence |= UsualConsequence(cats[f.category], cats[sp.category]);
    const bool confident =
        sp.confidence >= (consequence ? kConsequenceConfidence : kMinClauseConfidence) &&
        sp.weight >= kMinClauseWeight && whole.probabilities[sp.category] >= kMinWhole &&
        cats[sp.category] != "khac";
    if (has(sp.category)) {
      // Same category again: extend its text when adjacent.
      for (auto& f : found) {
        if (f.category == sp.category && f.end == sp.first_token) f.end = sp.end_token;
      }
      continue;
    }
    if (is_primary || confident) {
      if (is_primary) primary_at = static_cast<int>(found.size());
      found.push_back({sp.category, sp.first_token, sp.end_token});
    } else if (!found.empty() && found.back().end == sp.first_token) {
      found.back().end = sp.end_token;  // an unsure clause continues the previous problem
    }
  }
  if (primary_at < 0) {
    found.insert(found.begin(), {primary, 0, norm.tokens.size()});
  }
  // "khac" (greetings, thanks) is a problem only when nothing else is.
  if (found.size() > 1) {
    found.erase(std::remove_if(found.begin(), found.end(),
                               [&](const Found& f) { return cats[f.category] == "khac"; }),
                found.end());
  }
  if (found.size() > kMaxIssues) found.resize(kMaxIssues);
  r.issues.clear();
  for (const auto& f : found) {
    Issue is;
    is.category = cats[f.category];
    is.department = config_.DepartmentFor(r.ward_slug, is.category);
    if (is.department.empty()) is.department = config_.routing.needs_triage_department;
    is.text = found.size() == 1 ? norm.nfc : Span(norm, f.first, f.end);
    r.issues.push_back(std::move(is));
  }
  (void)starts;
}

}  // namespace wardline::triage
