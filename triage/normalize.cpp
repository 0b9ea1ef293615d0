#include "triage/normalize.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

namespace wardline::triage {
namespace {

// ---- Tables built once from ICU data (immutable afterwards) ------------------------------------

// Code points covered by the tables: Latin-1 .. Latin Extended-B, and Latin Extended Additional
// (all precomposed Vietnamese letters live in these two ranges).
constexpr char32_t kLowEnd = 0x250;
constexpr char32_t kAddBegin = 0x1E00;
constexpr char32_t kAddEnd = 0x1F00;

constexpr char32_t kToneMarks[] = {0x300, 0x301, 0x303, 0x309, 0x323};

inline bool IsToneMark(char32_t m) {
  for (char32_t t : kToneMarks) {
    if (t == m) return true;
  }
  return false;
}

struct Tables {
  // Folded code point (0 = drop). Index: cp for cp < kLowEnd, kLowEnd + (cp - kAddBegin).
  std::array<char32_t, kLowEnd + (kAddEnd - kAddBegin)> fold{};
  // Same letter without its tone mark (vowel marks kept), or the letter itself.
  std::array<char32_t, kLowEnd + (kAddEnd - kAddBegin)> toneless{};
  // The tone mark of a letter, or 0.
  std::array<char32_t, kLowEnd + (kAddEnd - kAddBegin)> tone{};
  const icu::Normalizer2* nfc = nullptr;

  static int Index(char32_t c) {
    if (c < kLowEnd) return static_cast<int>(c);
    if (c >= kAddBegin && c < kAddEnd) return static_cast<int>(kLowEnd + (c - kAddBegin));
    return -1;
  }

  Tables() {
    UErrorCode status = U_ZERO_ERROR;
    nfc = icu::Normalizer2::getNFCInstance(status);
    UErrorCode s2 = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(s2);
    if (U_FAILURE(status) || U_FAILURE(s2)) {
      nfc = nullptr;  // ICU data missing: identity tables (NFC path reports the error)
    }
    auto fill = [&](char32_t c) {
      int i = Index(c);
      fold[i] = c;
      toneless[i] = c;
      tone[i] = 0;
      if (nfd == nullptr) return;
      icu::UnicodeString d;
      if (!nfd->getDecomposition(static_cast<UChar32>(c), d)) return;
      UChar32 base = d.char32At(0);
      // Fold: the base letter when it is ASCII (ICU "NFD; remove Mn; NFC" keeps others).
      if (base < 0x80) fold[i] = static_cast<char32_t>(base);
      // Tone: rebuild without the tone mark.
      icu::UnicodeString without;
      char32_t found_tone = 0;
      for (int32_t k = 0; k < d.length();) {
        UChar32 m = d.char32At(k);
        k += U16_LENGTH(m);
        if (k > U16_LENGTH(base) && IsToneMark(static_cast<char32_t>(m))) {
          found_tone = static_cast<char32_t>(m);
        } else {
          without.append(m);
        }
      }
      if (found_tone != 0) {
        UErrorCode st = U_ZERO_ERROR;
        icu::UnicodeString composed = nfc->normalize(without, st);
        if (U_SUCCESS(st) && composed.countChar32() == 1) {
          toneless[i] = static_cast<char32_t>(composed.char32At(0));
          tone[i] = found_tone;
        }
      }
    };
    for (char32_t c = 0; c < kLowEnd; ++c) fill(c);
    for (char32_t c = kAddBegin; c < kAddEnd; ++c) fill(c);
    fold[Index(0x111)] = 'd';  // đ: ICU leaves it alone
    fold[Index(0x110)] = 'D';  // Đ
  }

