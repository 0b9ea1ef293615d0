// Quality floors on the shared dev sets (never trained on), with the model CMake built from
// triage/corpus. Floors: macro-F1 >= 0.90, urgent recall >= 0.90, ward accuracy >= 0.95 on the
// messages that name a ward.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "tests/triage/test_config.h"
#include "triage/corpus.h"
#include "triage/triager.h"

namespace wardline::triage {
namespace {

TEST_CASE("dev-set floors", "[quality]") {
  auto model = Model::Load(WARDLINE_MODEL_FILE);
  REQUIRE(model.ok());
  Triager t(testing::SampleConfig(), std::move(*model));
  std::vector<Example> dev;
  for (const char* f : {WARDLINE_DEV_A, WARDLINE_DEV_B}) {
    auto ex = ReadExamples(f);
    REQUIRE(ex.ok());
    dev.insert(dev.end(), ex->begin(), ex->end());
  }
  REQUIRE(dev.size() > 100);
  std::map<std::string, int> tp, gold, pred;
  int urgent = 0, urgent_found = 0, named = 0, named_ok = 0;
  for (const auto& e : dev) {
    auto r = t.Triage(e.text, "");
    REQUIRE(r.ok());
    ++gold[e.category];
    ++pred[r->category];
    if (r->category == e.category) ++tp[e.category];
    if (e.priority == Priority::kUrgent) {
      ++urgent;
      urgent_found += r->priority == Priority::kUrgent;
    }
    if (e.ward) {
      ++named;
      named_ok += r->ward_from_text && r->ward_name == *e.ward;
    }
  }
  std::set<std::string> labels;
  for (auto& [k, v] : gold) labels.insert(k);
  for (auto& [k, v] : pred) labels.insert(k);
  double f1_sum = 0;
  for (const auto& l : labels) {
    double p = pred[l] ? static_cast<double>(tp[l]) / pred[l] : 0;
    double rc = gold[l] ? static_cast<double>(tp[l]) / gold[l] : 0;
    double f1 = p + rc > 0 ? 2 * p * rc / (p + rc) : 0;
    INFO(l << " precision=" << p << " recall=" << rc << " f1=" << f1);
    f1_sum += f1;
  }
  const double macro_f1 = f1_sum / labels.size();
  const double urgent_recall = static_cast<double>(urgent_found) / urgent;
  const double ward_named = static_cast<double>(named_ok) / named;
  INFO("macro_f1=" << macro_f1 << " urgent_recall=" << urgent_recall
                   << " ward_named_accuracy=" << ward_named << " n=" << dev.size());
  CHECK(macro_f1 >= 0.90);
  CHECK(urgent_recall >= 0.90);
  CHECK(ward_named >= 0.95);
}

}  // namespace
}  // namespace wardline::triage
