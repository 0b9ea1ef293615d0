#include "triage/cli.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <iomanip>
#include <istream>
#include <map>
#include <random>
#include <ostream>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "triage/corpus.h"
#include "triage/duplicates.h"
#include "triage/triager.h"

namespace wardline::triage {
namespace {

std::string Fixed(double v, int digits = 3) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

Result<Model> LoadModel(const AppConfig& config, const std::string& override_path) {
  const std::string& path = override_path.empty() ? config.triage.model_path : override_path;
  return Model::Load(path);
}

// Ward label as a bare proper name: "Phường Kim Liên" -> "Kim Liên"; NFC.
std::string BareWardName(const std::string& name) {
  auto nfc = ToNfc(name);
  std::string s = nfc.ok() ? *nfc : name;
  for (const char* prefix : {"Phường ", "phường ", "P. ", "P."}) {
    if (s.rfind(prefix, 0) == 0) return s.substr(std::string(prefix).size());
  }
  return s;
}

nlohmann::json ResultJson(const TriageResult& r) {
  nlohmann::json j;
  j["scope"] = r.scope;
  j["scope_confidence"] = std::round(r.scope_confidence * 1000.0) / 1000.0;
  j["category"] = r.category;
  j["department"] = r.department;
  j["priority"] = PriorityName(r.priority);
  j["ward"] = r.ward_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.ward_name);
  j["confidence"] = std::round(r.confidence * 1000.0) / 1000.0;
  j["urgent_probability"] = std::round(r.urgent_probability * 1000.0) / 1000.0;
  nlohmann::json issues = nlohmann::json::array();
  for (const auto& is : r.issues) {
    issues.push_back({{"category", is.category}, {"department", is.department}, {"text", is.text}});
  }
  j["issues"] = std::move(issues);
  return j;
}

// Every JSON object line of a file (blank lines skipped). Errors name file and line.
Result<std::vector<nlohmann::json>> ReadJsonLines(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return NotFound("cannot read " + path);
  std::vector<nlohmann::json> out;
  std::string line;
  int n = 0;
  while (std::getline(f, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    nlohmann::json j = IsValidUtf8(line) ? nlohmann::json::parse(line, nullptr, false)
                                         : nlohmann::json(nlohmann::json::value_t::discarded);
    if (j.is_discarded() || !j.is_object() || !j.contains("text") || !j["text"].is_string()) {
      return InvalidArgument(path + ":" + std::to_string(n) + ": not a JSON object with 'text'");
    }
    out.push_back(std::move(j));
  }
  return out;
}

// Kind of a labelled file, from its lines: "dups" (a `cluster`), "multi" (an `issues` array),
// "scope" (a `scope`), else "category".
std::string FileKind(const std::vector<nlohmann::json>& lines) {
  for (const auto& j : lines) {
    if (j.contains("cluster")) return "dups";
    if (j.contains("issues") && j["issues"].is_array()) return "multi";
    if (j.contains("scope")) return "scope";
  }
  return "category";
}

struct Prf {
  double p = 0, r = 0, f1 = 0;
};
Prf MakePrf(int tp, int predicted, int gold) {
  Prf x;
  x.p = predicted ? static_cast<double>(tp) / predicted : 0;
  x.r = gold ? static_cast<double>(tp) / gold : 0;
  x.f1 = x.p + x.r > 0 ? 2 * x.p * x.r / (x.p + x.r) : 0;
  return x;
}

std::string JStr(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

// ---- triage ------------------------------------------------------------------------------------

int TriageCommand(const AppConfig& config, const std::vector<std::string>& args, std::istream& in,
                  std::ostream& out, std::ostream& err) {
  bool json = false;
  bool jsonl = false;
  std::string model_path;
  std::string ward;
  std::vector<std::string> words;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--json") {
      json = true;
    } else if (a == "--jsonl") {
      jsonl = true;
    } else if ((a == "--model" || a == "--ward") && i + 1 < args.size()) {
      (a == "--model" ? model_path : ward) = args[++i];
    } else if (a == "--") {
      words.insert(words.end(), args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    } else if (a.size() > 1 && a[0] == '-' && a[1] == '-') {
      err << "wardline triage: unknown option " << a << "\n";
      return 2;
    } else {
      words.push_back(a);
    }
  }
  if (!jsonl && words.empty()) {
    err << "usage: wardline triage [--json] [--ward SLUG] TEXT | wardline triage --jsonl\n";
    return 2;
  }
  auto model = LoadModel(config, model_path);
  if (!model.ok()) {
    err << "wardline triage: " << model.error().message << "\n";
    return 1;
  }
  Triager triager(config, std::move(*model));

  if (!jsonl) {
    std::string text;
    for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
    auto r = triager.Triage(text, ward);
    if (!r.ok()) {
      err << "wardline triage: " << r.error().message << "\n";
      return 1;
    }
    if (json) {
      nlohmann::json j = ResultJson(*r);
      j["needs_triage"] = r->needs_triage;
      out << j.dump() << "\n";
    } else {
      out << "category: " << r->category << "\n"
          << "department: " << r->department << (r->needs_triage ? " (needs triage)" : "") << "\n"
          << "priority: " << PriorityName(r->priority) << "\n"
          << "ward: " << (r->ward_name.empty() ? "-" : r->ward_name) << "\n"
          << "confidence: " << Fixed(r->confidence) << "\n";
    }
    return 0;
  }

  int failures = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    nlohmann::json o;
    nlohmann::json id = nullptr;
    std::string error;
    nlohmann::json j = IsValidUtf8(line) ? nlohmann::json::parse(line, nullptr, false)
                                         : nlohmann::json(nlohmann::json::value_t::discarded);
    if (j.is_discarded() || !j.is_object()) {
      error = "not a JSON object";
    } else {
      if (j.contains("id")) id = j["id"];
      auto t = j.find("text");
      if (t == j.end() || !t->is_string()) {
        error = "missing string 'text'";
      } else {
        auto r = triager.Triage(t->get<std::string>(), ward);
        if (r.ok()) {
          o = ResultJson(*r);
          // Only a ward the text names: the batch has no filing ward.
          if (!r->ward_from_text && ward.empty()) o["ward"] = nullptr;
        } else {
          error = r.error().message;
        }
      }
    }
    nlohmann::json line_out;
    line_out["id"] = id;
    if (error.empty()) {
      for (auto& [k, v] : o.items()) line_out[k] = v;
    } else {
      line_out["error"] = error;
      ++failures;
    }
    out << line_out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  return failures == 0 ? 0 : 1;
}

// ---- eval --------------------------------------------------------------------------------------

namespace {

// Scope file: per-label P/R/F1, macro-F1, to_cao recall, category accuracy of phan_anh lines.
int EvalScope(const Triager& triager, const std::vector<nlohmann::json>& lines, bool show_errors,
              std::ostream& out, std::ostream& err) {
  const std::vector<std::string> labels = {"phan_anh", "khieu_nai", "to_cao", "ngoai_tham_quyen"};
  std::map<std::string, int> tp, gold, pred;
  std::map<std::string, std::map<std::string, int>> confusion;
  int n = 0, correct = 0, cat_n = 0, cat_ok = 0;
  for (const auto& j : lines) {
    const std::string g = JStr(j, "scope");
    if (g.empty()) continue;
    auto r = triager.Triage(JStr(j, "text"), "");
    if (!r.ok()) {
      err << "wardline eval: " << JStr(j, "id") << ": " << r.error().message << "\n";
      return 1;
    }
    ++n;
    ++gold[g];
    ++pred[r->scope];
    ++confusion[g][r->scope];
    if (g == r->scope) {
      ++tp[g];
      ++correct;
    }
    const std::string gc = JStr(j, "category");
    if (g == "phan_anh" && !gc.empty()) {
      ++cat_n;
      cat_ok += gc == r->category;
    }
    if (show_errors && g != r->scope) {
      out << "ERR " << JStr(j, "id") << " gold=" << g << " pred=" << r->scope << "("
          << Fixed(r->scope_confidence, 2) << ") | " << JStr(j, "text") << "\n";
    }
  }
  if (n == 0) {
    err << "wardline eval: no scope lines\n";
    return 1;
  }
  out << std::left << std::setw(18) << "scope" << std::right << std::setw(10) << "precision"
      << std::setw(8) << "recall" << std::setw(8) << "f1" << std::setw(9) << "support" << "\n";
  double f1_sum = 0;
  for (const auto& l : labels) {
    Prf x = MakePrf(tp[l], pred[l], gold[l]);
    f1_sum += x.f1;
    out << std::left << std::setw(18) << l << std::right << std::setw(10) << Fixed(x.p)
        << std::setw(8) << Fixed(x.r) << std::setw(8) << Fixed(x.f1) << std::setw(9) << gold[l]
        << "\n";
  }
  out << "\nconfusion (rows = label, columns = predicted):\n" << std::setw(18) << "";
  for (const auto& l : labels) out << std::setw(8) << l.substr(0, 7);
  out << "\n";
  for (const auto& g : labels) {
    out << std::left << std::setw(18) << g << std::right;
    for (const auto& p : labels) out << std::setw(8) << confusion[g][p];
    out << "\n";
  }
  const double macro = f1_sum / static_cast<double>(labels.size());
  const double to_cao_recall = gold["to_cao"] ? static_cast<double>(tp["to_cao"]) / gold["to_cao"] : 1.0;
  out << "phan_anh category accuracy=" << Fixed(cat_n ? static_cast<double>(cat_ok) / cat_n : 1.0)
      << " (n=" << cat_n << ")\n";
  out << "scope_macro_f1=" << Fixed(macro) << " to_cao_recall=" << Fixed(to_cao_recall)
      << " accuracy=" << Fixed(static_cast<double>(correct) / n) << " n=" << n << "\n";
  return 0;
}

// Multi-issue file: detection of multi-problem messages (P/R/F1) and exact set accuracy.
int EvalMulti(const Triager& triager, const std::vector<nlohmann::json>& lines, bool show_errors,
              std::ostream& out, std::ostream& err) {
  int n = 0, tp = 0, fp = 0, fn = 0, set_ok = 0, list_ok = 0, first_ok = 0;
  for (const auto& j : lines) {
    std::vector<std::string> gold;
    for (const auto& c : j["issues"]) {
      if (c.is_string()) gold.push_back(c.get<std::string>());
    }
    if (gold.empty()) continue;
    auto r = triager.Triage(JStr(j, "text"), "");
    if (!r.ok()) {
      err << "wardline eval: " << JStr(j, "id") << ": " << r.error().message << "\n";
      return 1;
    }
    ++n;
    std::vector<std::string> predicted;
    for (const auto& is : r->issues) predicted.push_back(is.category);
    const bool gm = std::set<std::string>(gold.begin(), gold.end()).size() > 1;
    const bool pm = std::set<std::string>(predicted.begin(), predicted.end()).size() > 1;
    tp += gm && pm;
    fp += !gm && pm;
    fn += gm && !pm;
    const bool same_set = std::set<std::string>(gold.begin(), gold.end()) ==
                          std::set<std::string>(predicted.begin(), predicted.end());
    set_ok += same_set;
    list_ok += gold == predicted;
    first_ok += !predicted.empty() && predicted[0] == gold[0];
    if (show_errors && !same_set) {
      out << "ERR " << JStr(j, "id") << " gold=";
      for (size_t i = 0; i < gold.size(); ++i) out << (i ? "+" : "") << gold[i];
      out << " pred=";
      for (size_t i = 0; i < predicted.size(); ++i) out << (i ? "+" : "") << predicted[i];
      out << " | " << JStr(j, "text") << "\n";
    }
  }
  if (n == 0) {
    err << "wardline eval: no multi-issue lines\n";
    return 1;
  }
  Prf x = MakePrf(tp, tp + fp, tp + fn);
  out << "multi-problem detection: precision=" << Fixed(x.p) << " recall=" << Fixed(x.r)
      << " f1=" << Fixed(x.f1) << " (gold " << tp + fn << ", predicted " << tp + fp << ")\n";
  out << "ordered list accuracy=" << Fixed(static_cast<double>(list_ok) / n)
      << " first issue accuracy=" << Fixed(static_cast<double>(first_ok) / n) << "\n";
  out << "multi_f1=" << Fixed(x.f1) << " set_accuracy=" << Fixed(static_cast<double>(set_ok) / n)
      << " n=" << n << "\n";
  return 0;
}

}  // namespace

DuplicateItem DuplicateItemFromJson(const nlohmann::json& j) {
  DuplicateItem it;
  it.id = j.contains("id") ? (j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump()) : "";
  it.text = JStr(j, "text");
  it.ward = JStr(j, "ward");
  auto lat = j.find("lat");
  auto lon = j.find("lon");
  if (lat != j.end() && lon != j.end() && lat->is_number() && lon->is_number()) {
    it.point = GeoPoint{lat->get<double>(), lon->get<double>()};
  }
  it.at = DuplicateClusterer::ParseTime(JStr(j, "at")).value_or(0);
  return it;
}

std::vector<std::string> ClusterItems(const Triager& triager, std::vector<DuplicateItem> items,
                                      const DuplicateOptions& options) {
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return items[a].at < items[b].at; });
  DuplicateClusterer clusterer(triager.model().normalizer(), options);
  std::vector<std::string> cluster(items.size());
  for (size_t i : order) {
    auto r = triager.Triage(items[i].text, items[i].ward);
    if (r.ok() && r->confidence >= 0.5) items[i].category = r->category;
    cluster[i] = clusterer.Add(items[i]);
  }
  return cluster;
}

