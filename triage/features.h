// Hashed features of a normalised message, shared by training and prediction.
//
// Groups (each hashed with its own seed into 2^hash_bits buckets):
//   - folded word unigrams and bigrams ("ổ gà" and "o ga" give the same features), and
//     optionally skip-bigrams (w[i], w[i+2]) ("nắp hố ga" -> "nap ga"),
//   - accented word unigrams (only for tokens that carry diacritics; extra signal when present),
//   - character n-grams (char_min..char_max bytes) of each folded word padded as "<word>",
//     which survive typos, missing spaces and unseen inflections.
// Numbers are mapped to one shape token ("0", "00", "000+") so house numbers do not become
// features. The raw values are later multiplied by the model's IDF table and L2-normalised.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "triage/normalize.h"

namespace wardline::triage {

struct FeatureConfig {
  int hash_bits = 18;        // buckets = 2^hash_bits
  int char_min = 3;          // character n-gram lengths (bytes of the folded word)
  int char_max = 5;
  float word_weight = 1.0f;      // folded unigram
  float bigram_weight = 1.0f;    // folded bigram
  float accent_weight = 0.5f;    // accented unigram
  float char_weight = 0.2f;      // each character n-gram
  float skip_weight = 0.0f;      // folded skip-bigram (w[i], w[i+2]); 0 = off
};

struct Feature {
  uint32_t bucket;
  float value;
};

// Appends the raw (un-weighted by IDF, un-normalised) features of `text` to `out`.
// The same bucket may appear several times (term frequency). With `token_offsets`, also records
// for every token the index in `out` of its first feature (a token's features are contiguous;
// the closing bigram "w </s>" belongs to the last token).
void ExtractFeatures(const NormalizedText& text, const FeatureConfig& config,
                     std::vector<Feature>& out, std::vector<uint32_t>* token_offsets = nullptr);

}  // namespace wardline::triage
