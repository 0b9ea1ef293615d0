#include "triage/model.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>

#include "tests/triage/test_config.h"
#include "triage/corpus.h"
#include "triage/triager.h"

namespace wardline::triage {
namespace {

std::vector<Example> TinyCorpus() {
  std::vector<Example> ex;
  auto add = [&](const char* text, const char* cat, Priority p) {
    ex.push_back({std::to_string(ex.size()), text, cat, p, std::nullopt});
  };
  for (int i = 0; i < 3; ++i) {
    add("đường có ổ gà to quá", "giao_thong", Priority::kNormal);
    add("mặt đường lún sụt ổ voi", "giao_thong", Priority::kNormal);
    add("o ga giua duong nguy hiem", "giao_thong", Priority::kNormal);
    add("cống nghẹt nước ngập sau mưa", "thoat_nuoc", Priority::kNormal);
    add("mat nap cong ngap nuoc", "thoat_nuoc", Priority::kNormal);
    add("ngập sâu người mắc kẹt cứu với", "thoat_nuoc", Priority::kUrgent);
    add("đèn đường không sáng", "chieu_sang", Priority::kNormal);
    add("den duong hong tat ca toi", "chieu_sang", Priority::kNormal);
    add("dây điện đứt rơi xuống đường đang chập cháy", "chieu_sang", Priority::kUrgent);
  }
  return ex;
}

TEST_CASE("a trained model classifies its own kind of text", "[model]") {
  auto m = Model::Train(TinyCorpus(), Abbreviations{});
  REQUIRE(m.ok());
  CHECK(m->categories() == std::vector<std::string>{"chieu_sang", "giao_thong", "thoat_nuoc"});
  auto p = m->PredictText("ổ gà giữa đường");
  REQUIRE(p.ok());
  CHECK(m->categories()[p->category] == "giao_thong");
  CHECK(p->confidence > 0.4f);
  CHECK(p->confidence <= 1.0f);
  auto folded = m->PredictText("den duong khong sang");
  REQUIRE(folded.ok());
  CHECK(m->categories()[folded->category] == "chieu_sang");
  CHECK(m->PredictText("day dien dut chap chay").value().urgent);
  CHECK_FALSE(m->PredictText("\xFF").ok());
}

TEST_CASE("save and load round trip gives identical predictions", "[model]") {
  auto a = Abbreviations::Parse("ko\tkhông\n");
  REQUIRE(a.ok());
  auto m = Model::Train(TinyCorpus(), *a);
  REQUIRE(m.ok());
  const std::string path =
      (std::filesystem::temp_directory_path() / "wardline_model_test.model").string();
  REQUIRE(m->Save(path).ok());
  auto loaded = Model::Load(path);
  REQUIRE(loaded.ok());
  CHECK(loaded->categories() == m->categories());
  CHECK(loaded->normalizer().abbreviations().size() == 1);
  for (const char* text : {"đèn ko sáng", "o ga", "ngập", "", "xin chào"}) {
    auto x = m->PredictText(text).value();
    auto y = loaded->PredictText(text).value();
    CHECK(x.category == y.category);
    CHECK(x.confidence == Approx(y.confidence).epsilon(1e-6));
    CHECK(x.urgent_probability == Approx(y.urgent_probability).epsilon(1e-6));
  }
  CHECK(loaded->Serialize() == m->Serialize());
  std::remove(path.c_str());
}

TEST_CASE("urgent phrases make a message urgent and survive save/load", "[model]") {
  TrainOptions opt;
  opt.urgent_phrases = Model::ParseUrgentPhrases("# comment\nbốc cháy\nMắc kẹt\n").value();
  REQUIRE(opt.urgent_phrases.size() == 2);
  auto m = Model::Train(TinyCorpus(), Abbreviations{}, opt);
  REQUIRE(m.ok());
  auto p = m->PredictText("nha ben canh BOC CHAY roi").value();
  CHECK(p.urgent);
  CHECK(p.urgent_phrase);
  CHECK_FALSE(m->PredictText("đèn đường không sáng").value().urgent_phrase);
  auto loaded = Model::Parse(m->Serialize());
  REQUIRE(loaded.ok());
  CHECK(loaded->PredictText("người bị mắc kẹt trong thang máy").value().urgent_phrase);
}

TEST_CASE("bad model files are rejected", "[model]") {
  CHECK(Model::Load("/nonexistent/x.model").error().code == ErrorCode::kNotFound);
  CHECK(Model::Parse("hello\n").error().code == ErrorCode::kInvalidArgument);
  CHECK(Model::Parse("wardline-triage-model 99\n").error().code == ErrorCode::kInvalidArgument);
  auto m = Model::Train(TinyCorpus(), Abbreviations{});
  REQUIRE(m.ok());
  std::string bytes = m->Serialize();
  CHECK_FALSE(Model::Parse(bytes.substr(0, bytes.size() - 3)).ok());  // truncated
  CHECK(Model::Train({}, Abbreviations{}).error().code == ErrorCode::kInvalidArgument);
}

TEST_CASE("triager routes, flags low confidence and uses the default ward", "[triager]") {
  AppConfig config = testing::SampleConfig();
  auto m = Model::Train(TinyCorpus(), Abbreviations{});
  REQUIRE(m.ok());
  Triager t(config, std::move(*m));
  auto r = t.Triage("ổ gà to giữa đường phường Kim Liên", "lang-ha");
  REQUIRE(r.ok());
  CHECK(r->category == "giao_thong");
  CHECK(r->department == "dia_chinh_xay_dung");
  CHECK(r->ward_slug == "kim-lien");
  CHECK(r->ward_name == "Kim Liên");
  CHECK(r->ward_from_text);
  auto d = t.Triage("ổ gà to giữa đường", "lang-ha");
  REQUIRE(d.ok());
  CHECK(d->ward_slug == "lang-ha");
  CHECK(d->ward_name == "Láng Hạ");
  CHECK_FALSE(d->ward_from_text);

  config.triage.min_confidence = 1.01;  // nothing is confident enough
  Triager strict(config, Model::Train(TinyCorpus(), Abbreviations{}).value());
  auto s = strict.Triage("ổ gà", "");
  REQUIRE(s.ok());
  CHECK(s->needs_triage);
  CHECK(s->department == "van_phong");
  CHECK(s->category == "giao_thong");
  CHECK_FALSE(t.Triage("\xC3", "").ok());
}

TEST_CASE("messages without words are 'khac'", "[triager]") {
  auto corpus = TinyCorpus();
  corpus.push_back({"k1", "xin chào ad", "khac", Priority::kNormal, std::nullopt});
  Triager t(testing::SampleConfig(), Model::Train(corpus, Abbreviations{}).value());
  for (const char* text : {"", "   ", "😀👍👍", "!!!"}) {
    auto r = t.Triage(text, "");
    REQUIRE(r.ok());
    CHECK(r->category == "khac");
    CHECK(r->priority == Priority::kNormal);
    CHECK(r->department == "van_phong");
  }
}

TEST_CASE("corpus lines parse and bad lines are named", "[corpus]") {
  auto e = ParseExampleLine(
      R"({"id": "x1", "text": "ổ gà", "category": "giao_thong", "priority": "khan_cap", "channel": "zalo", "ward": "Kim Liên"})");
  REQUIRE(e.ok());
  CHECK(e->priority == Priority::kUrgent);
  CHECK(e->ward == std::optional<std::string>("Kim Liên"));
  CHECK(ParseExampleLine(R"({"text": "a", "category": "khac", "ward": null})").value().ward ==
        std::nullopt);
  CHECK_FALSE(ParseExampleLine("{not json").ok());
  CHECK_FALSE(ParseExampleLine(R"({"text": 5, "category": "khac"})").ok());
  CHECK_FALSE(ParseExampleLine(R"({"text": "a", "category": "khac", "priority": "x"})").ok());
}

}  // namespace
}  // namespace wardline::triage

#include <thread>

namespace wardline::triage {
namespace {

TEST_CASE("one triager serves many threads", "[triager]") {
  Triager t(testing::SampleConfig(), Model::Train(TinyCorpus(), Abbreviations{}).value());
  const auto expected = t.Triage("đèn đường không sáng phường Kim Liên", "").value();
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < 500; ++k) {
        auto r = t.Triage("đèn đường không sáng phường Kim Liên", "");
        if (!r.ok() || r->category != expected.category || r->ward_slug != "kim-lien" ||
            r->confidence != expected.confidence) {
          ++mismatches;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(mismatches == 0);
}

}  // namespace
}  // namespace wardline::triage
