#include "triage/features.h"

#include <string_view>

namespace wardline::triage {
namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;

inline uint64_t Mix(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= kFnvPrime;
  }
  return h;
}

inline uint32_t Bucket(uint64_t h, uint32_t mask) {
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 32;
  return static_cast<uint32_t>(h) & mask;
}

inline uint64_t Seed(char group) { return (kFnvOffset ^ static_cast<uint64_t>(group)) * kFnvPrime; }

// Shape of a number token: "0", "00", "000+" by digit count.
std::string_view NumberShape(const Token& t) {
  if (t.text.size() == 1) return "0";
  if (t.text.size() == 2) return "00";
  return "000+";
}

}  // namespace

void ExtractFeatures(const NormalizedText& text, const FeatureConfig& config,
                     std::vector<Feature>& out, std::vector<uint32_t>* token_offsets) {
  if (token_offsets) token_offsets->clear();
  const uint32_t mask = (1u << config.hash_bits) - 1;
  const uint64_t su = Seed('u');
  const uint64_t sb = Seed('b');
  const uint64_t sa = Seed('a');
  const uint64_t sc = Seed('c');
  out.reserve(out.size() + text.tokens.size() * 16);

  const uint64_t ss = Seed('s');
  std::string_view prev = "<s>";
  std::string_view prev2 = "<s>";
  std::string padded;
  for (const Token& t : text.tokens) {
    if (token_offsets) token_offsets->push_back(static_cast<uint32_t>(out.size()));
    std::string_view f = t.is_number ? NumberShape(t) : std::string_view(t.folded);
    uint64_t hu = Mix(su, f);
    out.push_back({Bucket(hu, mask), config.word_weight});
    uint64_t hb = Mix(Mix(Mix(sb, prev), " "), f);
    out.push_back({Bucket(hb, mask), config.bigram_weight});
    if (!t.is_number && config.accent_weight > 0 && t.text != t.folded) {
      out.push_back({Bucket(Mix(sa, t.text), mask), config.accent_weight});
    }
    if (!t.is_number && config.char_weight > 0) {
      padded.clear();
      padded += '<';
      padded += f;
      padded += '>';
      const size_t n = padded.size();
      for (size_t i = 0; i < n; ++i) {
        uint64_t h = sc;
        for (size_t k = 0; k < static_cast<size_t>(config.char_max) && i + k < n; ++k) {
          h ^= static_cast<unsigned char>(padded[i + k]);
          h *= kFnvPrime;
          if (static_cast<int>(k + 1) >= config.char_min && !(k == 0 && n == 1)) {
            // Skip n-grams that are the whole padded word: the unigram already covers it.
            if (!(i == 0 && k + 1 == n)) out.push_back({Bucket(h + k, mask), config.char_weight});
          }
        }
      }
    }
    if (config.skip_weight > 0) {
      uint64_t hs = Mix(Mix(Mix(ss, prev2), " "), f);
      out.push_back({Bucket(hs, mask), config.skip_weight});
    }
    prev2 = prev;
    prev = f;
  }
  if (!text.tokens.empty()) {
    uint64_t hb = Mix(Mix(Mix(sb, prev), " "), "</s>");
    out.push_back({Bucket(hb, mask), config.bigram_weight});
  }
}

}  // namespace wardline::triage