PartitionScores ScorePartition(const std::vector<std::string>& gold,
                               const std::vector<std::string>& pred) {
  PartitionScores s;
  const size_t n = gold.size();
  if (n == 0) return s;
  std::map<std::string, std::vector<size_t>> by_gold, by_pred;
  for (size_t i = 0; i < n; ++i) {
    by_gold[gold[i]].push_back(i);
    by_pred[pred[i]].push_back(i);
  }
  double bp = 0, br = 0;
  long long pairs_tp = 0, pairs_pred = 0, pairs_gold = 0;
  for (size_t i = 0; i < n; ++i) {
    const auto& pc = by_pred[pred[i]];
    const auto& gc = by_gold[gold[i]];
    size_t both = 0;
    for (size_t k : pc) both += gold[k] == gold[i];
    bp += static_cast<double>(both) / pc.size();
    br += static_cast<double>(both) / gc.size();
  }
  for (const auto& [c, v] : by_pred) {
    pairs_pred += static_cast<long long>(v.size()) * (v.size() - 1) / 2;
    std::map<std::string, long long> inner;
    for (size_t k : v) ++inner[gold[k]];
    for (const auto& [g, m] : inner) pairs_tp += m * (m - 1) / 2;
  }
  for (const auto& [c, v] : by_gold) pairs_gold += static_cast<long long>(v.size()) * (v.size() - 1) / 2;
  s.bcubed_precision = bp / n;
  s.bcubed_recall = br / n;
  s.bcubed_f1 = s.bcubed_precision + s.bcubed_recall > 0
                    ? 2 * s.bcubed_precision * s.bcubed_recall / (s.bcubed_precision + s.bcubed_recall)
                    : 0;
  s.pairwise_precision = pairs_pred ? static_cast<double>(pairs_tp) / pairs_pred : 1.0;
  s.pairwise_recall = pairs_gold ? static_cast<double>(pairs_tp) / pairs_gold : 1.0;
  s.pairwise_f1 = s.pairwise_precision + s.pairwise_recall > 0
                      ? 2 * s.pairwise_precision * s.pairwise_recall /
                            (s.pairwise_precision + s.pairwise_recall)
                      : 0;
  return s;
}

