#include "triage/cli.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/triage/test_config.h"

namespace wardline::triage {
namespace {

namespace fs = std::filesystem;

struct Fixture {
  fs::path dir;
  std::string model;
  Fixture() {
    dir = fs::temp_directory_path() / ("wardline_cli_test_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream c(dir / "corpus.jsonl");
    for (int i = 0; i < 3; ++i) {
      c << R"({"id":"a","text":"ổ gà giữa đường","category":"giao_thong","priority":"binh_thuong","ward":null})"
        << "\n"
        << R"({"id":"b","text":"đèn đường không sáng","category":"chieu_sang","priority":"binh_thuong","ward":null})"
        << "\n"
        << R"({"id":"c","text":"dây điện đứt chập cháy","category":"chieu_sang","priority":"khan_cap","ward":null})"
        << "\n"
        << R"({"id":"d","text":"cống nghẹt ngập nước phường Kim Liên","category":"thoat_nuoc","priority":"binh_thuong","ward":"Kim Liên"})"
        << "\n";
    }
    c.close();
    model = (dir / "m.model").string();
    std::ostringstream out, err;
    int rc = TrainCommand({(dir / "corpus.jsonl").string(), "--out", model, "--abbreviations",
                           WARDLINE_ABBREVIATIONS_FILE, "--urgent-phrases",
                           WARDLINE_URGENT_PHRASES_FILE},
                          {}, out, err);
    REQUIRE(rc == 0);
  }
  ~Fixture() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

TEST_CASE("triage TEXT prints the decision, --json as JSON", "[cli]") {
  Fixture f;
  AppConfig config = testing::SampleConfig(f.model);
  std::istringstream in;
  std::ostringstream out, err;
  REQUIRE(TriageCommand(config, {"ổ", "gà", "giữa", "đường"}, in, out, err) == 0);
  CHECK(out.str().find("category: giao_thong") != std::string::npos);
  CHECK(out.str().find("department: dia_chinh_xay_dung") != std::string::npos);
  std::ostringstream jout;
  REQUIRE(TriageCommand(config, {"--json", "cống nghẹt phường Kim Liên"}, in, jout, err) == 0);
  auto j = nlohmann::json::parse(jout.str());
  CHECK(j["category"] == "thoat_nuoc");
  CHECK(j["ward"] == "Kim Liên");
  CHECK(j["priority"] == "binh_thuong");
  std::ostringstream none;
  CHECK(TriageCommand(config, {}, in, none, err) == 2);
}

TEST_CASE("triage --jsonl answers one line per input line", "[cli]") {
  Fixture f;
  AppConfig config = testing::SampleConfig(f.model);
  std::istringstream in(
      "{\"id\": 1, \"text\": \"den duong khong sang p kim lien\"}\n"
      "{\"id\": \"x\", \"text\": \"o ga\"}\n"
      "not json\n");
  std::ostringstream out, err;
  CHECK(TriageCommand(config, {"--jsonl"}, in, out, err) == 1);
  std::istringstream lines(out.str());
  std::string l1, l2, l3;
  std::getline(lines, l1);
  std::getline(lines, l2);
  std::getline(lines, l3);
  auto a = nlohmann::json::parse(l1);
  CHECK(a["id"] == 1);
  CHECK(a["category"] == "chieu_sang");
  CHECK(a["ward"] == "Kim Liên");
  CHECK(a.contains("confidence"));
  auto b = nlohmann::json::parse(l2);
  CHECK(b["ward"].is_null());
  CHECK(b["department"] == "dia_chinh_xay_dung");
  CHECK(nlohmann::json::parse(l3).contains("error"));
}

TEST_CASE("eval prints the contract's last line", "[cli]") {
  Fixture f;
  AppConfig config = testing::SampleConfig(f.model);
  std::ostringstream out, err;
  REQUIRE(EvalCommand(config, {(f.dir / "corpus.jsonl").string()}, out, err) == 0);
  std::string s = out.str();
  std::string last = s.substr(s.rfind('\n', s.size() - 2) + 1);
  CHECK(last.rfind("macro_f1=", 0) == 0);
  CHECK(last.find(" accuracy=") != std::string::npos);
  CHECK(last.find(" urgent_recall=") != std::string::npos);
  CHECK(last.find(" ward_accuracy=1.000 n=12\n") != std::string::npos);
  CHECK(s.find("confusion matrix") != std::string::npos);
  std::ostringstream e2;
  CHECK(EvalCommand(config, {"/nonexistent.jsonl"}, out, e2) == 1);
}

TEST_CASE("train reports usage errors and includes staff corrections", "[cli]") {
  Fixture f;
  std::ostringstream out, err;
  CHECK(TrainCommand({"--out"}, {}, out, err) == 2);
  CHECK(TrainCommand({"x.jsonl", "--out", "y", "--bogus"}, {}, out, err) == 2);
  AppConfig config = testing::SampleConfig();
  std::vector<TriageCorrection> corr = {
      {1, "cây đổ chắn đường", "giao_thong", "cay_xanh", "", "kim-lien", "staff", 0}};
  auto extra = ExamplesFromCorrections(corr, config);
  REQUIRE(extra.size() == 1);
  CHECK(extra[0].category == "cay_xanh");
  CHECK(extra[0].ward == std::optional<std::string>("Kim Liên"));
  std::string model = (f.dir / "m2.model").string();
  REQUIRE(TrainCommand({f.dir.string(), "--out", model, "--abbreviations",
                        WARDLINE_ABBREVIATIONS_FILE, "--urgent-phrases", ""},
                       extra, out, err) == 0);
  CHECK(out.str().find("cay_xanh=1") != std::string::npos);
}

}  // namespace
}  // namespace wardline::triage
