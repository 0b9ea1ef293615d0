// HubProcess: starts the real `wardline serve` binary on a free port for integration tests,
// reads the port it prints, and stops it with SIGTERM (clean) or SIGKILL (crash).
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace wardline::testing {

class HubProcess {
 public:
  // `env` is added to the test's own environment. The working directory is the source tree,
  // so config/, templates/ and ward-sites/static resolve.
  HubProcess(std::vector<std::string> args, std::map<std::string, std::string> env = {});
  ~HubProcess();
  HubProcess(const HubProcess&) = delete;
  HubProcess& operator=(const HubProcess&) = delete;

  int port() const { return port_; }
  bool running() const { return pid_ > 0; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // SIGTERM and wait; returns the exit status (or -1).
  int Stop();
  // SIGKILL and wait.
  void Kill();
  // What the process wrote to stderr so far (start-up errors, access log).
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  int port_ = -1;
  std::string log_path_;
};

// Runs the wardline binary to completion with `args`; returns exit code and output.
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
CommandResult RunWardline(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env = {},
                          const std::string& stdin_text = "");

// A staff account made the way an admin makes one: `wardline user add` (password on stdin)
// then `wardline token create`, on the database `db_url` (and the config file `config_path`,
// default config/wardline.toml). Returns the personal API token.
// Throws std::runtime_error with the command's output when either command fails.
struct StaffAccount {
  std::string username;
  std::string role;             // ward_staff, ward_leader, district_office, leader, admin
  std::string ward;             // ward_staff / ward_leader
  std::string department;       // optional, ward_staff
};
inline constexpr const char* kStaffPassword = "Mật khẩu thử nghiệm 2026";
std::string AddStaffWithToken(const std::string& db_url, const StaffAccount& account,
                              const std::string& config_path = "");

std::string WardlineBinary();
std::string SourceDir();
std::string TempDir(const std::string& name);  // fresh directory under /tmp

// The database one integration test runs on. SQLite (default): a fresh file under a temp
// directory. With WARDLINE_TEST_BACKEND=mysql: a fresh MariaDB database `wardline_it_*` on the
// server of WARDLINE_TEST_MYSQL_URL (scripts/mariadb-test-server.sh lets the test user create
// `wardline_*` databases), dropped again by the destructor, so tests never see each other's
// rows (cases, outbox, stored platform tokens). Throws when the backend cannot be prepared.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& name);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& url() const { return url_; }
  bool mysql() const { return !mysql_db_.empty(); }
  static bool MysqlRequested();  // WARDLINE_TEST_BACKEND=mysql

 private:
  std::string url_;
  std::string mysql_db_;
  std::map<std::string, std::string> mysql_params_;
};

}  // namespace wardline::testing