namespace {

void PrintPartition(const char* name, const PartitionScores& s, std::ostream& out) {
  out << std::left << std::setw(10) << name << std::right << " bcubed P/R/F1 "
      << Fixed(s.bcubed_precision) << " " << Fixed(s.bcubed_recall) << " " << Fixed(s.bcubed_f1)
      << "   pairwise P/R/F1 " << Fixed(s.pairwise_precision) << " " << Fixed(s.pairwise_recall)
      << " " << Fixed(s.pairwise_f1) << "\n";
}

int EvalDups(const Triager& triager, const std::vector<nlohmann::json>& lines, bool show_errors,
             std::ostream& out) {
  std::vector<DuplicateItem> items;
  std::vector<std::string> gold;
  for (const auto& j : lines) {
    items.push_back(DuplicateItemFromJson(j));
    gold.push_back(JStr(j, "cluster"));
  }
  DuplicateOptions base_opt;
  base_opt.baseline = true;
  const auto pred = ClusterItems(triager, items, {});
  const auto base = ClusterItems(triager, items, base_opt);
  const PartitionScores s = ScorePartition(gold, pred);
  const PartitionScores b = ScorePartition(gold, base);
  std::set<std::string> gc(gold.begin(), gold.end()), pc(pred.begin(), pred.end());
  out << "messages " << items.size() << ", gold clusters " << gc.size() << ", predicted "
      << pc.size() << "\n";
  PrintPartition("wardline", s, out);
  PrintPartition("baseline", b, out);
  if (show_errors) {
    for (size_t i = 0; i < items.size(); ++i) {
      for (size_t k = 0; k < i; ++k) {
        const bool g = gold[i] == gold[k], p = pred[i] == pred[k];
        if (g != p) {
          out << (p ? "FALSE-MERGE " : "MISSED-MERGE ") << items[k].id << " ~ " << items[i].id
              << " | " << items[k].text.substr(0, 90) << " | " << items[i].text.substr(0, 90)
              << "\n";
        }
      }
    }
  }
  out << "bcubed_f1=" << Fixed(s.bcubed_f1) << " pairwise_precision=" << Fixed(s.pairwise_precision)
      << " pairwise_recall=" << Fixed(s.pairwise_recall) << " baseline_bcubed_f1="
      << Fixed(b.bcubed_f1) << " baseline_pairwise_precision=" << Fixed(b.pairwise_precision)
      << " n=" << items.size() << "\n";
  return 0;
}

}  // namespace

