// Duplicate incidents: an incremental clusterer that groups reports of one incident (the same
// problem at the same place within hours or a couple of days, on any channel, follow-ups such as
// "vẫn chưa ai đến xử lý" included; shared/data/categories.md, "Duplicate clustering").
//
// Items arrive in time order (live: as the hub receives them; offline: `wardline cluster`), and
// each one either joins the best open cluster or opens its own. The score of an item against a
// cluster is its best score against the cluster's recent items:
//   - text: cosine of TF-IDF vectors of folded word unigrams and bigrams (document frequencies
//     are counted over everything seen so far, so the same code works from the first message),
//     plus character 4-grams of longer words at a lower weight (typos, glued words);
//   - place numbers: "ngõ 61" and "ngõ 63" of one street are different places, so two texts
//     that both give house/alley numbers and share none score low;
//   - category: two items whose triage categories differ are another problem at the same place;
//   - distance, when both carry a point: beyond `max_distance_m` never the same incident, within
//     `near_distance_m` a bonus;
//   - ward: a different known ward is a penalty (an incident on a boundary street may be filed
//     with either ward);
//   - time: only items within `window_seconds` of the new one are compared.
// With `baseline` the rules are off: plain TF-IDF cosine plus the distance cut-off (the
// comparison figure in bench/triage).
//
// Thread safety: not thread-safe (one clusterer per ward group, behind the hub's lock); the
// const methods may run concurrently with each other but not with Add().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/domain/types.h"
#include "triage/normalize.h"

namespace wardline::triage {

struct DuplicateItem {
  std::string id;
  std::string text;            // the message as received (normalised by the clusterer)
  std::string ward;            // ward slug known from the channel, or ""
  std::optional<GeoPoint> point;
  int64_t at = 0;              // seconds since the epoch
  std::string category;        // triage category, or "" when unknown
};

struct DuplicateOptions {
  double threshold = 0.20;             // minimum score to join a cluster
  int64_t window_seconds = 3 * 86400;  // compare with items at most this old
  double max_distance_m = 200;         // two points further apart: different incidents
  double near_distance_m = 80;         // two points this close: bonus
  double near_bonus = 0.15;
  double category_penalty = 0.45;      // factor when triage categories differ
  double number_penalty = 0.10;        // factor when place numbers are given and disjoint
  double ward_penalty = 0.6;           // factor when known wards differ
  double char_weight = 0.25;           // weight of each character 4-gram relative to a word
  bool baseline = false;               // plain TF-IDF cosine + distance cut-off
};

class DuplicateClusterer {
 public:
  explicit DuplicateClusterer(Normalizer normalizer, DuplicateOptions options = {});

  // Open clusters `item` may belong to, best first, with their scores (only clusters with a
  // positive score; not only those above the threshold). Does not add the item.
  // Items whose text is invalid UTF-8 have no candidates.
  std::vector<std::pair<std::string, double>> Candidates(const DuplicateItem& item) const;

  // Adds `item`: it joins the best cluster scoring at least the threshold, else it opens a new
  // cluster named after it (the cluster id is the id of its first item). Returns the cluster id.
  // Items older than the window (relative to the newest item) are dropped as a side effect.
  std::string Add(const DuplicateItem& item);

  size_t open_items() const { return items_.size() - first_live_; }
  const DuplicateOptions& options() const { return options_; }

  // Parses "2025-08-09T17:42:50+07:00" (or "Z", or no offset = UTC) to seconds since the epoch.
  static std::optional<int64_t> ParseTime(const std::string& iso8601);

 private:
  struct Term {
    uint32_t id;
    float tf;
  };
  struct Stored {
    std::string cluster;
    std::string ward;
    std::optional<GeoPoint> point;
    int64_t at = 0;
    std::string category;
    std::vector<Term> terms;          // sorted by id
    std::vector<std::string> numbers; // place numbers
    mutable float norm = 0;           // |weights| at idf_version
    mutable uint32_t norm_version = UINT32_MAX;
  };
  struct Query {
    std::vector<Term> terms;
    std::vector<std::string> numbers;
  };

  bool Prepare(const std::string& text, Query& q) const;
  double Idf(uint32_t term) const;
  double Score(const DuplicateItem& item, const Query& q, double q_norm, const Stored& s) const;
  void Expire(int64_t now);

  Normalizer normalizer_;
  DuplicateOptions options_;
  std::unordered_map<uint64_t, uint32_t> vocab_;  // hashed term -> term id
  mutable std::vector<uint32_t> df_;              // per term id
  size_t docs_ = 0;
  std::vector<Stored> items_;                      // in arrival order
  size_t first_live_ = 0;                          // items before this index are expired
  std::vector<std::vector<uint32_t>> postings_;    // term id -> item indices (ascending)
  std::vector<size_t> postings_start_;             // term id -> first live posting
  std::vector<bool> filler_;                       // term id -> generates no candidates
  // First point of each cluster that has one: a new item with a point further away than
  // max_distance_m cannot join the cluster, whatever its text.
  std::unordered_map<std::string, GeoPoint> cluster_point_;
  // IDF per term id, refreshed when the number of documents has grown by 5 % (the weights of
  // stored items are cached with it).
  mutable std::vector<float> idf_cache_;
  mutable size_t idf_docs_ = 0;
  mutable uint32_t idf_version_ = 0;
  void RefreshIdf() const;
  mutable std::vector<uint32_t> seen_;             // scratch: item index -> query stamp
  mutable uint32_t stamp_ = 0;
};

}  // namespace wardline::triage
