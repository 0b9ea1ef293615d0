// Vietnamese text normalisation: the ONE place where Wardline handles text.
//
// Normalize() turns a resident's message (any mix of NFC/NFD input, upper/lower case, with or
// without diacritics, chat abbreviations, emoji) into:
//   - `nfc`:    the original text in NFC (case and diacritics kept; for display and redaction),
//   - `lower`:  NFC, lower-cased in the `vi` locale, tone marks placed one canonical way
//               ("hoà" and "hòa" both become "hòa", "thuỷ" and "thủy" both "thủy"),
//   - `folded`: `lower` without tones and vowel marks, with "đ" -> "d" ("phường" -> "phuong"),
//   - `tokens`: words and numbers of `lower` (punctuation, spaces and emoji dropped), each in
//               accented and folded form, with chat abbreviations expanded ("ko" -> "không",
//               "mn" -> "mọi người"). An expanded token keeps the byte span of its source.
// The caller's text is never modified: callers keep the original for display.
//
// Invalid UTF-8 (overlong forms, surrogates, truncated sequences, > U+10FFFF) is rejected with
// ErrorCode::kInvalidArgument; nothing is guessed.
//
// Speed: ICU does NFC and lower-casing only when the text holds code points outside the
// Vietnamese Latin ranges; folding and tone placement use tables built once from ICU's own
// decompositions, so results match ICU's `NFD; [:Nonspacing Mark:] Remove; NFC` plus đ->d.
// Tokenisation splits on what is not a letter, digit or combining mark (u_isalnum), which gives
// ICU word-break results for Vietnamese syllables, except that "p.kim" / "0912.345" style
// tokens are split at the dot (wanted here: "P.Láng Hạ" names ward Láng Hạ).
//
// Thread safety: Normalizer is immutable after construction; Normalize() is const and safe to
// call from many threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/domain/result.h"

namespace wardline::triage {

// Chat abbreviation table: lower-case accented key -> expansion (one or more words).
// File format (UTF-8, one entry a line): `key<TAB>expansion`; '#' starts a comment line;
// blank lines are ignored. Keys may contain '/', e.g. "a/c<TAB>anh chị".
class Abbreviations {
 public:
  Abbreviations() = default;
  // Parses the file format above. Errors: kInvalidArgument (bad UTF-8 or a line without TAB).
  static Result<Abbreviations> Parse(std::string_view tsv);
  // Reads and parses a file. Errors: kNotFound (unreadable), kInvalidArgument (bad content).
  static Result<Abbreviations> Load(const std::string& path);

  // The expansion of `key` (already lower-cased, NFC), or nullptr.
  const std::vector<std::string>* Find(std::string_view key) const;
  bool HasSlashKeys() const { return has_slash_keys_; }
  size_t size() const { return map_.size(); }
  // Back to the file format, sorted by key (for embedding in a model file).
  std::string ToTsv() const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::vector<std::string>, Hash, std::equal_to<>> map_;
  size_t max_key_bytes_ = 0;
  bool has_slash_keys_ = false;
};

struct Token {
  std::string text;    // lower-case, NFC, canonical tone placement
  std::string folded;  // no tones, no vowel marks, đ->d; ASCII for Vietnamese words
  uint32_t begin = 0;  // byte span in NormalizedText::nfc
  uint32_t end = 0;
  bool expanded = false;  // produced by abbreviation expansion
  bool is_number = false;  // all digits
};

struct NormalizedText {
  std::string nfc;
  std::string lower;
  std::string folded;
  std::vector<Token> tokens;
};

class Normalizer {
 public:
  // A normaliser without abbreviation expansion.
  Normalizer();
  explicit Normalizer(Abbreviations abbreviations);

  // Errors: kInvalidArgument when `text` is not valid UTF-8.
  Result<NormalizedText> Normalize(std::string_view text) const;

  const Abbreviations& abbreviations() const { return abbreviations_; }

 private:
  Abbreviations abbreviations_;
};

// True when `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

// `text` in NFC. Errors: kInvalidArgument on invalid UTF-8.
Result<std::string> ToNfc(std::string_view text);

// Folded form of valid UTF-8 text: lower-cased (vi), no tones or vowel marks, đ->d.
// Errors: kInvalidArgument on invalid UTF-8.
Result<std::string> Fold(std::string_view text);

// Fold of one code point of lower- or upper-case text (without case change): 'ệ' -> 'e',
// 'Đ' -> 'D', a combining mark -> 0 (dropped), anything else -> itself.
char32_t FoldCodePoint(char32_t c);

// Decodes valid UTF-8 to code points, appending to `out`. Returns false on invalid input.
bool DecodeUtf8(std::string_view text, std::u32string& out);

// Appends the UTF-8 encoding of `c` (a valid scalar value).
inline void AppendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    const char b[2] = {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
    out.append(b, 2);
  } else if (c < 0x10000) {
    const char b[3] = {static_cast<char>(0xE0 | (c >> 12)),
                       static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
                       static_cast<char>(0x80 | (c & 0x3F))};
    out.append(b, 3);
  } else {
    const char b[4] = {static_cast<char>(0xF0 | (c >> 18)),
                       static_cast<char>(0x80 | ((c >> 12) & 0x3F)),
                       static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
                       static_cast<char>(0x80 | (c & 0x3F))};
    out.append(b, 4);
  }
}

}  // namespace wardline::triage
