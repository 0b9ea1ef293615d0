// Intake benchmark: the ward-page form path (validate, triage, durable case, HTML answer)
// against /healthz and the no-op /livez on the same server in the same run.
//   bench_intake [--clients N] [--count N] [--db URL]
#include <cstdio>
#include <cstring>
#include <string>

#include <httplib.h>

#include "bench/http_load.h"
#include "tests/common/hub_process.h"

using namespace wardline;

int main(int argc, char** argv) {
  int clients = 16, count = 4000;
  std::string db;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--clients")) clients = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--count")) count = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--db")) db = argv[i + 1];
  }
  if (db.empty()) db = "sqlite3://db=" + testing::TempDir("bench-intake") + "/wardline.db";
  testing::HubProcess hub({"--db", db}, {{"WARDLINE_ACCESS_LOG", "0"}});
  std::printf("intake benchmark: %d clients, %d requests per route, db=%s\n", clients, count,
              db.substr(0, db.find(' ')).c_str());
  const char* texts[] = {
      "Đèn đường ngõ 12 Tôn Đức Thắng hỏng ba ngày nay, buổi tối rất tối, đề nghị phường sửa giúp.",
      "rac o dau ngo 45 hao nam khong ai thu gom, boc mui qua",
      "Cống trước số 8 phố Khâm Thiên bị tắc, mưa xuống là ngập đến đầu gối.",
      "Karaoke nhà số 20 ngõ Văn Chương hát đến 1 giờ sáng, đề nghị công an phường xử lý."};
  bench::PrintHeader();
  auto form = [&](int i) {
    bench::LoadRequest r;
    r.method = "POST";
    r.path = "/w/kim-lien/feedback";
    r.content_type = "application/x-www-form-urlencoded";
    r.body = "text=" + httplib::detail::encode_query_param(texts[i % 4]) + "&name=Nguyen%20Van%20A";
    r.headers = {{"Accept", "application/json"}};
    return r;
  };
  auto get = [](const char* path) {
    return [path](int) {
      bench::LoadRequest r;
      r.path = path;
      return r;
    };
  };
  bench::PrintRow(bench::RunLoad("GET /livez (no-op)", hub.port(), clients, count, get("/livez")));
  bench::PrintRow(bench::RunLoad("GET /healthz (db ping)", hub.port(), clients, count, get("/healthz")));
  bench::PrintRow(bench::RunLoad("POST /w/kim-lien/feedback", hub.port(), clients, count, form));
  bench::PrintRow(bench::RunLoad("GET /w/kim-lien (page)", hub.port(), clients, count / 4, get("/w/kim-lien")));
  hub.Stop();
  return 0;
}
