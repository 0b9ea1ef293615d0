#include "triage/ward.h"

#include <algorithm>

namespace wardline::triage {

WardDetector::WardDetector(const std::vector<Ward>& wards, const Normalizer& normalizer) {
  for (size_t i = 0; i < wards.size(); ++i) {
    auto n = normalizer.Normalize(wards[i].name);
    if (!n.ok() || n->tokens.empty()) continue;  // config validation reports bad names
    Entry e{static_cast<int>(i), {}};
    for (const auto& t : n->tokens) e.folded.push_back(t.folded);
    // A configured name may itself start with the word "Phường": drop it.
    if (e.folded.size() > 1 && e.folded[0] == "phuong" && n->tokens[0].text == "phường") {
      e.folded.erase(e.folded.begin());
    }
    entries_.push_back(std::move(e));
  }
  std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    return a.folded.size() > b.folded.size();
  });
}

int WardDetector::Detect(const NormalizedText& text) const {
  const auto& tk = text.tokens;
  const size_t n = tk.size();
  for (size_t i = 0; i < n; ++i) {
    // Where the ward name would start if tokens[i..] is a ward introducer.
    size_t start = 0;
    const std::string& f = tk[i].folded;
    if (f == "phuong" || tk[i].text == "p" || f == "ubnd" || f == "ub") {
      start = i + 1;
    } else if (f == "uy" && i + 3 < n && tk[i + 1].folded == "ban" && tk[i + 2].folded == "nhan" &&
               tk[i + 3].folded == "dan") {
      start = i + 4;  // "ủy ban nhân dân" (also what "ubnd" expands to)
    } else {
      continue;
    }
    for (const auto& e : entries_) {
      const size_t len = e.folded.size();
      if (start + len > n) continue;
      bool match = true;
      for (size_t k = 0; k < len && match; ++k) match = tk[start + k].folded == e.folded[k];
      if (match) return e.index;
    }
  }
  return -1;
}

}  // namespace wardline::triage
