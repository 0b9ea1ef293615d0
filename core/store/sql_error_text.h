// What of a database error may leave the store. SOCI appends " while executing \"<statement>\"
// with <bound values>" to its messages; the statement and the values are a resident's text,
// name and phone, so they are cut before an Error is built.
#pragma once

#include <string>

namespace wardline {

inline std::string WithoutStatement(const std::string& what) {
  for (const char* marker : {" while executing", " while preparing", " while fetching"}) {
    if (auto pos = what.find(marker); pos != std::string::npos) return what.substr(0, pos);
  }
  return what;
}

}  // namespace wardline
