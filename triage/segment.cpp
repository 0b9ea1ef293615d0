#include "triage/segment.h"

#include <string_view>

namespace wardline::triage {
namespace {

// Punctuation between two tokens: 2 = sentence end or semicolon, 1 = comma/colon/dash, 0 = none.
int GapStrength(std::string_view gap) {
  int s = 0;
  for (size_t i = 0; i < gap.size(); ++i) {
    const char c = gap[i];
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n') return 2;
    if (c == ',' || c == ':' || c == '(' || c == ')') s = 1;
    if (c == '-' && i > 0 && i + 1 < gap.size() && gap[i - 1] == ' ' && gap[i + 1] == ' ') s = 1;
    // "…" (U+2026) and "–" (U+2013) as separators
    if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < gap.size() &&
        static_cast<unsigned char>(gap[i + 1]) == 0x80) {
      const auto d = static_cast<unsigned char>(gap[i + 2]);
      if (d == 0xA6) return 2;
      if (d == 0x93 || d == 0x94) s = 1;  // a dash; "1–2 giờ" is handled by the caller
    }
  }
  return s;
}

bool Is(const std::vector<Token>& tk, size_t i, std::string_view a) {
  return i < tk.size() && tk[i].folded == a;
}
bool IsText(const std::vector<Token>& tk, size_t i, std::string_view a) {
  return i < tk.size() && tk[i].text == a;
}

// Connective that opens a new point at token i (strong: cuts even without punctuation).
bool OpensNewPoint(const std::vector<Token>& tk, size_t i) {
  if (IsText(tk, i, "còn")) return true;  // "còn" (and then) — folded "con" is also "child"
  if (Is(tk, i, "ngoai") && Is(tk, i + 1, "ra")) return true;
  if (Is(tk, i, "them") && (Is(tk, i + 1, "nua") || (Is(tk, i + 1, "vao") && Is(tk, i + 2, "do")))) {
    return true;
  }
  if (Is(tk, i, "voi") && Is(tk, i + 1, "lai")) return true;
  if (Is(tk, i, "ben") && Is(tk, i + 1, "canh") && Is(tk, i + 2, "do")) return true;
  if (Is(tk, i, "mat") && Is(tk, i + 1, "khac")) return true;
  if (Is(tk, i, "dong") && Is(tk, i + 1, "thoi")) return true;
  if (Is(tk, i, "chua") && Is(tk, i + 1, "ke")) return true;
  if (Is(tk, i, "nhan") && Is(tk, i + 1, "tien")) return true;  // "nhân tiện" (by the way)
  if (Is(tk, i, "tien") && Is(tk, i + 1, "the")) return true;   // "tiện thể"
  if (Is(tk, i, "them") && Is(tk, i + 1, "viec")) return true;
  if (Is(tk, i, "mot") && Is(tk, i + 1, "viec") && Is(tk, i + 2, "nua")) return true;
  return false;
}

// Cause or consequence at token i: the part continues the previous problem.
bool CauseOrConsequence(const std::vector<Token>& tk, size_t i) {
  static constexpr std::string_view kWords[] = {"nen", "khien", "vi", "do", "boi", "gay",
                                                "dan", "thanh", "de", "lam", "nhung", "ma",
                                                "cho", "khi", "luc", "sau", "roi", "thi"};
  if (i >= tk.size()) return false;
  const std::string& f = tk[i].folded;
  for (auto w : kWords) {
    if (f != w) continue;
    if (w == "dan") return Is(tk, i + 1, "den");                     // dẫn đến
    if (w == "thanh") return Is(tk, i + 1, "ra");                    // thành ra
    if (w == "lam") return Is(tk, i + 1, "cho") || Is(tk, i + 1, "anh");  // làm cho, làm ảnh hưởng
    if (w == "de") return tk[i].text == "để";
    if (w == "do") return tk[i].text == "do";
    if (w == "vi") return tk[i].text == "vì";
    if (w == "cho") return tk[i].text == "cho" && Is(tk, i + 1, "nen");
    if (w == "sau") return Is(tk, i + 1, "do") || Is(tk, i + 1, "khi");
    return true;
  }
  // "nước tràn vào nhà", "xe không đi được": consequences of the same problem often start
  // with the affected thing; leave those to the classifier (same category → merged).
  return false;
}

// "nên", "khiến", "dẫn đến", "làm cho", "gây ra": what follows is a consequence.
bool IsConsequenceWord(const std::vector<Token>& tk, size_t i) {
  return (i < tk.size() && (tk[i].text == "nên" || tk[i].text == "nen")) || Is(tk, i, "khien") || (Is(tk, i, "dan") && Is(tk, i + 1, "den")) ||
         (Is(tk, i, "lam") && Is(tk, i + 1, "cho")) || (Is(tk, i, "gay") && Is(tk, i + 1, "ra"));
}

}  // namespace

std::vector<size_t> SegmentClauses(const NormalizedText& text, size_t min_tokens) {
  const auto& tk = text.tokens;
  std::vector<size_t> cuts;
  if (tk.empty()) return cuts;
  cuts.push_back(0);
  bool in_consequence = IsConsequenceWord(tk, 0);
  for (size_t i = 1; i < tk.size(); ++i) {
    std::string_view gap;
    if (tk[i].begin >= tk[i - 1].end && tk[i].begin <= text.nfc.size()) {
      gap = std::string_view(text.nfc).substr(tk[i - 1].end, tk[i].begin - tk[i - 1].end);
    }
    int g = GapStrength(gap);
    // "1–2 giờ", "5-7 ngày": a range, not a separator.
    if (g == 1 && tk[i - 1].is_number && tk[i].is_number && gap.size() <= 3) g = 0;
    bool cut = g > 0 || OpensNewPoint(tk, i);
    // "Ngoài ra quán còn ...": one connective opens the point, the next one does not cut again.
    if (cut && g == 0 && i - cuts.back() <= 3 && cuts.back() > 0 && OpensNewPoint(tk, cuts.back())) {
      cut = false;
    }
    if (!cut && tk[i].text == "và") {
      // "và" joins clauses and nouns alike: cut only between longer stretches.
      cut = i - cuts.back() >= 4 && i + 4 <= tk.size();
    }
    if (cut && g < 2 && CauseOrConsequence(tk, i)) cut = false;
    // After "nên", "khiến", "dẫn đến" the following comma parts continue the consequence
    // ("mất điện nên máy bơm không chạy, các tầng trên không có nước") until a sentence ends.
    if (g == 2) in_consequence = false;
    if (cut && g == 1 && in_consequence && !OpensNewPoint(tk, i)) cut = false;
    if (IsConsequenceWord(tk, i)) in_consequence = true;
    if (cut) cuts.push_back(i);
  }
  // A short part joins the part before it; a short first part takes in the part after it.
  std::vector<size_t> out;
  size_t out_end = 0;  // end of the last part in `out`
  for (size_t k = 0; k < cuts.size(); ++k) {
    const size_t end = k + 1 < cuts.size() ? cuts[k + 1] : tk.size();
    const bool short_part = end - cuts[k] < min_tokens;
    const bool short_prev = !out.empty() && out_end - out.back() < min_tokens;
    if (out.empty() || (!short_part && !short_prev)) out.push_back(cuts[k]);
    out_end = end;
  }
  return out;
}

}  // namespace wardline::triage
