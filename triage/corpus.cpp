#include "triage/corpus.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "triage/normalize.h"

namespace wardline::triage {

bool IsScope(std::string_view s) {
  return s == "phan_anh" || s == "khieu_nai" || s == "to_cao" || s == "ngoai_tham_quyen";
}

Result<Example> ParseExampleLine(std::string_view line) {
  if (!IsValidUtf8(line)) return InvalidArgument("invalid UTF-8");
  nlohmann::json j = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return InvalidArgument("not a JSON object");
  Example e;
  auto text = j.find("text");
  auto cat = j.find("category");
  if (text == j.end() || !text->is_string()) return InvalidArgument("missing string 'text'");
  if (auto sc = j.find("scope"); sc != j.end() && !sc->is_null()) {
    if (!sc->is_string()) return InvalidArgument("'scope' is not a string");
    e.scope = sc->get<std::string>();
    if (!IsScope(e.scope)) return InvalidArgument("unknown scope '" + e.scope + "'");
  }
  const bool category_optional = !e.scope.empty() && e.scope != "phan_anh";
  if (cat != j.end() && cat->is_string()) {
    e.category = cat->get<std::string>();
  } else if (!(category_optional && (cat == j.end() || cat->is_null()))) {
    return InvalidArgument("missing string 'category'");
  }
  e.text = text->get<std::string>();
  if (auto id = j.find("id"); id != j.end()) {
    if (id->is_string()) {
      e.id = id->get<std::string>();
    } else if (id->is_number()) {
      e.id = id->dump();
    }
  }
  if (auto p = j.find("priority"); p != j.end() && !p->is_null()) {
    if (!p->is_string()) return InvalidArgument("'priority' is not a string");
    auto pr = ParsePriority(p->get<std::string>());
    if (!pr) return InvalidArgument("unknown priority '" + p->get<std::string>() + "'");
    e.priority = *pr;
  }
  if (auto w = j.find("ward"); w != j.end() && !w->is_null()) {
    if (!w->is_string()) return InvalidArgument("'ward' is not a string or null");
    e.ward = w->get<std::string>();
  }
  return e;
}

Result<std::vector<Example>> ReadExamples(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return NotFound("cannot read " + path);
  std::vector<Example> out;
  std::string line;
  int n = 0;
  while (std::getline(f, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    auto e = ParseExampleLine(line);
    if (!e.ok()) {
      return InvalidArgument(path + ":" + std::to_string(n) + ": " + e.error().message);
    }
    if (e->id.empty()) e->id = path + ":" + std::to_string(n);
    out.push_back(std::move(*e));
  }
  return out;
}

}  // namespace wardline::triage
