#include "core/domain/tracking_code.h"

#include <sys/random.h>

#include <cctype>
#include <stdexcept>

namespace wardline {
namespace {

constexpr std::string_view kSymbols = "23456789ABCDEFGHJKMNPQRSTWXYZ";

}  // namespace

RandomBytes SystemRandomBytes() {
  return [](unsigned char* out, std::size_t n) {
    std::size_t got = 0;
    while (got < n) {
      ssize_t r = getrandom(out + got, n - got, 0);
      if (r < 0) throw std::runtime_error("getrandom failed");
      got += static_cast<std::size_t>(r);
    }
  };
}

std::string NewTrackingCode(const RandomBytes& random) {
  // Rejection sampling keeps every symbol equally likely.
  const std::size_t n = kSymbols.size();
  const unsigned limit = 256 - (256 % n);
  std::string code = "PA-";
  int produced = 0;
  while (produced < 8) {
    unsigned char buf[16];
    random(buf, sizeof buf);
    for (unsigned char b : buf) {
      if (b >= limit) continue;
      if (produced == 4) code.push_back('-');
      code.push_back(kSymbols[b % n]);
      if (++produced == 8) break;
    }
  }
  return code;
}

std::optional<std::string> NormalizeTrackingCode(std::string_view input) {
  std::string s;
  for (char c : input) {
    if (c == '-' || c == ' ' || c == '.') continue;
    char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    s.push_back(u);
  }
  if (s.size() == 10 && s.compare(0, 2, "PA") == 0) s = s.substr(2);
  if (s.size() != 8) return std::nullopt;
  for (char c : s) {
    if (kSymbols.find(c) == std::string_view::npos) return std::nullopt;
  }
  return "PA-" + s.substr(0, 4) + "-" + s.substr(4);
}

}  // namespace wardline
