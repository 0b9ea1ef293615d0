#include "connectors/common/text.h"

#include <cstdint>


namespace wardline::connectors::common {

std::string FitText(std::string_view text, std::size_t max_chars) {
  if (Utf8Length(text) <= max_chars) return std::string(text);
  if (max_chars == 0) return {};
  static constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026
  const std::size_t keep = max_chars - 1;  // room for the ellipsis
  // Byte offset just after `keep` code points.
  std::size_t end = 0, count = 0;
  while (end < text.size() && count < keep) {
    ++end;
    while (end < text.size() && IsContinuationByte(text[end])) ++end;
    ++count;
  }
  // Prefer a word boundary in the last fifth of the kept text.
  const std::size_t floor = end - end / 5;
  std::size_t cut = end;
  for (std::size_t i = end; i > floor; --i) {
    const char c = text[i - 1];
    if (c == ' ' || c == '\n' || c == '\t') {
      cut = i - 1;
      break;
    }
  }
  while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == '\n' || text[cut - 1] == '\t')) {
    --cut;
  }
  std::string out(text.substr(0, cut));
  out += kEllipsis;
  return out;
}

std::size_t JsonNestingDepth(std::string_view json) {
  std::size_t depth = 0, max_depth = 0;
  bool in_string = false, escaped = false;
  for (char c : json) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"': in_string = true; break;
      case '[':
      case '{':
        if (++depth > max_depth) max_depth = depth;
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;
        break;
      default: break;
    }
  }
  return max_depth;
}

std::string UrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0f];
    }
  }
  return out;
}

}  // namespace wardline::connectors::common
