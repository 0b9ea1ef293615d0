#include "core/store/case_query_sql.h"

#include <algorithm>

namespace wardline::store_impl {
namespace {

class Builder {
 public:
  void String(const char* column, const char* op, std::string value, const char* suffix = "") {
    Clause(column, op, suffix);
    out_.string_params.push_back(std::move(value));
    out_.param_is_int.push_back(false);
  }
  void Int(const char* column, const char* op, long long value) {
    Clause(column, op, "");
    out_.int_params.push_back(value);
    out_.param_is_int.push_back(true);
  }
  void Raw(const std::string& clause) { where_.push_back(clause); }
  CaseListSql Finish(const char* columns, int limit) {
    out_.text = std::string("SELECT ") + columns + " FROM cases";
    for (std::size_t i = 0; i < where_.size(); ++i) {
      out_.text += (i == 0 ? " WHERE " : " AND ") + where_[i];
    }
    out_.text += " ORDER BY id DESC LIMIT " + std::to_string(limit + 1);
    return std::move(out_);
  }

 private:
  void Clause(const char* column, const char* op, const char* suffix) {
    where_.push_back(std::string(column) + " " + op + " :p" + std::to_string(n_++) + suffix);
  }
  CaseListSql out_;
  std::vector<std::string> where_;
  int n_ = 0;
};

// LIKE pattern of a search term: %, _ and the escape character itself are literal.
std::string LikePattern(const std::string& term) {
  std::string p = "%";
  for (char c : term) {
    if (c == '%' || c == '_' || c == '!') p += '!';
    p += c;
  }
  return p + "%";
}

}  // namespace

CaseListSql BuildCaseListSql(const CaseQuery& q, const char* columns) {
  Builder b;
  if (q.ward_slug) b.String("ward_slug", "=", *q.ward_slug);
  if (q.department) b.String("department", "=", *q.department);
  if (q.statuses.size() == 1) {
    b.String("status", "=", StatusName(q.statuses[0]));
  } else if (!q.statuses.empty()) {
    // Status names come from the enum, never from the caller.
    std::string in = "status IN (";
    for (std::size_t i = 0; i < q.statuses.size(); ++i) {
      in += std::string(i ? "," : "") + "'" + StatusName(q.statuses[i]) + "'";
    }
    b.Raw(in + ")");
  }
  if (q.category) b.String("category", "=", *q.category);
  if (q.priority) b.String("priority", "=", PriorityName(*q.priority));
  if (q.channel) b.String("channel", "=", ChannelName(*q.channel));
  if (q.assignee) b.String("assignee", "=", *q.assignee);
  if (q.q && !q.q->empty()) {
    b.String("search_text", "LIKE", LikePattern(*q.q), " ESCAPE '!'");
  }
  if (q.from) b.Int("created_at", ">=", *q.from);
  if (q.to) b.Int("created_at", "<", *q.to);
  if (q.before_id) b.Int("id", "<", *q.before_id);
  return b.Finish(columns, std::clamp(q.limit, 1, 500));
}

}  // namespace wardline::store_impl
