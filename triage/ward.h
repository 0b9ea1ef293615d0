// Ward detection: which configured ward (the gazetteer) a message names *as a ward*.
//
// A ward counts only when introduced as one: "phường Kim Liên", "Phường Kim Liên", "phuong kim
// lien", "P. Láng Hạ", "P.Láng Hạ", "p kim lien", "UBND phường Ô Chợ Dừa", "UBND Kim Liên".
// A street, estate, market or school with the same name ("đường Láng Hạ", "tập thể Kim Liên",
// "chợ Ô Chợ Dừa") does not. After "p"/"phường", the initials of a ward also count when no
// other ward shares them ("p QTG", "P.QTG" = Quốc Tử Giám), and "pvan mieu" (a missing space
// after "p") is read as "p van mieu". Matching is on folded tokens, so diacritics, case, NFD input and
// tone placement do not matter. When several wards are named, the first one wins.
//
// Former ward names (Ward::aliases, e.g. after the 2025 merger: "phường Trung Tự") name their
// successor. A former ward split between successors (Ward::partial_aliases) names the successor
// whose Ward::streets the text mentions; when no street or several successors' streets are
// mentioned, the ward is ambiguous (DetectWard().ambiguous, Detect() returns -1).
//
// Thread safety: immutable after construction; Detect() is const and thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/domain/config.h"
#include "triage/normalize.h"

namespace wardline::triage {

class WardDetector {
 public:
  // `normalizer` must be the one used for messages (same abbreviation table).
  WardDetector(const std::vector<Ward>& wards, const Normalizer& normalizer);

  // Index into the `wards` given at construction, or -1 when the text names no known ward.
  int Detect(const NormalizedText& text) const;

  struct Detection {
    int index = -1;          // the ward, or -1
    bool ambiguous = false;  // a split former ward was named and no street decides
    std::vector<int> candidates;  // the successors of that former ward (when ambiguous)
  };
  Detection DetectWard(const NormalizedText& text) const;

 private:
  struct Entry {
    int index;                 // ward index, or -1 for a split former ward (see `split`)
    std::vector<int> split;    // successors of a split former ward
    std::vector<std::string> folded;  // folded tokens of the ward name
    std::string initials;             // "qtg"; empty when ambiguous or one letter
  };
  // Index of the ward whose name starts at token `start`, or -1.
  int MatchAt(const std::vector<Token>& tk, size_t start, bool allow_initials) const;
  std::vector<Entry> entries_;  // longest names first
  // Index of the entry matching at `start` (or -1); like MatchAt but returns the entry.
  const Entry* EntryAt(const std::vector<Token>& tk, size_t start, bool allow_initials) const;
  Detection Resolve(const Entry& e, const NormalizedText& text) const;
  std::vector<std::vector<std::vector<std::string>>> streets_;  // per ward: folded street names
};

}  // namespace wardline::triage
