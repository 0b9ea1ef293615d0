#include "triage/redact.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <initializer_list>
#include <vector>

#include "triage/normalize.h"

namespace wardline::triage {
namespace {

using Span = std::pair<size_t, size_t>;  // code point range [first, second)

inline bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlnum(char32_t c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool IsWord(char32_t c) { return c < 0x80 ? IsAsciiAlnum(c) : u_isalnum(c) != 0; }

struct Word {
  size_t begin;
  size_t end;
  std::string folded;  // lower-case, folded
  bool capitalized;
  std::string lower = {};  // lower-case with diacritics
  bool ascii = true;       // written without diacritics
};

class Text {
 public:
  explicit Text(std::u32string cps) : c_(std::move(cps)) {
    for (size_t i = 0; i < c_.size();) {
      if (!IsWord(c_[i])) {
        ++i;
        continue;
      }
      Word w{i, i, {}, u_isupper(c_[i]) != 0};
      while (i < c_.size() && (IsWord(c_[i]) || FoldCodePoint(c_[i]) == 0)) {
        const auto lc = static_cast<char32_t>(u_tolower(c_[i]));
        char32_t f = FoldCodePoint(lc);
        if (f != 0) AppendUtf8(f, w.folded);
        AppendUtf8(lc, w.lower);
        w.ascii = w.ascii && c_[i] < 0x80;
        ++i;
      }
      w.end = i;
      // Title case only ("Lan", not "LAN"): in shouted all-caps text every word is upper case.
      if (w.capitalized && w.end - w.begin > 1 && u_isupper(c_[w.begin + 1])) {
        w.capitalized = false;
      }
      words_.push_back(std::move(w));
    }
  }
  const std::u32string& cps() const { return c_; }
  const std::vector<Word>& words() const { return words_; }
  // True when only spaces separate word k and word k+1.
  bool SpaceOnlyAfter(size_t k) const {
    if (k + 1 >= words_.size()) return false;
    for (size_t i = words_[k].end; i < words_[k + 1].begin; ++i) {
      if (c_[i] != ' ' && c_[i] != 0xA0) return false;
    }
    return words_[k + 1].begin > words_[k].end;
  }
  // The non-space separator between word k and k+1 (first one), or 0.
  char32_t SeparatorAfter(size_t k) const {
    size_t stop = k + 1 < words_.size() ? words_[k + 1].begin : c_.size();
    for (size_t i = words_[k].end; i < stop; ++i) {
      if (c_[i] != ' ' && c_[i] != 0xA0) return c_[i];
    }
    return 0;
  }
  bool Matches(size_t k, std::initializer_list<const char*> seq) const {
    if (k + seq.size() > words_.size()) return false;
    size_t i = k;
    for (const char* s : seq) {
      if (words_[i].folded != s) return false;
      if (i + 1 < k + seq.size() && !SpaceOnlyAfter(i)) return false;
      ++i;
    }
    return true;
  }

 private:
  std::u32string c_;
  std::vector<Word> words_;
};

// ---- e-mail ------------------------------------------------------------------------------------

void FindEmails(const std::u32string& c, std::vector<Span>& out) {
  auto local = [](char32_t x) {
    return IsAsciiAlnum(x) || x == '.' || x == '_' || x == '%' || x == '+' || x == '-';
  };
  auto domain = [](char32_t x) { return IsAsciiAlnum(x) || x == '.' || x == '-'; };
  for (size_t i = 0; i < c.size(); ++i) {
    if (c[i] != '@') continue;
    size_t b = i;
    while (b > 0 && local(c[b - 1])) --b;
    size_t e = i + 1;
    while (e < c.size() && domain(c[e])) ++e;
    while (e > i + 1 && (c[e - 1] == '.' || c[e - 1] == '-')) --e;
    bool dot = false;
    for (size_t k = i + 1; k < e; ++k) dot |= c[k] == '.';
    if (b < i && dot) out.emplace_back(b, e);
  }
}

// ---- phone and ID numbers ----------------------------------------------------------------------

struct Group {
  size_t begin;
  size_t end;
};

bool IsPhone(const std::string& d, bool plus) {
  if (plus || (d.size() == 11 && d.compare(0, 2, "84") == 0)) {
    return d.size() == 11 && d.compare(0, 2, "84") == 0;
  }
  if (d.size() == 12 && d.compare(0, 3, "840") == 0) return true;  // +84 0912...
  return d[0] == '0' && (d.size() == 10 || d.size() == 11);
}

void FindNumbers(const std::u32string& c, std::vector<Span>& out) {
  size_t i = 0;
  while (i < c.size()) {
    if (!IsDigit(c[i]) || (i > 0 && IsWord(c[i - 1]))) {
      ++i;
      continue;
    }
    // Digit groups joined by one separator (space, dot, dash).
    std::vector<Group> groups;
    std::vector<char32_t> seps;
    size_t j = i;
    while (true) {
      size_t b = j;
      while (j < c.size() && IsDigit(c[j])) ++j;
      groups.push_back({b, j});
      if (j + 1 < c.size() && (c[j] == ' ' || c[j] == '.' || c[j] == '-') && IsDigit(c[j + 1])) {
        seps.push_back(c[j]);
        ++j;
        continue;
      }
      break;
    }
    // A number glued to letters after it ("5A", "12km") is not a phone/ID.
    const bool glued = j < c.size() && IsWord(c[j]);
    size_t g = 0;
    while (g < groups.size()) {
      bool plus = g == 0 && i >= 1 && (c[i - 1] == '+' || (i >= 2 && c[i - 1] == ' ' &&
                                                            c[i - 2] == '+'));
      size_t best = SIZE_MAX;
      std::string digits;
      bool dots = false;
      for (size_t e = g; e < groups.size(); ++e) {
        for (size_t k = groups[e].begin; k < groups[e].end; ++k) {
          digits.push_back(static_cast<char>(c[k]));
        }
        if (e > g && seps[e - 1] != ' ') dots = true;
        if (e + 1 == groups.size() && glued) break;
        if (digits.size() > 13) break;
        bool id = (digits.size() == 9 || digits.size() == 12) && !dots;
        if (IsPhone(digits, plus) || id) best = e;
      }
      if (best != SIZE_MAX) {
        size_t b = groups[g].begin;
        if (plus) b = c[b - 1] == '+' ? b - 1 : b - 2;
        if (b > 0 && c[b - 1] == '(' && b + 4 < c.size()) {
          // "(+84) 912": include the parenthesis
        }
        out.emplace_back(b, groups[best].end);
        g = best + 1;
      } else {
        ++g;
      }
    }
    i = j;
  }
  // "(+84) 912 345 678": the parenthesised prefix followed by 9 digits.
  for (size_t k = 0; k + 5 < c.size(); ++k) {
    if (c[k] == '(' && c[k + 1] == '+' && c[k + 2] == '8' && c[k + 3] == '4' && c[k + 4] == ')') {
      size_t e = k + 5;
      size_t digits = 0;
      size_t last = e;
      while (e < c.size() && (IsDigit(c[e]) || c[e] == ' ' || c[e] == '.' || c[e] == '-')) {
        if (IsDigit(c[e])) {
          ++digits;
          last = e + 1;
        }
        ++e;
        if (digits == 10) break;
      }
      if (digits >= 9) out.emplace_back(k, last);
    }
  }
}

// ---- names -------------------------------------------------------------------------------------

bool IsStopWord(const std::string& f) {
  static const char* const kStop[] = {
      "o",    "song", "nha",  "so",   "sdt",  "dt",   "dien", "xin",   "muon", "la",   "hien",
      "dang", "tai",  "tu",   "va",   "phan", "gui",  "can",  "co",    "bi",   "den",  "nam",
      "sinh", "cu",   "tru",  "de",   "nghi", "thuong", "khu", "ngo",  "to",   "phuong", "quan",
      "xom",  "thon", "day",  "a",    "ah",   "nhe",  "vay",  "thi",   "nay",  "cua", "voi",
      "rat",  "hay",  "khong", "ko",  "email", "mail", "zalo", "nguoi", "dan", "hoc", "sinh",
      "vien", "can",  "bo",   "me",   "con",  "chau", "em",   "toi",   "minh", "chu", "nua",
      "day",  "roi",  "vua",  "moi",  "duoc", "cung", "lam",  "viec",  "xin",  "chao", "hom",
      "ban",  "doc",  "ah",   "u",    "ne",   "nhen", "oi",   "duong", "pho",  "ngach", "hem"};
  for (const char* s : kStop) {
    if (f == s) return true;
  }
  return false;
}

// Common Vietnamese surnames, compared with diacritics when the word has them ("Ngõ" is not
// "Ngô"), folded when it was written without.
bool IsSurname(const Word& w) {
  static const char* const kSurnames[] = {
      "nguyễn", "trần", "lê",   "phạm",  "hoàng", "huỳnh", "phan", "vũ",    "võ",   "đặng",
      "bùi",    "đỗ",   "hồ",   "ngô",   "dương", "lý",    "đinh", "đào",   "đoàn", "trịnh",
      "mai",    "trương", "lâm", "lương", "lưu",  "hà",    "cao",  "chu",   "tạ",   "quách",
      "tô",     "kiều", "lại",  "khúc",  "thái",  "tăng",  "vương", "triệu", "thạch", "tống",
      "lữ",     "nghiêm", "đàm", "đồng", "giang", "hứa",   "la",   "phùng", "văn",  "vi"};
  thread_local std::vector<std::string> folded;
  if (folded.empty()) {
    for (const char* s : kSurnames) {
      std::u32string c;
      DecodeUtf8(s, c);
      std::string f;
      for (char32_t x : c) AppendUtf8(FoldCodePoint(x), f);
      folded.push_back(f);
    }
  }
  for (size_t i = 0; i < std::size(kSurnames); ++i) {
    if (w.ascii ? w.folded == folded[i] : w.lower == kSurnames[i]) return true;
  }
  return false;
}

// Title-case words after an honorific that are roles, not names ("anh Công an", "chị Tổ trưởng").
bool IsTitleWord(const std::string& f) {
  static const char* const kTitles[] = {"cong", "to", "truong", "pho", "bi", "can", "ban", "canh",
                                        "chu", "giam", "tong", "ad", "admin", "em", "oi", "a"};
  for (const char* s : kTitles) {
    if (f == s) return true;
  }
  return false;
}

// Words after which a capitalised run is a place (street, school, hospital...), not a person.
bool IsPlaceWord(const std::string& f) {
  static const char* const kPlaces[] = {
      "duong", "pho", "ngo", "ngach", "hem", "kiet", "truong", "vien", "cho", "cau", "hoa", "ho",
      "vien", "hoc", "thcs", "thpt", "tieu", "nha", "so", "tuyen", "nut", "giao", "quan",
      "phuong", "khu", "toa", "benh", "cong", "dai", "ben", "tuong", "tuong", "le", "goc", "doan",
      "ngoai", "he", "thon", "xa", "huyen", "tinh", "thanh", "tp", "ql", "quoc"};
  for (const char* s : kPlaces) {
    if (f == s) return true;
  }
  return false;
}

// Marks the name starting at word k. `need_caps`: only capitalised words count.
void TakeName(const Text& t, size_t k, bool need_caps, std::vector<Span>& out) {
  const auto& w = t.words();
  if (k >= w.size()) return;
  // Lower-case names only after an explicit "tên ... là" style introduction.
  bool caps = w[k].capitalized;
  if (need_caps && !caps) return;
  if (!caps && IsStopWord(w[k].folded)) return;
  if (caps && need_caps && IsStopWord(w[k].folded) && !IsSurname(w[k])) return;
  size_t e = k;
  for (size_t n = 0; n < 5 && e < w.size(); ++n) {
    if (caps ? !w[e].capitalized : IsStopWord(w[e].folded)) break;
    bool digit = IsDigit(t.cps()[w[e].begin]);
    if (digit) break;
    ++e;
    if (!t.SpaceOnlyAfter(e - 1)) break;
  }
  if (e > k) out.emplace_back(w[k].begin, w[e - 1].end);
}

void FindNames(const Text& t, std::vector<Span>& out) {
  const auto& w = t.words();
  for (size_t k = 0; k < w.size(); ++k) {
    // Strong introductions: a name (any case) follows.
    size_t len = 0;
    if (t.Matches(k, {"toi", "ten", "la"}) || t.Matches(k, {"ten", "toi", "la"}) ||
        t.Matches(k, {"em", "ten", "la"}) || t.Matches(k, {"ten", "em", "la"}) ||
        t.Matches(k, {"minh", "ten", "la"}) || t.Matches(k, {"ten", "minh", "la"}) ||
        t.Matches(k, {"chau", "ten", "la"}) || t.Matches(k, {"ten", "chau", "la"}) ||
        t.Matches(k, {"ho", "va", "ten"}) || t.Matches(k, {"nguoi", "phan", "anh"}) ||
        t.Matches(k, {"nguoi", "lam", "don"}) || t.Matches(k, {"nguoi", "lien", "he"}) ||
        t.Matches(k, {"nguoi", "viet", "don"})) {
      len = 3;
    } else if (t.Matches(k, {"toi", "ten"}) || t.Matches(k, {"em", "ten"}) ||
               t.Matches(k, {"minh", "ten"}) || t.Matches(k, {"chau", "ten"}) ||
               t.Matches(k, {"ho", "ten"}) || t.Matches(k, {"nguoi", "gui"}) ||
               t.Matches(k, {"nguoi", "viet"}) || t.Matches(k, {"phu", "huynh"}) ||
               t.Matches(k, {"ten", "la"})) {
      len = 2;
      // "phụ huynh" / "người gửi" / "người viết" are names only before ':' ("Phụ huynh: X").
      if ((w[k].folded == "phu" || w[k].folded == "nguoi") && t.SeparatorAfter(k + 1) != ':') {
        len = 0;
      }
    }
    if (len > 0) {
      size_t n = k + len;
      if (n < w.size() && w[n].folded == "la" && t.SpaceOnlyAfter(n - 1)) ++n;  // "tôi tên là"
      TakeName(t, n, /*need_caps=*/false, out);
      continue;
    }
    // Weak introductions: only a capitalised name counts ("tôi là Lan", not "tôi là người dân").
    if (t.Matches(k, {"toi", "la"}) || t.Matches(k, {"em", "la"}) || t.Matches(k, {"chau", "la"}) ||
        t.Matches(k, {"minh", "la"}) || t.Matches(k, {"con", "la"})) {
      TakeName(t, k + 2, /*need_caps=*/true, out);
      continue;
    }
    if (t.Matches(k, {"lien", "he"}) || t.Matches(k, {"chu", "ho"}) ||
        t.Matches(k, {"nguoi", "nhan"})) {
      TakeName(t, k + 2, /*need_caps=*/true, out);
      continue;
    }
    // Honorific + a title-case name: "ông Hoàng Văn Tuấn", "chị Lan", "(chị Lan)". Compared
    // with diacritics ("Chí", "Ba" are not honorifics); without them only the clear ones.
    static const char* const kHonorifics[] = {"ông", "bà", "anh", "chị", "cô", "chú", "bác", "cụ"};
    static const char* const kAsciiHonorifics[] = {"ong", "anh", "chi", "chu", "bac"};
    bool honorific = false;
    for (const char* h : kHonorifics) honorific |= w[k].lower == h;
    if (w[k].ascii) {
      for (const char* h : kAsciiHonorifics) honorific |= w[k].folded == h;
    }
    // After a place word it is a street ("phố Bà Triệu"), except "nhà ông X": someone's house.
    const bool after_place = k > 0 && IsPlaceWord(w[k - 1].folded) && w[k - 1].folded != "nha";
    if (honorific && !after_place && k + 1 < w.size() && t.SpaceOnlyAfter(k) && w[k + 1].capitalized &&
        !IsTitleWord(w[k + 1].folded)) {
      TakeName(t, k + 1, /*need_caps=*/true, out);
      continue;
    }
    // A full name anywhere: title-case surname + "Thị"/"Văn" + given name ("Phạm Thị Oanh"),
    // unless it follows a place word or a number (a street: "đường Hoàng Văn Thụ",
    // "nhà 5 Nguyễn Thị Minh Khai").
    if (w[k].capitalized && IsSurname(w[k]) && k + 2 < w.size() &&
        w[k + 1].capitalized &&
        (w[k + 1].ascii ? (w[k + 1].folded == "thi" || w[k + 1].folded == "van")
                        : (w[k + 1].lower == "thị" || w[k + 1].lower == "văn")) &&
        w[k + 2].capitalized && t.SpaceOnlyAfter(k) &&
        t.SpaceOnlyAfter(k + 1) && (k == 0 || !IsPlaceWord(w[k - 1].folded)) &&
        (k == 0 || !IsDigit(t.cps()[w[k - 1].begin]) || !t.SpaceOnlyAfter(k - 1))) {
      TakeName(t, k, /*need_caps=*/true, out);
    }
  }
}

// ---- house numbers -----------------------------------------------------------------------------

bool IsUnitWord(const std::string& f) {
  static const char* const kUnits[] = {
      "tang", "lan",  "nguoi", "ngay", "thang", "nam",  "ho",   "tuoi",  "cai",   "con",
      "m",    "met",  "km",    "gio",  "phut",  "dong", "trieu", "nghin", "ngan", "k",
      "tieng", "cm",  "m2",    "lo",   "chiec", "xe",   "tuan", "buoi",  "dem",   "so"};
  for (const char* s : kUnits) {
    if (f == s) return true;
  }
  return false;
}

void FindHouseNumbers(const Text& t, std::vector<Span>& out) {
  const auto& w = t.words();
  const auto& c = t.cps();
  for (size_t k = 0; k + 1 < w.size(); ++k) {
    size_t n = 0;
    if (t.Matches(k, {"so", "nha"}) || t.Matches(k, {"nha", "so"}) ||
        t.Matches(k, {"can", "ho"}) || t.Matches(k, {"dia", "chi"})) {
      n = k + 2;
    } else if (w[k].folded == "so" || w[k].folded == "nha" || w[k].folded == "phong") {
      n = k + 1;
    } else {
      continue;
    }
    if (n >= w.size() || !IsDigit(c[w[n].begin])) continue;
    // Only spaces between the keyword and the number, or ": " after "địa chỉ".
    const char32_t sep = t.SeparatorAfter(n - 1);
    if (!(t.SpaceOnlyAfter(n - 1) || (sep == ':' && w[k].folded == "dia"))) continue;
    // "số 3", "nhà 5A", "số 15/3", "số 12B/4"
    size_t e = w[n].end;
    // The word must be digits with at most two trailing letters.
    size_t digits_end = w[n].begin;
    while (digits_end < w[n].end && IsDigit(c[digits_end])) ++digits_end;
    if (w[n].end - digits_end > 2) continue;
    while (e + 1 < c.size() && c[e] == '/' && IsDigit(c[e + 1])) {
      ++e;
      while (e < c.size() && IsWord(c[e])) ++e;
    }
    if (n + 1 < w.size() && t.SpaceOnlyAfter(n) && IsUnitWord(w[n + 1].folded) &&
        w[n].end == digits_end && e == w[n].end) {
      continue;  // "nhà 9 tầng", "số 2 lần"
    }
    out.emplace_back(w[n].begin, e);
  }
}

}  // namespace

Result<std::string> Redact(std::string_view text) {
  auto nfc = ToNfc(text);
  if (!nfc.ok()) return nfc.error();
  std::u32string cps;
  DecodeUtf8(*nfc, cps);
  Text t(cps);
  std::vector<Span> spans;
  FindEmails(t.cps(), spans);
  FindNumbers(t.cps(), spans);
  FindNames(t, spans);
  FindHouseNumbers(t, spans);
  if (spans.empty()) return std::move(*nfc);
  std::sort(spans.begin(), spans.end());
  std::string out;
  out.reserve(nfc->size());
  size_t i = 0;
  const auto& c = t.cps();
  for (size_t s = 0; s < spans.size(); ++s) {
    size_t b = std::max(spans[s].first, i);
    size_t e = spans[s].second;
    while (s + 1 < spans.size() && spans[s + 1].first <= e) e = std::max(e, spans[++s].second);
    if (e <= i) continue;
    for (; i < b; ++i) AppendUtf8(c[i], out);
    out += kRedactedMarker;
    i = e;
  }
  for (; i < c.size(); ++i) AppendUtf8(c[i], out);
  return out;
}

}  // namespace wardline::triage