int EvalCommand(const AppConfig& config, const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err) {
  std::string model_path;
  bool show_errors = false;
  std::vector<std::string> files;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--model" && i + 1 < args.size()) {
      model_path = args[++i];
    } else if (args[i] == "--errors") {
      show_errors = true;
    } else if (args[i].rfind("--", 0) == 0) {
      err << "wardline eval: unknown option " << args[i] << "\n";
      return 2;
    } else {
      files.push_back(args[i]);
    }
  }
  if (files.empty()) {
    err << "usage: wardline eval [--model FILE] [--errors] FILE.jsonl...\n";
    return 2;
  }
  // The kind of the files (all must be of one kind): category, scope, multi or dups.
  std::vector<nlohmann::json> lines;
  std::string kind;
  for (const auto& f : files) {
    auto ls = ReadJsonLines(f);
    if (!ls.ok()) {
      err << "wardline eval: " << ls.error().message << "\n";
      return 1;
    }
    const std::string k = FileKind(*ls);
    if (!kind.empty() && k != kind) {
      err << "wardline eval: " << f << " is a " << k << " file, the others are " << kind << "\n";
      return 2;
    }
    kind = k;
    lines.insert(lines.end(), ls->begin(), ls->end());
  }
  auto model = LoadModel(config, model_path);
  if (!model.ok()) {
    err << "wardline eval: " << model.error().message << "\n";
    return 1;
  }
  Triager triager(config, std::move(*model));
  if (kind == "scope") return EvalScope(triager, lines, show_errors, out, err);
  if (kind == "multi") return EvalMulti(triager, lines, show_errors, out, err);
  if (kind == "dups") return EvalDups(triager, lines, show_errors, out);

  std::vector<Example> examples;
  for (const auto& f : files) {
    auto ex = ReadExamples(f);
    if (!ex.ok()) {
      err << "wardline eval: " << ex.error().message << "\n";
      return 1;
    }
    examples.insert(examples.end(), ex->begin(), ex->end());
  }
  if (examples.empty()) {
    err << "wardline eval: no examples\n";
    return 1;
  }

  std::set<std::string> label_set;
  for (const auto& e : examples) label_set.insert(e.category);
  for (const auto& c : triager.model().categories()) label_set.insert(c);
  std::vector<std::string> labels(label_set.begin(), label_set.end());
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < labels.size(); ++i) index[labels[i]] = i;
  const size_t L = labels.size();
  std::vector<std::vector<int>> confusion(L, std::vector<int>(L, 0));

  int correct = 0, urgent_tp = 0, urgent_fn = 0, urgent_fp = 0;
  int ward_ok = 0, named = 0, named_ok = 0, unnamed = 0, unnamed_ok = 0, needs_triage = 0;
  auto start = std::chrono::steady_clock::now();
  for (const auto& e : examples) {
    auto r = triager.Triage(e.text, "");
    if (!r.ok()) {
      err << "wardline eval: " << e.id << ": " << r.error().message << "\n";
      return 1;
    }
    const bool hit = r->category == e.category;
    correct += hit;
    needs_triage += r->needs_triage;
    ++confusion[index[e.category]][index[r->category]];
    const bool gold_urgent = e.priority == Priority::kUrgent;
    const bool pred_urgent = r->priority == Priority::kUrgent;
    urgent_tp += gold_urgent && pred_urgent;
    urgent_fn += gold_urgent && !pred_urgent;
    urgent_fp += !gold_urgent && pred_urgent;
    const std::string gold_ward = e.ward ? BareWardName(*e.ward) : "";
    const std::string pred_ward = r->ward_from_text ? r->ward_name : "";
    const bool ward_hit = gold_ward == pred_ward;
    ward_ok += ward_hit;
    if (e.ward) {
      ++named;
      named_ok += ward_hit;
    } else {
      ++unnamed;
      unnamed_ok += ward_hit;
    }
    if (show_errors && (!hit || gold_urgent != pred_urgent || !ward_hit)) {
      out << "ERR " << e.id << " gold=" << e.category << "/" << (gold_urgent ? "U" : "-") << "/"
          << (gold_ward.empty() ? "null" : gold_ward) << " pred=" << r->category << "("
          << Fixed(r->confidence, 2) << ")/" << (pred_urgent ? "U" : "-") << "/"
          << (pred_ward.empty() ? "null" : pred_ward) << " | " << e.text << "\n";
    }
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double n = static_cast<double>(examples.size());

  out << std::left << std::setw(16) << "category" << std::right << std::setw(10) << "precision"
      << std::setw(8) << "recall" << std::setw(8) << "f1" << std::setw(9) << "support" << "\n";
  double f1_sum = 0;
  for (size_t i = 0; i < L; ++i) {
    int tp = confusion[i][i], support = 0, predicted = 0;
    for (size_t j = 0; j < L; ++j) {
      support += confusion[i][j];
      predicted += confusion[j][i];
    }
    double p = predicted ? static_cast<double>(tp) / predicted : 0;
    double rc = support ? static_cast<double>(tp) / support : 0;
    double f1 = p + rc > 0 ? 2 * p * rc / (p + rc) : 0;
    f1_sum += f1;
    out << std::left << std::setw(16) << labels[i] << std::right << std::setw(10) << Fixed(p)
        << std::setw(8) << Fixed(rc) << std::setw(8) << Fixed(f1) << std::setw(9) << support
        << "\n";
  }
  const double macro_f1 = f1_sum / static_cast<double>(L);
  out << "\nconfusion matrix (rows = label, columns = predicted):\n" << std::setw(16) << "";
  for (size_t j = 0; j < L; ++j) out << std::setw(6) << labels[j].substr(0, 5);
  out << "\n";
  for (size_t i = 0; i < L; ++i) {
    out << std::left << std::setw(16) << labels[i] << std::right;
    for (size_t j = 0; j < L; ++j) out << std::setw(6) << confusion[i][j];
    out << "\n";
  }
  const int urgent_gold = urgent_tp + urgent_fn;
  const double urgent_recall = urgent_gold ? static_cast<double>(urgent_tp) / urgent_gold : 1.0;
  const double urgent_precision =
      urgent_tp + urgent_fp ? static_cast<double>(urgent_tp) / (urgent_tp + urgent_fp) : 1.0;
  out << "\nurgent: recall=" << Fixed(urgent_recall) << " precision=" << Fixed(urgent_precision)
      << " (gold " << urgent_gold << ", predicted " << urgent_tp + urgent_fp << ")\n";
  out << "ward: accuracy=" << Fixed(ward_ok / n) << " named_accuracy="
      << Fixed(named ? static_cast<double>(named_ok) / named : 1.0) << " (n=" << named << ")"
      << " unnamed_accuracy=" << Fixed(unnamed ? static_cast<double>(unnamed_ok) / unnamed : 1.0)
      << " (n=" << unnamed << ")\n";
  out << "needs_triage=" << needs_triage << " (min_confidence "
      << Fixed(config.triage.min_confidence, 2) << ")  speed=" << Fixed(n / secs, 0)
      << " msg/s\n";
  out << "macro_f1=" << Fixed(macro_f1) << " accuracy=" << Fixed(correct / n)
      << " urgent_recall=" << Fixed(urgent_recall) << " ward_accuracy=" << Fixed(ward_ok / n)
      << " n=" << examples.size() << "\n";
  return 0;
}

