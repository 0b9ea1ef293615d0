// The triage model: a hashed-feature linear classifier for the category (multinomial logistic
// regression, softmax confidence) and a second logistic output for urgency (khan_cap), trained
// together from labelled examples. Small (a few MB), fast (one sparse dot product per message)
// and robust to missing diacritics (features come from the folded text, see features.h).
//
// File format (version 1), all little-endian:
//   text header, one item a line:
//     "wardline-triage-model 1"
//     "hash_bits N" "char_range MIN MAX" "weights WORD BIGRAM ACCENT CHAR"
//     ["skip_weight W"]                       (only when skip-bigrams are on)
//     "categories ID ID ..."                  (column order of the weight rows)
//     "urgent_threshold P"                    (probability at or above which a case is urgent)
//     "abbreviations N" then N lines key<TAB>expansion (the table used at training)
//     "urgent_phrases N" then N lines, each a folded phrase (words separated by one space)
//     "rows R"  then a single "\n" and the binary part:
//   binary: bias: (C+1) float32; then R rows of { uint32 bucket; float32 idf; (C+1) float32 }
//   for every bucket seen in training (others have idf 0 and weight 0).
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

// One labelled message (a corpus line or a staff correction).
struct Example {
  std::string id;
  std::string text;
  std::string category;
  std::optional<Priority> priority;  // nullopt: unknown (e.g. a category-only correction)
  std::optional<std::string> ward;   // ward name the text names, nullopt when none
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
  // Normalises with the model's own abbreviation table, then predicts.
  // Errors: kInvalidArgument on invalid UTF-8.
  Result<Prediction> PredictText(std::string_view text) const;

  const std::vector<std::string>& categories() const { return categories_; }
  const Normalizer& normalizer() const { return normalizer_; }
  const FeatureConfig& feature_config() const { return features_; }
  float urgent_threshold() const { return urgent_threshold_; }
  bool empty() const { return categories_.empty(); }

 private:
  FeatureConfig features_;
  std::vector<std::string> categories_;
  float urgent_threshold_ = 0.35f;
  Normalizer normalizer_;
  std::vector<std::vector<std::string>> urgent_phrases_;  // folded words
  // Builds the compact tables from dense per-bucket ones (idf[b], w[b * K + k]).
  void SetWeights(const std::vector<float>& idf, const std::vector<float>& w);
  const float* Row(int32_t r) const;

  // Compact tables: index_[bucket] = row or -1 (bucket never seen in training). A row holds
  // {idf, logit weights for k < C categories, urgent logit weight at k == C, padding}, padded
  // to 64 bytes so one feature costs one cache line.
  std::vector<int32_t> index_;
  std::vector<uint32_t> row_bucket_;
  std::vector<float> rows_;  // over-allocated by kRowFloats for 64-byte alignment
  std::vector<float> bias_;
  size_t stride_ = 0;  // K = categories + 1
  size_t row_floats_ = 0;
};

}  // namespace wardline::triage
