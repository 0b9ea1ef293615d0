// CorrectionStore on SOCI: staff corrections of triage.
#include "core/store/soci_rows.h"
#include "core/store/soci_stores.h"

namespace wardline::store_impl {
namespace {

using ll = long long;

class SociCorrectionStore final : public CorrectionStore {
 public:
  explicit SociCorrectionStore(SociDatabase& db) : db_(db) {}

  Status Add(const TriageCorrection& c) override {
    return db_.Write<Ok>([&](soci::session& sql) -> Result<Ok> {
      ll id = c.case_id, at = c.at;
      sql << "INSERT INTO corrections (case_id, text, old_category, new_category, old_ward, "
             "new_ward, actor, at) VALUES (:c, :t, :oc, :nc, :ow, :nw, :a, :at)",
          soci::use(id), soci::use(c.text), soci::use(c.old_category), soci::use(c.new_category),
          soci::use(c.old_ward), soci::use(c.new_ward), soci::use(c.actor), soci::use(at);
      return Ok{};
    });
  }

  Result<std::vector<TriageCorrection>> List() override {
    return db_.Read<std::vector<TriageCorrection>>([&](soci::session& sql)
                                                       -> Result<std::vector<TriageCorrection>> {
      soci::rowset<soci::row> rs =
          (sql.prepare << "SELECT case_id, text, old_category, new_category, old_ward, new_ward, "
                          "actor, at FROM corrections ORDER BY id");
      std::vector<TriageCorrection> out;
      for (const auto& r : rs) {
        out.push_back(TriageCorrection{GetInt(r, 0), GetString(r, 1), GetString(r, 2),
                                       GetString(r, 3), GetString(r, 4), GetString(r, 5),
                                       GetString(r, 6), GetInt(r, 7)});
      }
      return out;
    });
  }

 private:
  SociDatabase& db_;
};

}  // namespace

std::unique_ptr<CorrectionStore> MakeSociCorrectionStore(SociDatabase& db) {
  return std::make_unique<SociCorrectionStore>(db);
}

}  // namespace wardline::store_impl
