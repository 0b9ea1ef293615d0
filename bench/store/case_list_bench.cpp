// Prints what the staff case list costs on a large database: fills a fresh database with N
// cases spread over wards, departments, statuses, priorities and channels, then times the
// queries staff run most (one ward's new cases, a department's queue, an assignee's cases,
// a diacritic-free text search, a date range, and keyset paging ten pages deep), p50 / p99
// over many runs each, with the query plan's first line so a slow figure can be explained.
//   build/bench/store/bench_case_list [--cases 100000] [--runs 200] [--db URL]
// Without --db a fresh SQLite file under /tmp is used.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core/store/stores.h"

using namespace wardline;

namespace {

const char* kWards[] = {"cat-linh", "van-mieu", "quoc-tu-giam", "hang-bot", "lang-thuong",
                        "kham-thien", "tho-quan", "nam-dong", "trung-phung", "quang-trung",
                        "kim-lien", "phuong-lien", "thinh-quang", "trung-tu", "o-cho-dua"};
const char* kDepartments[] = {"dia_chinh_xay_dung", "van_hoa_xa_hoi", "cong_an", "van_phong",
                              "tai_nguyen_moi_truong", "kinh_te", "tu_phap", "y_te"};
const char* kCategories[] = {"chieu_sang", "rac_thai", "giao_thong", "trat_tu_do_thi",
                             "tieng_on", "cap_thoat_nuoc", "xay_dung", "an_ninh"};
const char* kWords[] = {"den", "duong", "ngo", "rac", "cong", "nuoc", "ngap", "hong", "o ga",
                        "karaoke", "via he", "lan chiem", "xay dung", "tieng on", "cay do"};
constexpr CaseStatus kStatuses[] = {CaseStatus::kReceived, CaseStatus::kRouted,
                                    CaseStatus::kInProgress, CaseStatus::kResolved,
                                    CaseStatus::kPublished, CaseStatus::kClosed,
                                    CaseStatus::kRejected, CaseStatus::kMerged};

struct Args {
  int cases = 100'000;
  int runs = 200;
  std::string db;
};

Args Parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--cases") a.cases = std::max(1000, std::atoi(argv[i + 1]));
    else if (k == "--runs") a.runs = std::max(10, std::atoi(argv[i + 1]));
    else if (k == "--db") a.db = argv[i + 1];
  }
  return a;
}

int Fill(Stores& s, int n) {
  std::mt19937 rng(20261204);
  auto pick = [&](int size) { return static_cast<int>(rng() % static_cast<unsigned>(size)); };
  const EpochMs start = 1'735'689'600'000;  // 2025-01-01
  constexpr int kBatch = 1000;
  for (int done = 0; done < n;) {
    Status st = s.db->InTransaction([&]() -> Status {
      for (int i = 0; i < kBatch && done < n; ++i, ++done) {
        NewCase nc;
        Case& c = nc.data;
        c.tracking_code = "PA-B" + std::to_string(100000 + done);
        c.channel = static_cast<ChannelKind>(pick(3));
        c.ward_slug = kWards[pick(15)];
        c.department = kDepartments[pick(8)];
        c.category = kCategories[pick(8)];
        c.priority = pick(20) == 0 ? Priority::kUrgent : Priority::kNormal;
        // Most cases of a long-running deployment are finished; a few percent are open.
        c.status = pick(10) < 8 ? kStatuses[3 + pick(5)] : kStatuses[pick(3)];
        c.text = "phan anh so " + std::to_string(done);
        c.search_text = std::string(kWords[pick(15)]) + " " + kWords[pick(15)] + " so " +
                        std::to_string(done);
        const EpochMs at = start + static_cast<EpochMs>(done) * 300'000;
        auto created = s.cases->Create(nc, at);
        if (!created.ok()) return created.error();
        if (c.status == CaseStatus::kInProgress) {  // taken by one of 60 officers
          created->assignee = "canbo." + std::to_string(pick(60));
          if (auto saved = s.cases->Save(*created, created->version, at); !saved.ok()) {
            return saved.error();
          }
        }
      }
      return OkStatus();
    });
    if (!st.ok()) {
      std::fprintf(stderr, "fill failed: %s\n", st.error().message.c_str());
      return 1;
    }
  }
  return 0;
}

