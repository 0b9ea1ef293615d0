// Fuzz-style tests: the parsers never crash on truncated, mutated, huge, deeply nested or
// non-UTF-8 input, and always answer either a result or a clear kInvalidArgument.
#include <catch2/catch.hpp>

#include <random>

#include "connectors/facebook/facebook_webhook.h"
#include "connectors/zalo/zalo_webhook.h"
#include "tests/sim/webhook_sender.h"

namespace fb = wardline::connectors::facebook;
namespace zalo = wardline::connectors::zalo;
namespace sim = wardline::sim;
using wardline::ErrorCode;

namespace {

std::vector<std::string> Samples() {
  sim::ZaloEvents z;
  std::vector<std::string> out = {
      z.Text("1", "m1", "Đèn đường hỏng 😀", 1735718400123),
      z.Image("1", "m2", "https://x/y.jpg", "ảnh", 1735718400123),
      z.Location("1", "m3", 21.02, 105.83, sim::ZaloLocationShape::kCoordinatesLatitude, true, 1),
      z.File("1", "m4", "https://x/f.pdf", "đơn.pdf", 1),
      z.Follow("1", true, 1),
  };
  sim::FacebookEvents f("123");
  f.Text("9", "m_1", "Rác chưa thu gom", 1).Location("9", "m_2", 21, 105, 2).NewEntry().Comment(
      "1_2", "123_1", "9", "Tên", "Bình luận");
  out.push_back(f.Build());
  out.push_back(f.Document().dump());
  return out;
}

template <typename Fn>
void ExpectCleanOutcome(Fn parse, const std::string& input) {
  auto r = parse(input);
  if (!r.ok()) {
    REQUIRE(r.error().code == ErrorCode::kInvalidArgument);
    REQUIRE_FALSE(r.error().message.empty());
  }
}

auto ZaloParse = [](const std::string& s) { return zalo::ParseEvent(s); };
auto FbParse = [](const std::string& s) { return fb::ParseEvent(s); };

}  // namespace

TEST_CASE("Parsers survive every truncation of real payloads", "[fuzz]") {
  for (const auto& sample : Samples()) {
    for (std::size_t n = 0; n < sample.size(); ++n) {
      const std::string cut = sample.substr(0, n);
      ExpectCleanOutcome(ZaloParse, cut);
      ExpectCleanOutcome(FbParse, cut);
      // A strict prefix of a JSON object is never valid JSON.
      REQUIRE_FALSE(zalo::ParseEvent(cut).ok());
    }
  }
}

TEST_CASE("Parsers survive random byte mutations", "[fuzz]") {
  std::mt19937 rng(20240101);
  const auto samples = Samples();
  for (int i = 0; i < 20000; ++i) {
    std::string s = samples[i % samples.size()];
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t pos = rng() % s.size();
      switch (rng() % 3) {
        case 0: s[pos] = static_cast<char>(rng() & 0xff); break;
        case 1: s.erase(pos, 1 + rng() % 8); break;
        default: s.insert(pos, 1, "{}[]\",:\\\x80\xC3"[rng() % 11]); break;
      }
      if (s.empty()) s = "{";
    }
    ExpectCleanOutcome(ZaloParse, s);
    ExpectCleanOutcome(FbParse, s);
  }
}

TEST_CASE("Parsers reject invalid UTF-8 with its offset", "[fuzz]") {
  for (const std::string& bad : {std::string("\xFF\xFE{}"), std::string("{\"a\":\"\xC0\xAF\"}"),
                          std::string("{\"event_name\":\"user_send_text\xED\xA0\x80\"}")}) {
    auto z = zalo::ParseEvent(bad);
    REQUIRE_FALSE(z.ok());
    CHECK(z.error().message.find("invalid UTF-8 at byte") != std::string::npos);
    auto f = fb::ParseEvent(bad);
    REQUIRE_FALSE(f.ok());
    CHECK(f.error().message.find("invalid UTF-8") != std::string::npos);
  }
}

TEST_CASE("Parsers reject absurd nesting without recursing into it", "[fuzz]") {
  const std::string deep = "{\"a\":" + std::string(200000, '[') + std::string(200000, ']') + "}";
  auto z = zalo::ParseEvent(deep);
  REQUIRE_FALSE(z.ok());
  CHECK(z.error().message.find("nested") != std::string::npos);
  CHECK_FALSE(fb::ParseEvent(deep).ok());
  const std::string unclosed(1000000, '{');
  CHECK_FALSE(zalo::ParseEvent(unclosed).ok());
}

TEST_CASE("Parsers handle huge but valid bodies", "[fuzz]") {
  std::string text;
  while (text.size() < 4 * 1024 * 1024) text += "Nước ngập sâu ở ngõ 12, ";
  sim::ZaloEvents z;
  auto r = zalo::ParseEvent(z.Text("1", "big", text, 1));
  REQUIRE(r.ok());
  CHECK(r->messages[0].text == text);

  sim::FacebookEvents f("123");
  for (int i = 0; i < 2000; ++i) {
    if (i % 100 == 0) f.NewEntry();
    f.Text("9", "m_" + std::to_string(i), "Tin nhắn số " + std::to_string(i), i);
  }
  auto fr = fb::ParseEvent(f.Build());
  REQUIRE(fr.ok());
  CHECK(fr->messages.size() == 2000);
}

TEST_CASE("Parsers survive random garbage and type confusion", "[fuzz]") {
  std::mt19937 rng(7);
  for (int i = 0; i < 5000; ++i) {
    std::string s(rng() % 64, ' ');
    for (auto& ch : s) ch = "{}[]\":,0123456789aeltrunfsx \\"[rng() % 29];
    ExpectCleanOutcome(ZaloParse, s);
    ExpectCleanOutcome(FbParse, s);
  }
  // Right keys, wrong types everywhere.
  for (const char* body : {
           R"({"event_name":"user_send_text","sender":[],"recipient":1.5,"message":{"msg_id":{},"text":7}})",
           R"({"event_name":"user_send_location","sender":{"id":"u"},"message":{"msg_id":"1","attachments":"x"}})",
           R"({"event_name":"user_send_location","sender":{"id":"u"},"message":{"msg_id":"1","attachments":[null,1,{"payload":[]}]}})",
           R"({"event_name":"follow","follower":"u","timestamp":{}})",
           R"({"object":"page","entry":{"id":1}})",
           R"({"object":"page","entry":[{"id":{},"messaging":{},"standby":[null],"changes":[1,{"field":"feed","value":[]}]}]})",
           R"({"object":"page","entry":[{"messaging":[{"sender":{"id":1},"message":{"mid":2,"attachments":[{"type":"location","payload":{"coordinates":"x"}}]}}]}]})",
       }) {
    ExpectCleanOutcome(ZaloParse, body);
    ExpectCleanOutcome(FbParse, body);
  }
}