  // `c` (toneless) carrying `t`, or 0 when no precomposed letter exists.
  char32_t WithTone(char32_t c, char32_t t) const {
    if (nfc == nullptr) return 0;
    UChar32 r = nfc->composePair(static_cast<UChar32>(c), static_cast<UChar32>(t));
    return r < 0 ? 0 : static_cast<char32_t>(r);
  }
};

const Tables& T() {
  static const Tables tables;
  return tables;
}

// Code points known to be NFC-inert in the sense that text made only of them (with no combining
// marks) is already NFC, and whose lower-case mapping in `vi` is the simple one.
inline bool IsFastRange(char32_t c) {
  return (c < 0x300 && c != 0x130) || (c >= kAddBegin && c < kAddEnd);
}
inline bool IsNfcSafe(char32_t c) {
  return IsFastRange(c) || c == 0x130 || (c >= 0x2000 && c < 0x2070) ||
         (c >= 0x20A0 && c < 0x20D0) || (c >= 0x1F000 && c < 0x1FB00) || c == 0xFE0F ||
         (c >= 0x2190 && c < 0x2C00);
}

inline bool IsCombining(char32_t c) {
  if (c >= 0x300 && c < 0x370) return true;
  if (c < 0x300) return false;
  int8_t t = u_charType(static_cast<UChar32>(c));
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

inline bool IsWordChar(char32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  if (IsFastRange(c)) {
    // Latin-1 / Extended / Additional: letters except the few symbols of Latin-1.
    return c >= 0xC0 && c != 0xD7 && c != 0xF7 ? true : u_isalnum(static_cast<UChar32>(c));
  }
  return u_isalnum(static_cast<UChar32>(c)) || IsCombining(c);
}

inline char32_t LowerFast(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

// Lower-cases one code point in the vi locale with ICU full case mapping (may yield several).
void LowerSlow(char32_t c, std::u32string& out) {
  UChar src[2];
  int32_t n = 0;
  U16_APPEND_UNSAFE(src, n, static_cast<UChar32>(c));
  UChar dst[8];
  UErrorCode st = U_ZERO_ERROR;
  int32_t len = u_strToLower(dst, 8, src, n, "vi", &st);
  if (U_FAILURE(st) || len > 8) {
    out.push_back(c);
    return;
  }
  for (int32_t k = 0; k < len;) {
    UChar32 x;
    U16_NEXT(dst, k, len, x);
    out.push_back(static_cast<char32_t>(x));
  }
}

// Canonical tone placement for the open syllables where the old and new orthographies differ:
// "oa", "oe", "uy" at the end of a word. Canonical = tone on the first vowel (hòa, khỏe, thủy).
void CanonicalTone(std::u32string& w, size_t begin, size_t end) {
  if (end - begin < 2) return;
  const Tables& t = T();
  char32_t a = w[end - 2];
  char32_t b = w[end - 1];
  int ib = Tables::Index(b);
  if (ib < 0 || t.tone[ib] == 0) return;
  char32_t base_b = t.toneless[ib];
  bool pair = (a == 'o' && (base_b == 'a' || base_b == 'e')) || (a == 'u' && base_b == 'y');
  if (!pair) return;
  // "qu" + y: u belongs to the consonant, the tone stays on y (quý).
  if (a == 'u' && end - begin >= 3 && w[end - 3] == 'q') return;
  // A vowel before the pair (e.g. "uoa") makes it a different cluster: leave it.
  if (end - begin >= 3) {
    char32_t p = w[end - 3];
    int ip = Tables::Index(p);
    char32_t pf = ip >= 0 ? t.fold[ip] : p;
    if (pf == 'a' || pf == 'e' || pf == 'i' || pf == 'o' || pf == 'u' || pf == 'y') return;
  }
  char32_t na = t.WithTone(a, t.tone[ib]);
  if (na == 0) return;
  w[end - 2] = na;
  w[end - 1] = base_b;
}

void AppendFolded(const std::u32string& s, size_t begin, size_t end, std::string& out) {
  const Tables& t = T();
  for (size_t i = begin; i < end; ++i) {
    const char32_t c = s[i];
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    int ix = Tables::Index(c);
    char32_t f = ix >= 0 ? t.fold[ix] : (IsCombining(c) ? 0 : c);
    if (f != 0) AppendUtf8(f, out);
  }
}

}  // namespace

// ---- UTF-8 -------------------------------------------------------------------------------------

bool DecodeUtf8(std::string_view text, std::u32string& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      out.push_back(c);
      ++i;
      continue;
    }
    char32_t cp;
    size_t len;
    char32_t min;
    if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F, len = 2, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F, len = 3, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07, len = 4, min = 0x10000;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = p[i + k];
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    out.push_back(cp);
    i += len;
  }
  return true;
}

bool IsValidUtf8(std::string_view text) {
  std::u32string tmp;
  tmp.reserve(text.size());
  return DecodeUtf8(text, tmp);
}

char32_t FoldCodePoint(char32_t c) {
  if (c < 0x80) return c;
  int i = Tables::Index(c);
  if (i >= 0) return T().fold[i];
  if (IsCombining(c)) return 0;
  return c;
}

namespace {

// Decodes + NFC. On success `cps` holds the NFC code points and `nfc` their UTF-8.
Status NfcCodePoints(std::string_view text, std::u32string& cps, std::string& nfc) {
  cps.clear();
  cps.reserve(text.size());
  if (!DecodeUtf8(text, cps)) return InvalidArgument("text is not valid UTF-8");
  bool fast = true;
  for (char32_t c : cps) {
    if (!IsNfcSafe(c)) {
      fast = false;
      break;
    }
  }
  if (fast) {
    nfc.assign(text.data(), text.size());
    return OkStatus();
  }
  const icu::Normalizer2* n = T().nfc;
  if (n == nullptr) return Internal("ICU NFC data unavailable");
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode st = U_ZERO_ERROR;
  icu::UnicodeString out = n->normalize(u, st);
  if (U_FAILURE(st)) return Internal(std::string("ICU NFC failed: ") + u_errorName(st));
  nfc.clear();
  out.toUTF8String(nfc);
  cps.clear();
  if (!DecodeUtf8(nfc, cps)) return Internal("ICU produced invalid UTF-8");
  return OkStatus();
}

}  // namespace

Result<std::string> ToNfc(std::string_view text) {
  std::u32string cps;
  std::string nfc;
  Status s = NfcCodePoints(text, cps, nfc);
  if (!s.ok()) return s.error();
  return nfc;
}

Result<std::string> Fold(std::string_view text) {
  Normalizer n;
  auto r = n.Normalize(text);
  if (!r.ok()) return r.error();
  return std::move(r->folded);
}

// ---- Abbreviations -----------------------------------------------------------------------------

Result<Abbreviations> Abbreviations::Parse(std::string_view tsv) {
  Abbreviations a;
  Normalizer plain;
  size_t pos = 0;
  int line_no = 0;
  while (pos <= tsv.size()) {
    size_t nl = tsv.find('\n', pos);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view line = tsv.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') {
      if (nl == tsv.size()) break;
      continue;
    }
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      return InvalidArgument("abbreviations line " + std::to_string(line_no) + ": no TAB");
    }
    auto key = plain.Normalize(line.substr(0, tab));
    auto val = plain.Normalize(line.substr(tab + 1));
    if (!key.ok() || !val.ok()) {
      return InvalidArgument("abbreviations line " + std::to_string(line_no) + ": bad UTF-8");
    }
    std::string k;
    for (const auto& t : key->tokens) {
      if (!k.empty()) k += '/';
      k += t.text;
    }
    std::vector<std::string> words;
    for (const auto& t : val->tokens) words.push_back(t.text);
    if (k.empty() || words.empty()) {
      return InvalidArgument("abbreviations line " + std::to_string(line_no) + ": empty");
    }
    if (key->tokens.size() > 1) a.has_slash_keys_ = true;
    a.max_key_bytes_ = std::max(a.max_key_bytes_, k.size());
    a.map_[k] = std::move(words);
    if (nl == tsv.size()) break;
  }
  return a;
}

