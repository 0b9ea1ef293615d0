#include "triage/ward.h"

#include <algorithm>
#include <map>

namespace wardline::triage {

WardDetector::WardDetector(const std::vector<Ward>& wards, const Normalizer& normalizer) {
  // Names to match: the ward's own name, its former names, and split former names (one entry
  // per distinct name, listing every successor).
  struct Name {
    std::string text;
    int index;
  };
  std::vector<Name> names;
  std::map<std::string, std::vector<int>> split;
  streets_.resize(wards.size());
  for (size_t i = 0; i < wards.size(); ++i) {
    names.push_back({wards[i].name, static_cast<int>(i)});
    for (const auto& a : wards[i].aliases) names.push_back({a, static_cast<int>(i)});
    for (const auto& a : wards[i].partial_aliases) split[a].push_back(static_cast<int>(i));
    for (const auto& st : wards[i].streets) {
      auto n = normalizer.Normalize(st);
      if (!n.ok() || n->tokens.empty()) continue;
      std::vector<std::string> f;
      for (const auto& t : n->tokens) f.push_back(t.folded);
      streets_[i].push_back(std::move(f));
    }
  }
  for (const auto& [a, succ] : split) names.push_back({a, succ.size() == 1 ? succ[0] : -1});
  for (const auto& nm : names) {
    auto n = normalizer.Normalize(nm.text);
    if (!n.ok() || n->tokens.empty()) continue;  // config validation reports bad names
    Entry e{nm.index, {}, {}, {}};
    if (nm.index < 0) e.split = split[nm.text];
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

const WardDetector::Entry* WardDetector::EntryAt(const std::vector<Token>& tk, size_t start,
                                                 bool allow_initials) const {
  const size_t n = tk.size();
  if (start >= n) return nullptr;
  for (const auto& e : entries_) {
    const size_t len = e.folded.size();
    if (start + len > n) continue;
    bool match = true;
    for (size_t k = 0; k < len && match; ++k) match = tk[start + k].folded == e.folded[k];
    if (match) return &e;
  }
  if (allow_initials) {
    for (const auto& e : entries_) {
      if (!e.initials.empty() && tk[start].folded == e.initials) return &e;
    }
  }
  return nullptr;
}

int WardDetector::MatchAt(const std::vector<Token>& tk, size_t start,
                          bool allow_initials) const {
  const Entry* e = EntryAt(tk, start, allow_initials);
  return e ? e->index : -1;
}

WardDetector::Detection WardDetector::Resolve(const Entry& e, const NormalizedText& text) const {
  Detection d;
  if (e.index >= 0) {
    d.index = e.index;
    return d;
  }
  // A split former ward: the successors whose streets the text names.
  const auto& tk = text.tokens;
  std::vector<int> hit;
  for (int w : e.split) {
    bool found = false;
    for (const auto& st : streets_[static_cast<size_t>(w)]) {
      for (size_t i = 0; i + st.size() <= tk.size() && !found; ++i) {
        size_t k = 0;
        while (k < st.size() && tk[i + k].folded == st[k]) ++k;
        found = k == st.size();
      }
      if (found) break;
    }
    if (found) hit.push_back(w);
  }
  if (hit.size() == 1) {
    d.index = hit[0];
  } else {
    d.ambiguous = true;
    d.candidates = e.split;
  }
  return d;
}

int WardDetector::Detect(const NormalizedText& text) const { return DetectWard(text).index; }

WardDetector::Detection WardDetector::DetectWard(const NormalizedText& text) const {
  const auto& tk = text.tokens;
  const size_t n = tk.size();
  for (size_t i = 0; i < n; ++i) {
    const std::string& f = tk[i].folded;
    const Entry* found = nullptr;
    if (f == "phuong" || tk[i].text == "p") {
      found = EntryAt(tk, i + 1, /*allow_initials=*/true);
    } else if (f == "ubnd") {
      found = EntryAt(tk, i + 1, /*allow_initials=*/false);
    } else if (f == "uy" && i + 3 < n && tk[i + 1].folded == "ban" && tk[i + 2].folded == "nhan" &&
               tk[i + 3].folded == "dan") {
      found = EntryAt(tk, i + 4, /*allow_initials=*/false);  // "ủy ban nhân dân" / "ubnd"
    } else if (f.size() > 2 && f[0] == 'p' && !tk[i].expanded) {
      // "pvan mieu": the ward's first word glued to "p".
      for (const auto& e : entries_) {
        const size_t len = e.folded.size();
        if (f.compare(1, std::string::npos, e.folded[0]) != 0 || i + len > n) continue;
        bool match = true;
        for (size_t k = 1; k < len && match; ++k) match = tk[i + k].folded == e.folded[k];
        if (match) {
          found = &e;
          break;
        }
      }
    }
    if (found) return Resolve(*found, text);
  }
  return {};
}

}  // namespace wardline::triage
