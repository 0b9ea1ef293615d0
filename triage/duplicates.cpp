#include "triage/duplicates.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

namespace wardline::triage {
namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;
constexpr uint32_t kUnseen = UINT32_MAX;

uint64_t Hash(char group, std::string_view a, std::string_view b = {}) {
  uint64_t h = (kFnvOffset ^ static_cast<unsigned char>(group)) * kFnvPrime;
  for (unsigned char c : a) h = (h ^ c) * kFnvPrime;
  if (!b.empty()) {
    h = (h ^ ' ') * kFnvPrime;
    for (unsigned char c : b) h = (h ^ c) * kFnvPrime;
  }
  return h;
}

double DistanceM(const GeoPoint& a, const GeoPoint& b) {
  constexpr double kR = 6371000.0;
  constexpr double kDeg = M_PI / 180.0;
  const double dlat = (b.lat - a.lat) * kDeg;
  const double dlon = (b.lon - a.lon) * kDeg;
  const double s = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kDeg) * std::cos(b.lat * kDeg) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * kR * std::asin(std::min(1.0, std::sqrt(s)));
}

// Words after which a number is part of an address ("ngõ 61", "số 15", "ngách 2").
bool AddressWord(const std::string& f) {
  return f == "ngo" || f == "ngach" || f == "hem" || f == "kiet" || f == "so" || f == "nha" ||
         f == "toa" || f == "lo" || f == "day";
}

// Very common words of reports that say nothing about the incident; they keep a weight (IDF
// does most of the work) but do not generate candidates.
bool Filler(const std::string& f) {
  static const char* const kWords[] = {"phuong", "de", "nghi", "nha", "khong", "co", "da", "cho",
                                       "o", "va", "la", "roi", "ma", "thi", "cua", "cac", "nhung",
                                       "duoc", "xu", "ly", "giup", "voi", "toi", "em", "minh",
                                       "oi", "a", "nay", "ngay", "hom", "qua", "rat", "lam", "gi",
                                       "ai", "den", "len", "ra", "vao", "tren", "duong", "ngo"};
  for (const char* w : kWords) {
    if (f == w) return true;
  }
  return false;
}

bool Disjoint(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const auto& x : a) {
    if (std::find(b.begin(), b.end(), x) != b.end()) return false;
  }
  return true;
}

struct RawTerm {
  float tf = 0;
  bool filler = false;
};

// Hashed terms of a normalised text and its place numbers.
void ExtractTerms(const NormalizedText& n, double char_weight, std::map<uint64_t, RawTerm>& tf,
                  std::vector<std::string>& numbers) {
  const auto& tk = n.tokens;
  const std::string* prev = nullptr;
  for (size_t i = 0; i < tk.size(); ++i) {
    const std::string& f = tk[i].folded;
    if (tk[i].is_number && i > 0 && AddressWord(tk[i - 1].folded)) numbers.push_back(f);
    const bool filler = Filler(f);
    RawTerm& u = tf[Hash('u', f)];
    u.tf += 1.0f;
    u.filler = filler;
    if (prev) {
      RawTerm& b = tf[Hash('b', *prev, f)];
      b.tf += 1.0f;
      b.filler = filler && Filler(*prev);
    }
    if (!tk[i].is_number && f.size() >= 5 && char_weight > 0) {
      for (size_t k = 0; k + 4 <= f.size(); ++k) {
        RawTerm& c = tf[Hash('c', std::string_view(f).substr(k, 4))];
        c.tf += static_cast<float>(char_weight);
        c.filler = true;  // weighs in the score, does not generate candidates
      }
    }
    prev = &f;
  }
}

}  // namespace

DuplicateClusterer::DuplicateClusterer(Normalizer normalizer, DuplicateOptions options)
    : normalizer_(std::move(normalizer)), options_(options) {}