// ---- cluster -----------------------------------------------------------------------------------

int ClusterCommand(const AppConfig& config, const std::vector<std::string>& args, std::istream& in,
                   std::ostream& out, std::ostream& err) {
  std::string model_path;
  bool jsonl = false, baseline = false;
  DuplicateOptions opt;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--model" && i + 1 < args.size()) {
      model_path = args[++i];
    } else if (args[i] == "--jsonl") {
      jsonl = true;
    } else if (args[i] == "--baseline") {
      baseline = true;
    } else if (args[i] == "--threshold" && i + 1 < args.size()) {
      try {
        opt.threshold = std::stod(args[++i]);
      } catch (const std::logic_error&) {
        err << "wardline cluster: bad value for --threshold\n";
        return 2;
      }
    } else {
      err << "wardline cluster: unknown option " << args[i] << "\n";
      return 2;
    }
  }
  if (!jsonl) {
    err << "usage: wardline cluster --jsonl [--model FILE] [--threshold T] [--baseline] < in.jsonl\n";
    return 2;
  }
  opt.baseline = baseline;
  auto model = LoadModel(config, model_path);
  if (!model.ok()) {
    err << "wardline cluster: " << model.error().message << "\n";
    return 1;
  }
  Triager triager(config, std::move(*model));
  std::vector<DuplicateItem> items;
  std::string line;
  int n = 0, failures = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    nlohmann::json j = IsValidUtf8(line) ? nlohmann::json::parse(line, nullptr, false)
                                         : nlohmann::json(nlohmann::json::value_t::discarded);
    if (j.is_discarded() || !j.is_object() || !j.contains("text") || !j["text"].is_string()) {
      err << "wardline cluster: line " << n << ": not a JSON object with 'text'\n";
      ++failures;
      continue;
    }
    DuplicateItem it = DuplicateItemFromJson(j);
    if (!DuplicateClusterer::ParseTime(JStr(j, "at"))) {
      err << "wardline cluster: line " << n << ": missing or bad 'at'\n";
      ++failures;
      continue;
    }
    items.push_back(std::move(it));
  }
  // Time order, as the hub would see them (the input is usually sorted already).
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return items[a].at < items[b].at; });
  const auto clusters = ClusterItems(triager, items, opt);
  for (size_t i : order) {
    nlohmann::json o;
    o["id"] = items[i].id;
    o["cluster"] = clusters[i];
    out << o.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  return failures == 0 ? 0 : 1;
}

