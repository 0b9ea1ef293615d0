// The triage model: a hashed-feature linear classifier for the category (multinomial logistic
// regression, softmax confidence) and a second logistic output for urgency (khan_cap), trained
// together from labelled examples. Small (a few MB), fast (one sparse dot product per message)
// and robust to missing diacritics (features come from the folded text, see features.h).
//
// File format (version 2; version 1 files, without the scope head, still load), little-endian:
//   text header, one item a line:
//     "wardline-triage-model 1"
//     "hash_bits N" "char_range MIN MAX" "weights WORD BIGRAM ACCENT CHAR"
//     ["skip_weight W"]                       (only when skip-bigrams are on)
//     "categories ID ID ..."                  (column order of the weight rows)
//     ["scopes ID ID ..."]                    (version 2: the scope head's columns)
//     "urgent_threshold P"                    (probability at or above which a case is urgent)
//     "abbreviations N" then N lines key<TAB>expansion (the table used at training)
//     "urgent_phrases N" then N lines, each a folded phrase (words separated by one space)
//     "rows R"  then a single "\n" and the binary part:
//   binary: bias: K float32; then R rows of { uint32 bucket; float32 idf; K float32 }
//   for every bucket seen in training (others have idf 0 and weight 0), K = C + 1 + S: the C
//   category logits, the urgent logit, then the S scope logits (S = 0 in version 1).
//
// The scope head (shared/data/categories.md, "Scope gate": phan_anh, khieu_nai, to_cao,
// ngoai_tham_quyen) is a second softmax over the same features. It learns from every example:
// an example without a `scope` is an ordinary report (phan_anh); an example with a scope and no
// category trains the scope head only.
//
// Thread safety: a Model is immutable after Train()/Load(); Predict() is const and may run on
// many threads at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/domain/result.h"
#include "core/domain/types.h"
#include "triage/features.h"
#include "triage/normalize.h"

namespace wardline::triage {

// The scope of an example that names none: an ordinary report.
inline constexpr const char* kDefaultScope = "phan_anh";

// One labelled message (a corpus line or a staff correction).
struct Example {
  std::string id;
  std::string text;
  std::string category;               // "" when unknown (e.g. a scope-only line)
  std::optional<Priority> priority;  // nullopt: unknown (e.g. a category-only correction)
  std::optional<std::string> ward;   // ward name the text names, nullopt when none
  std::string scope;                 // "" when the line carries none: phan_anh for training
};

struct TrainOptions {
  FeatureConfig features;
  int epochs = 30;
  float learning_rate = 0.3f;     // AdaGrad base rate
  float l2 = 1e-5f;               // per-update L2 on active weights
  float urgent_weight = 3.0f;     // loss weight of a khan_cap example (recall over precision)
  float urgent_threshold = 0.2f;  // low on purpose: a missed live wire costs more
  bool balance_classes = true;    // weight categories inversely to their frequency
  // Phrases (any form; stored folded) that make a message urgent whatever the model says.
  std::vector<std::string> urgent_phrases;
  float scope_weight = 1.0f;      // loss weight of the scope head
  uint64_t seed = 42;             // shuffling; training is deterministic for a given seed
  bool average = true;            // return the average of the weights over all updates
};

struct Prediction {
  int category = -1;          // index into Model::categories()
  float confidence = 0;       // softmax probability of `category`
  float urgent_probability = 0;
  bool urgent = false;               // urgent_probability >= threshold, or an urgent phrase
  bool urgent_phrase = false;        // an urgent phrase matched
  std::vector<float> probabilities;  // per category
  int scope = -1;                    // index into Model::scopes(); -1 without a scope head
  float scope_confidence = 0;
  std::vector<float> scope_probabilities;
};

// Category probabilities of one part (clause) of a message, see Model::PredictSegments.
struct SegmentPrediction {
  size_t first_token = 0;  // token range [first_token, end_token) of the message
  size_t end_token = 0;
  int category = -1;
  float confidence = 0;
  int second = -1;         // second most likely category
  float second_confidence = 0;
  float weight = 0;        // share of the message's feature mass (0..1)
};

class Model {
 public:
  Model() = default;

  // Parses an urgent-phrase list (one phrase a line, '#' comments) into folded phrases.
  // Errors: kInvalidArgument on invalid UTF-8.
  static Result<std::vector<std::string>> ParseUrgentPhrases(std::string_view text);

  // Errors: kInvalidArgument when there are no examples or fewer than two categories,
  // or a text is not valid UTF-8 (its id is named).
  static Result<Model> Train(const std::vector<Example>& examples, const Abbreviations& abbrev,
                             const TrainOptions& options = {});

  // Errors: kNotFound (cannot open), kInvalidArgument (not a model file / wrong version /
  // truncated).
  static Result<Model> Load(const std::string& path);
  static Result<Model> Parse(const std::string& bytes);
  // Errors: kUnavailable when the file cannot be written.
  Status Save(const std::string& path) const;
  std::string Serialize() const;

  // Prediction for already-normalised text.
  Prediction Predict(const NormalizedText& text) const;
  // Prediction of the whole message plus the category of each segment: `starts` holds the first
  // token of every segment (ascending, starting with 0). One pass over the features: a segment
  // gets the features of its tokens (a bigram belongs to its second word), the whole message
  // gets them all, so `whole` equals Predict(text).
  void PredictSegments(const NormalizedText& text, const std::vector<size_t>& starts,
                       Prediction& whole, std::vector<SegmentPrediction>& segments) const;
  // Normalises with the model's own abbreviation table, then predicts.
  // Errors: kInvalidArgument on invalid UTF-8.
  Result<Prediction> PredictText(std::string_view text) const;

  const std::vector<std::string>& categories() const { return categories_; }
  const std::vector<std::string>& scopes() const { return scopes_; }  // empty: no scope head
  const Normalizer& normalizer() const { return normalizer_; }
  const FeatureConfig& feature_config() const { return features_; }
  float urgent_threshold() const { return urgent_threshold_; }
  bool empty() const { return categories_.empty(); }

 private:
  FeatureConfig features_;
  std::vector<std::string> categories_;
  std::vector<std::string> scopes_;
  float urgent_threshold_ = 0.35f;
  Normalizer normalizer_;
  std::vector<std::vector<std::string>> urgent_phrases_;  // folded words
  // Builds the compact tables from dense per-bucket ones (idf[b], w[b * K + k]).
  void SetWeights(const std::vector<float>& idf, const std::vector<float>& w);
  // Predict / PredictSegments (`starts` == nullptr: no segments).
  void PredictImpl(const NormalizedText& text, const std::vector<size_t>* starts, Prediction& p,
                   std::vector<SegmentPrediction>& segments) const;
  const float* Row(int32_t r) const;

  // Compact tables: index_[bucket] = row or -1 (bucket never seen in training). A row holds
  // {idf, logit weights for k < C categories, urgent logit weight at k == C, padding}, padded
  // to 64 bytes so one feature costs one cache line.
  std::vector<int32_t> index_;
  std::vector<uint32_t> row_bucket_;
  std::vector<float> rows_;  // over-allocated by kRowFloats for 64-byte alignment
  std::vector<float> bias_;
  size_t stride_ = 0;  // K = categories + 1 + scopes
  size_t row_floats_ = 0;
};

}  // namespace wardline::triage
