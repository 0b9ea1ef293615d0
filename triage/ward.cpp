#include "triage/ward.h"

#include <algorithm>

namespace wardline::triage {

WardDetector::WardDetector(const std::vector<Ward>& wards, const Normalizer& normalizer) {
  for (size_t i = 0; i < wards.size(); ++i) {
    auto n = normalizer.Normalize(wards[i].name);
    if (!n.ok() || n->tokens.empty()) continue;  // config validation reports bad names
    Entry e{static_cast<int>(i), {}, {}};
    for (const auto& t : n->tokens) e.folded.push_back(t.folded);
    // A configured name may itself start with the word "Phường": drop it.
    if (e.folded.size() > 1 && e.folded[0] == "phuong" && n->tokens[0].text == "phường") {
      e.folded.erase(e.folded.begin());
    }
    for (const auto& f : e.folded) e.initials += f.empty() ? '?' : f[0];
    if (e.initials.size() < 2) e.initials.clear();
    entries_.push_back(std::move(e));
  }
  // Initials shared by two wards name neither.
  for (auto& a : entries_) {
    int same = 0;
    for (const auto& b : entries_) same += !a.initials.empty() && a.initials == b.initials;
    if (same > 1) {
      const std::string dup = a.initials;
      for (auto& b : entries_) {
        if (b.initials == dup) b.initials.clear();
      }
    }
  }
  std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    return a.folded.size() > b.folded.size();
  });
}

int WardDetector::MatchAt(const std::vector<Token>& tk, size_t start,
                          bool allow_initials) const {
  const size_t n = tk.size();
  if (start >= n) return -1;
  for (const auto& e : entries_) {
    const size_t len = e.folded.size();
    if (start + len > n) continue;
    bool match = true;
    for (size_t k = 0; k < len && match; ++k) match = tk[start + k].folded == e.folded[k];
    if (match) return e.index;
  }
  if (allow_initials) {
    for (const auto& e : entries_) {
      if (!e.initials.empty() && tk[start].folded == e.initials) return e.index;
    }
  }
  return -1;
}

int WardDetector::Detect(const NormalizedText& text) const {
  const auto& tk = text.tokens;
  const size_t n = tk.size();
  for (size_t i = 0; i < n; ++i) {
    const std::string& f = tk[i].folded;
    int found = -1;
    if (f == "phuong" || tk[i].text == "p") {
      found = MatchAt(tk, i + 1, /*allow_initials=*/true);
    } else if (f == "ubnd") {
      found = MatchAt(tk, i + 1, /*allow_initials=*/false);
    } else if (f == "uy" && i + 3 < n && tk[i + 1].folded == "ban" && tk[i + 2].folded == "nhan" &&
               tk[i + 3].folded == "dan") {
      found = MatchAt(tk, i + 4, /*allow_initials=*/false);  // "ủy ban nhân dân" / "ubnd"
    } else if (f.size() > 2 && f[0] == 'p' && !tk[i].expanded) {
      // "pvan mieu": the ward's first word glued to "p".
      for (const auto& e : entries_) {
        const size_t len = e.folded.size();
        if (f.compare(1, std::string::npos, e.folded[0]) != 0 || i + len > n) continue;
        bool match = true;
        for (size_t k = 1; k < len && match; ++k) match = tk[i + k].folded == e.folded[k];
        if (match) {
          found = e.index;
          break;
        }
      }
    }
    if (found >= 0) return found;
  }
  return -1;
}

}  // namespace wardline::triage
