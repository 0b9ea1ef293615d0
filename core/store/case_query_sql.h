// Builds the SELECT of a case list from the filters present, so that every combination is a
// plain conjunction of equalities the database can serve from an index (no "(:x = 0 OR ...)"
// catch-alls that hide the indexes from the planner). Internal to core/store.
#pragma once

#include <string>
#include <vector>

#include "core/store/case_store.h"

namespace wardline::store_impl {

struct CaseListSql {
  std::string text;                      // the statement, with :p0, :p1, ... placeholders
  std::vector<std::string> string_params;  // bound in order: strings first ...
  std::vector<long long> int_params;       // ... then integers (names say which is which)
  std::vector<bool> param_is_int;          // for each placeholder, in statement order
};

// `columns` is the SELECT list; the result fetches limit + 1 rows so the caller can tell
// whether another page follows.
CaseListSql BuildCaseListSql(const CaseQuery& q, const char* columns);

}  // namespace wardline::store_impl