Result<Abbreviations> Abbreviations::Load(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return NotFound("cannot read abbreviations file " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  return Parse(ss.str());
}

const std::vector<std::string>* Abbreviations::Find(std::string_view key) const {
  if (key.size() > max_key_bytes_) return nullptr;
  auto it = map_.find(key);
  return it == map_.end() ? nullptr : &it->second;
}

std::string Abbreviations::ToTsv() const {
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& [k, v] : map_) {
    std::string joined;
    for (const auto& w : v) {
      if (!joined.empty()) joined += ' ';
      joined += w;
    }
    rows.emplace_back(k, joined);
  }
  std::sort(rows.begin(), rows.end());
  std::string out;
  for (const auto& [k, v] : rows) out += k + "\t" + v + "\n";
  return out;
}

// ---- Normalizer --------------------------------------------------------------------------------

Normalizer::Normalizer() = default;
Normalizer::Normalizer(Abbreviations abbreviations) : abbreviations_(std::move(abbreviations)) {}

Result<NormalizedText> Normalizer::Normalize(std::string_view text) const {
  NormalizedText out;
  std::u32string cps;
  Status s = NfcCodePoints(text, cps, out.nfc);
  if (!s.ok()) return s.error();

  // Lower-case (vi), remembering the byte offset in `nfc` of each lower-case code point.
  std::u32string lower;
  std::vector<uint32_t> offset;  // byte offset in nfc of lower[i]
  lower.reserve(cps.size());
  offset.reserve(cps.size() + 1);
  uint32_t byte = 0;
  for (size_t ci = 0; ci < cps.size(); ++ci) {
    const char32_t c = cps[ci];
    size_t before = lower.size();
    if (IsFastRange(c)) {
      lower.push_back(LowerFast(c));
    } else {
      LowerSlow(c, lower);
      // Greek final sigma: the one context-dependent lower-case mapping that matters here.
      if (c == 0x3A3 && before > 0 && u_isalpha(static_cast<UChar32>(lower[before - 1])) &&
          (ci + 1 >= cps.size() || !u_isalpha(static_cast<UChar32>(cps[ci + 1])))) {
        lower[before] = 0x3C2;
      }
    }
    for (size_t k = before; k < lower.size(); ++k) offset.push_back(byte);
    byte += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  offset.push_back(byte);

  // Token boundaries, with canonical tone placement inside each word.
  std::vector<std::pair<size_t, size_t>> spans;
  for (size_t i = 0; i < lower.size();) {
    if (!IsWordChar(lower[i])) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < lower.size() && IsWordChar(lower[j])) ++j;
    CanonicalTone(lower, i, j);
    spans.emplace_back(i, j);
    i = j;
  }

  out.lower.reserve(out.nfc.size());
  for (char32_t c : lower) AppendUtf8(c, out.lower);
  out.folded.reserve(out.nfc.size());
  AppendFolded(lower, 0, lower.size(), out.folded);

  out.tokens.reserve(spans.size() + 4);
  const bool slash = abbreviations_.HasSlashKeys();
  std::string key;
  for (size_t n = 0; n < spans.size(); ++n) {
    auto [b, e] = spans[n];
    Token tok;
    for (size_t i = b; i < e; ++i) AppendUtf8(lower[i], tok.text);
    size_t last = n;
    const std::vector<std::string>* exp = nullptr;
    if (slash && n + 1 < spans.size() && spans[n + 1].first == e + 1 && lower[e] == '/') {
      key = tok.text;
      key += '/';
      for (size_t i = spans[n + 1].first; i < spans[n + 1].second; ++i) AppendUtf8(lower[i], key);
      exp = abbreviations_.Find(key);
      if (exp != nullptr) last = n + 1;
    }
    if (exp == nullptr) exp = abbreviations_.Find(tok.text);
    uint32_t tb = offset[b];
    uint32_t te = offset[spans[last].second];
    if (exp != nullptr) {
      for (const auto& w : *exp) {
        Token t;
        t.text = w;
        std::u32string wc;
        DecodeUtf8(w, wc);
        AppendFolded(wc, 0, wc.size(), t.folded);
        t.begin = tb;
        t.end = te;
        t.expanded = true;
        out.tokens.push_back(std::move(t));
      }
      n = last;
      continue;
    }
    AppendFolded(lower, b, e, tok.folded);
    tok.begin = tb;
    tok.end = te;
    tok.is_number = std::all_of(tok.text.begin(), tok.text.end(),
                                [](char c) { return c >= '0' && c <= '9'; });
    out.tokens.push_back(std::move(tok));
  }
  return out;
}

}  // namespace wardline::triage