void Time(Stores& s, const char* name, const CaseQuery& q, int runs,
          const std::function<void(CaseQuery&)>& step = {}) {
  std::vector<double> ms;
  std::size_t rows = 0;
  for (int i = 0; i < runs; ++i) {
    CaseQuery run = q;
    const auto t0 = std::chrono::steady_clock::now();
    auto page = s.cases->List(run);
    if (step) {  // keyset paging: follow `next` ten pages deep
      for (int p = 1; p < 10 && page.ok() && page->next; ++p) {
        run.before_id = page->next;
        page = s.cases->List(run);
      }
    }
    const auto t1 = std::chrono::steady_clock::now();
    if (!page.ok()) {
      std::fprintf(stderr, "%s: %s\n", name, page.error().message.c_str());
      return;
    }
    rows = page->cases.size();
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  auto plan = s.cases->ExplainList(q);
  std::string first = plan.ok() && !plan->empty() ? plan->front() : "?";
  std::printf("%-34s p50 %8.3f ms  p99 %8.3f ms  rows %3zu  plan: %s\n", name, ms[ms.size() / 2],
              ms[std::min(ms.size() - 1, ms.size() * 99 / 100)], rows, first.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  Args a = Parse(argc, argv);
  std::string url = a.db;
  std::filesystem::path dir;
  if (url.empty()) {
    dir = std::filesystem::temp_directory_path() / ("wardline-bench-list-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    url = "sqlite3://db=" + (dir / "bench.db").string();
  }
  auto stores = OpenStores(url, 4);
  if (!stores.ok()) {
    std::fprintf(stderr, "cannot open %s: %s\n", url.c_str(), stores.error().message.c_str());
    return 1;
  }
  const auto f0 = std::chrono::steady_clock::now();
  if (Fill(*stores, a.cases) != 0) return 1;
  const double fill_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - f0).count();
  std::printf("%s: %d cases filled in %.1f s; %d runs per query, limit 50\n",
              url.rfind("mysql", 0) == 0 ? "MariaDB" : "SQLite", a.cases, fill_s, a.runs);

  CaseQuery ward_new;
  ward_new.ward_slug = "kim-lien";
  ward_new.statuses = {CaseStatus::kReceived};
  Time(*stores, "one ward, received", ward_new, a.runs);
  CaseQuery ward_open = ward_new;
  ward_open.statuses = {CaseStatus::kReceived, CaseStatus::kRouted, CaseStatus::kInProgress};
  Time(*stores, "one ward, open (3 statuses)", ward_open, a.runs);
  CaseQuery dept;
  dept.ward_slug = "kim-lien";
  dept.department = "dia_chinh_xay_dung";
  dept.statuses = {CaseStatus::kRouted};
  Time(*stores, "ward + department queue", dept, a.runs);
  CaseQuery assignee;
  assignee.assignee = "canbo.7";
  Time(*stores, "one assignee", assignee, a.runs);
  CaseQuery all;
  Time(*stores, "everything, newest first", all, a.runs);
  CaseQuery paged;
  paged.ward_slug = "kim-lien";
  Time(*stores, "one ward, 10 pages by cursor", paged, a.runs, [](CaseQuery&) {});
  CaseQuery range;
  range.ward_slug = "kim-lien";
  range.from = 1'735'689'600'000 + 30LL * 86'400'000;
  range.to = range.from.value() + 7LL * 86'400'000;
  Time(*stores, "one ward, one week", range, a.runs);
  CaseQuery search;
  search.ward_slug = "kim-lien";
  search.q = "o ga";
  Time(*stores, "one ward, text search \"o ga\"", search, std::max(10, a.runs / 10));

  if (!dir.empty()) std::filesystem::remove_all(dir);
  return 0;
}