std::optional<int64_t> DuplicateClusterer::ParseTime(const std::string& s) {
  int y, mo, d, h, mi, se;
  char tail[16] = {0};
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%15s", &y, &mo, &d, &h, &mi, &se, tail) < 6) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return std::nullopt;
  // Days from civil (Howard Hinnant's algorithm).
  const int yy = y - (mo <= 2);
  const int era = (yy >= 0 ? yy : yy - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(yy - era * 400);
  const unsigned doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = static_cast<int64_t>(era) * 146097 + doe - 719468;
  int64_t t = days * 86400 + h * 3600 + mi * 60 + se;
  std::string z = tail;
  size_t p = 0;
  while (p < z.size() && (z[p] == '.' || (z[p] >= '0' && z[p] <= '9'))) ++p;  // fractions
  z = z.substr(p);
  if (z.empty() || z == "Z") return t;
  int oh = 0, om = 0;
  if ((z[0] == '+' || z[0] == '-') && std::sscanf(z.c_str() + 1, "%2d:%2d", &oh, &om) >= 1) {
    const int64_t off = oh * 3600 + om * 60;
    return z[0] == '+' ? t - off : t + off;
  }
  return std::nullopt;
}

bool DuplicateClusterer::Prepare(const std::string& text, Query& q) const {
  q.terms.clear();
  q.numbers.clear();
  auto n = normalizer_.Normalize(text);
  if (!n.ok()) return false;
  std::map<uint64_t, RawTerm> tf;
  ExtractTerms(*n, options_.char_weight, tf, q.numbers);
  // Unseen terms keep kUnseen: they weigh in the norm and match nothing.
  for (const auto& [h, v] : tf) {
    auto it = vocab_.find(h);
    q.terms.push_back({it == vocab_.end() ? kUnseen : it->second, v.tf});
  }
  return true;
}

void DuplicateClusterer::RefreshIdf() const {
  if (idf_cache_.size() == df_.size() && docs_ <= idf_docs_ + idf_docs_ / 20 + 16) return;
  idf_cache_.resize(df_.size());
  for (size_t t = 0; t < df_.size(); ++t) {
    idf_cache_[t] = static_cast<float>(std::log((static_cast<double>(docs_) + 2.0) / (df_[t] + 1.0)) + 1.0);
  }
  idf_docs_ = docs_;
  ++idf_version_;
}

double DuplicateClusterer::Idf(uint32_t term) const {
  if (term != kUnseen && term < idf_cache_.size()) return idf_cache_[term];
  return std::log((static_cast<double>(idf_docs_) + 2.0) / 1.0) + 1.0;
}

double DuplicateClusterer::Score(const DuplicateItem& item, const Query& q, double q_norm,
                                 const Stored& s) const {
  double dist = -1;
  if (item.point && s.point) {
    dist = DistanceM(*item.point, *s.point);
    if (dist > options_.max_distance_m) return 0;
  }
  // Cosine: both term lists are sorted by id (unseen ids last in q).
  double dot = 0;
  const bool fresh = s.norm_version == idf_version_;
  double s_norm = 0;
  size_t i = 0;
  for (const auto& t : s.terms) {
    const double idf = Idf(t.id);
    const double w = t.tf * idf;
    if (!fresh) s_norm += w * w;
    while (i < q.terms.size() && q.terms[i].id < t.id) ++i;
    if (i < q.terms.size() && q.terms[i].id == t.id) dot += w * q.terms[i].tf * idf;
  }
  if (!fresh) {
    s.norm = static_cast<float>(std::sqrt(s_norm));
    s.norm_version = idf_version_;
  }
  if (dot <= 0 || s.norm <= 0 || q_norm <= 0) return 0;
  double score = dot / (s.norm * q_norm);
  if (options_.baseline) return score;
  if (!q.numbers.empty() && !s.numbers.empty() && Disjoint(q.numbers, s.numbers)) {
    score *= options_.number_penalty;
  }
  if (!item.category.empty() && !s.category.empty() && item.category != s.category) {
    score *= options_.category_penalty;
  }
  if (!item.ward.empty() && !s.ward.empty() && item.ward != s.ward) score *= options_.ward_penalty;
  if (dist >= 0 && dist <= options_.near_distance_m) score += options_.near_bonus;
  return score;
}

std::vector<std::pair<std::string, double>> DuplicateClusterer::Candidates(
    const DuplicateItem& item) const {
  std::vector<std::pair<std::string, double>> out;
  Query q;
  if (!Prepare(item.text, q)) return out;
  std::sort(q.terms.begin(), q.terms.end(), [](const Term& a, const Term& b) { return a.id < b.id; });
  RefreshIdf();
  double qn = 0;
  for (const auto& t : q.terms) qn += (t.tf * Idf(t.id)) * (t.tf * Idf(t.id));
  qn = std::sqrt(qn);
  const int64_t oldest = item.at - options_.window_seconds;
  if (seen_.size() < items_.size()) seen_.resize(items_.size(), 0);
  if (++stamp_ == 0) {
    std::fill(seen_.begin(), seen_.end(), 0);
    stamp_ = 1;
  }
  std::unordered_map<std::string, double> best;
  // Very common terms (in more than 3 % of the documents) do not generate candidates: an item
  // of the same incident shares rarer ones (the place, the object).
  const uint32_t max_df = static_cast<uint32_t>(std::max<size_t>(8, docs_ * 3 / 100));
  for (const auto& t : q.terms) {
    if (t.id == kUnseen || df_[t.id] > max_df) continue;
    const auto& post = postings_[t.id];
    for (size_t k = post.size(); k-- > postings_start_[t.id];) {
      const uint32_t idx = post[k];
      const Stored& s = items_[idx];
      if (s.at < oldest) break;
      if (seen_[idx] == stamp_ || s.at > item.at + options_.window_seconds) continue;
      seen_[idx] = stamp_;
      const double sc = Score(item, q, qn, s);
      if (sc <= 0) continue;
      double& b = best[s.cluster];
      b = std::max(b, sc);
    }
  }
  for (const auto& [cluster, score] : best) {
    if (item.point) {
      auto cp = cluster_point_.find(cluster);
      if (cp != cluster_point_.end() && DistanceM(*item.point, cp->second) > options_.max_distance_m) {
        continue;
      }
    }
    out.emplace_back(cluster, score);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return out;
}

void DuplicateClusterer::Expire(int64_t now) {
  const int64_t oldest = now - options_.window_seconds;
  while (first_live_ < items_.size() && items_[first_live_].at < oldest) ++first_live_;
  // Compact when most of the store is expired: drop old items, rebuild the postings.
  if (first_live_ >= 4096 && first_live_ * 2 >= items_.size()) {
    items_.erase(items_.begin(), items_.begin() + static_cast<long>(first_live_));
    first_live_ = 0;
    for (auto& p : postings_) p.clear();
    std::fill(postings_start_.begin(), postings_start_.end(), 0);
    for (size_t i = 0; i < items_.size(); ++i) {
      for (const auto& t : items_[i].terms) {
        if (!filler_[t.id]) postings_[t.id].push_back(static_cast<uint32_t>(i));
      }
    }
    seen_.assign(items_.size(), 0);
  }
}

std::string DuplicateClusterer::Add(const DuplicateItem& item) {
  Expire(item.at);
  auto cands = Candidates(item);
  Stored s;
  s.cluster = !cands.empty() && cands[0].second >= options_.threshold ? cands[0].first : item.id;
  s.ward = item.ward;
  s.point = item.point;
  s.at = item.at;
  s.category = item.category;
  // Terms with ids (new terms get one) and document frequencies.
  auto n = normalizer_.Normalize(item.text);
  if (n.ok()) {
    std::map<uint64_t, RawTerm> tf;
    ExtractTerms(*n, options_.char_weight, tf, s.numbers);
    const uint32_t index = static_cast<uint32_t>(items_.size());
    for (const auto& [h, v] : tf) {
      auto [it, inserted] = vocab_.emplace(h, static_cast<uint32_t>(df_.size()));
      if (inserted) {
        df_.push_back(0);
        postings_.emplace_back();
        postings_start_.push_back(0);
        filler_.push_back(v.filler);
      }
      const uint32_t id = it->second;
      ++df_[id];
      s.terms.push_back({id, v.tf});
      if (!v.filler) postings_[id].push_back(index);
    }
    std::sort(s.terms.begin(), s.terms.end(),
              [](const Term& a, const Term& b) { return a.id < b.id; });
    ++docs_;
  }
  if (s.point) cluster_point_.emplace(s.cluster, *s.point);
  std::string cluster = s.cluster;
  items_.push_back(std::move(s));
  return cluster;
}

}  // namespace wardline::triage
