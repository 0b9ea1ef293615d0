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
#include <ostream>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "triage/corpus.h"
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
  j["category"] = r.category;
  j["department"] = r.department;
  j["priority"] = PriorityName(r.priority);
  j["ward"] = r.ward_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.ward_name);
  j["confidence"] = std::round(r.confidence * 1000.0) / 1000.0;
  return j;
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
  auto model = LoadModel(config, model_path);
  if (!model.ok()) {
    err << "wardline eval: " << model.error().message << "\n";
    return 1;
  }
  Triager triager(config, std::move(*model));

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