// ---- train -------------------------------------------------------------------------------------

std::vector<Example> ExamplesFromCorrections(const std::vector<TriageCorrection>& corrections,
                                             const AppConfig& config) {
  std::vector<Example> out;
  for (const auto& c : corrections) {
    if (c.new_category.empty() || c.text.empty()) continue;
    Example e;
    e.id = "correction-" + std::to_string(c.case_id);
    e.text = c.text;
    e.category = c.new_category;
    if (!c.new_ward.empty()) {
      if (const Ward* w = config.FindWard(c.new_ward)) e.ward = w->name;
    }
    out.push_back(std::move(e));
  }
  return out;
}

int TrainCommand(const std::vector<std::string>& args, const std::vector<Example>& extra,
                 std::ostream& out, std::ostream& err) {
  std::string out_path;
  std::string abbrev_path = "triage/abbreviations.tsv";
  std::string phrases_path = "triage/urgent_phrases.txt";
  TrainOptions opt;
  double urgent_recall = 0;  // > 0: pick the urgency threshold by cross-validation
  std::vector<std::string> inputs;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string* {
      return i + 1 < args.size() ? &args[++i] : nullptr;
    };
    try {
      if (a == "--out") {
        if (auto v = value()) out_path = *v;
      } else if (a == "--abbreviations") {
        if (auto v = value()) abbrev_path = *v;
      } else if (a == "--urgent-phrases") {
        if (auto v = value()) phrases_path = *v;
      } else if (a == "--epochs") {
        if (auto v = value()) opt.epochs = std::stoi(*v);
      } else if (a == "--lr") {
        if (auto v = value()) opt.learning_rate = std::stof(*v);
      } else if (a == "--l2") {
        if (auto v = value()) opt.l2 = std::stof(*v);
      } else if (a == "--hash-bits") {
        if (auto v = value()) opt.features.hash_bits = std::stoi(*v);
      } else if (a == "--char-weight") {
        if (auto v = value()) opt.features.char_weight = std::stof(*v);
      } else if (a == "--accent-weight") {
        if (auto v = value()) opt.features.accent_weight = std::stof(*v);
      } else if (a == "--skip-weight") {
        if (auto v = value()) opt.features.skip_weight = std::stof(*v);
      } else if (a == "--bigram-weight") {
        if (auto v = value()) opt.features.bigram_weight = std::stof(*v);
      } else if (a == "--char-min") {
        if (auto v = value()) opt.features.char_min = std::stoi(*v);
      } else if (a == "--char-max") {
        if (auto v = value()) opt.features.char_max = std::stoi(*v);
      } else if (a == "--urgent-weight") {
        if (auto v = value()) opt.urgent_weight = std::stof(*v);
      } else if (a == "--urgent-threshold") {
        if (auto v = value()) opt.urgent_threshold = std::stof(*v);
      } else if (a == "--urgent-recall") {
        if (auto v = value()) urgent_recall = std::stod(*v);
      } else if (a == "--no-balance") {
        opt.balance_classes = false;
      } else if (a == "--no-average") {
        opt.average = false;
      } else if (a.rfind("--", 0) == 0) {
        err << "wardline train: unknown option " << a << "\n";
        return 2;
      } else {
        inputs.push_back(a);
      }
    } catch (const std::logic_error&) {  // std::stoi / std::stof: invalid_argument, out_of_range
      err << "wardline train: bad value for " << a << "\n";
      return 2;
    }
  }
  if (out_path.empty() || (inputs.empty() && extra.empty())) {
    err << "usage: wardline train CORPUS.jsonl|DIR... --out FILE [--abbreviations FILE]\n";
    return 2;
  }
  if (opt.features.hash_bits < 8 || opt.features.hash_bits > 26 || opt.features.char_min < 1 ||
      opt.features.char_max < opt.features.char_min || opt.epochs < 1) {
    err << "wardline train: option out of range\n";
    return 2;
  }
  std::vector<std::string> files;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (std::filesystem::is_directory(in, ec)) {
      std::vector<std::string> found;
      for (const auto& de : std::filesystem::directory_iterator(in, ec)) {
        if (de.path().extension() == ".jsonl") found.push_back(de.path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(in);
    }
  }
  std::vector<Example> examples;
  for (const auto& f : files) {
    auto ex = ReadExamples(f);
    if (!ex.ok()) {
      err << "wardline train: " << ex.error().message << "\n";
      return 1;
    }
    examples.insert(examples.end(), ex->begin(), ex->end());
  }
  examples.insert(examples.end(), extra.begin(), extra.end());
  auto abbrev = Abbreviations::Load(abbrev_path);
  if (!abbrev.ok()) {
    err << "wardline train: " << abbrev.error().message << "\n";
    return 1;
  }
  if (!phrases_path.empty()) {
    std::ifstream pf(phrases_path, std::ios::binary);
    if (!pf) {
      err << "wardline train: cannot read urgent phrases " << phrases_path << "\n";
      return 1;
    }
    std::stringstream ss;
    ss << pf.rdbuf();
    auto phrases = Model::ParseUrgentPhrases(ss.str());
    if (!phrases.ok()) {
      err << "wardline train: " << phrases.error().message << "\n";
      return 1;
    }
    opt.urgent_phrases = std::move(*phrases);
  }
  if (urgent_recall > 0) {
    // Urgency threshold from 3-fold cross-validation on the training examples themselves: the
    // highest threshold whose out-of-fold urgent recall (model or phrase) reaches the target.
    std::vector<size_t> order(examples.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937_64 rng(opt.seed + 1);
    std::shuffle(order.begin(), order.end(), rng);
    std::vector<std::pair<float, bool>> urgent_oof;  // (probability, phrase) of urgent examples
    constexpr int kFolds = 3;
    for (int fold = 0; fold < kFolds; ++fold) {
      std::vector<Example> train, held;
      for (size_t k = 0; k < order.size(); ++k) {
        (static_cast<int>(k % kFolds) == fold ? held : train).push_back(examples[order[k]]);
      }
      auto m = Model::Train(train, *abbrev, opt);
      if (!m.ok()) break;
      for (const auto& e : held) {
        if (e.priority != Priority::kUrgent) continue;
        auto pr = m->PredictText(e.text);
        if (pr.ok()) urgent_oof.emplace_back(pr->urgent_probability, pr->urgent_phrase);
      }
    }
    if (!urgent_oof.empty()) {
      std::vector<float> model_only;
      size_t phrase_hits = 0;
      for (const auto& [p, ph] : urgent_oof) {
        if (ph) ++phrase_hits;
        else model_only.push_back(p);
      }
      std::sort(model_only.begin(), model_only.end(), std::greater<float>());
      // Recall with threshold t = (phrase hits + model_only >= t) / all.
      const double need = urgent_recall * static_cast<double>(urgent_oof.size());
      float t = 0.1f;
      for (size_t k = 0; k < model_only.size(); ++k) {
        if (static_cast<double>(phrase_hits + k + 1) >= need) {
          t = model_only[k];
          break;
        }
      }
      opt.urgent_threshold = std::clamp(t, 0.1f, 0.6f);
      out << "urgent threshold " << opt.urgent_threshold << " (cross-validated recall target "
          << urgent_recall << " on " << urgent_oof.size() << " urgent examples)\n";
    }
  }
  auto model = Model::Train(examples, *abbrev, opt);
  if (!model.ok()) {
    err << "wardline train: " << model.error().message << "\n";
    return 1;
  }
  Status s = model->Save(out_path);
  if (!s.ok()) {
    err << "wardline train: " << s.error().message << "\n";
    return 1;
  }
  std::map<std::string, int> per_cat;
  for (const auto& e : examples) ++per_cat[e.category];
  out << "trained on " << examples.size() << " examples (" << files.size() << " files, "
      << extra.size() << " corrections):";
  for (const auto& [c, n] : per_cat) out << " " << c << "=" << n;
  out << "\nwrote " << out_path << "\n";
  return 0;
}

}  // namespace wardline::triage
