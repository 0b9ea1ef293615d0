#include "tests/common/hub_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace wardline::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

pid_t Spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            const std::string& out_path, const std::string& err_path, const std::string& in_path) {
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (chdir(SourceDir().c_str()) != 0) _exit(126);
    int in = open(in_path.empty() ? "/dev/null" : in_path.c_str(), O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv;
    std::string bin = WardlineBinary();
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

std::string SourceDir() { return WARDLINE_SOURCE_DIR; }
std::string WardlineBinary() { return std::string(WARDLINE_BINARY_DIR) + "/wardline"; }

std::string TempDir(const std::string& name) {
  static std::atomic<int> n{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("wardline-it-" + std::to_string(getpid()) + "-" + std::to_string(n++) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

HubProcess::HubProcess(std::vector<std::string> args, std::map<std::string, std::string> env) {
  std::string dir = TempDir("hub");
  std::string out_path = dir + "/stdout";
  log_path_ = dir + "/stderr";
  std::vector<std::string> full = {"serve"};
  full.insert(full.end(), args.begin(), args.end());
  bool has_port = false;
  for (const auto& a : args) has_port |= a == "--port";
  if (!has_port) {
    full.push_back("--port");
    full.push_back("0");
  }
  pid_ = Spawn(full, env, out_path, log_path_, "");
  // Wait for "listening on port N".
  for (int i = 0; i < 300; ++i) {
    std::string out = ReadFile(out_path);
    auto pos = out.find("listening on port ");
    if (pos != std::string::npos && out.find('\n', pos) != std::string::npos) {
      port_ = std::stoi(out.substr(pos + 18));
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("wardline serve exited during start-up:\n" + Log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Kill();
  throw std::runtime_error("wardline serve did not start within 15 s:\n" + Log());
}

HubProcess::~HubProcess() {
  if (pid_ > 0) Kill();
}

int HubProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 200; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Kill();
  return -1;
}

void HubProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string HubProcess::Log() const { return ReadFile(log_path_); }

CommandResult RunWardline(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env,
                          const std::string& stdin_text) {
  std::string dir = TempDir("cmd");
  std::string in_path;
  if (!stdin_text.empty()) {
    in_path = dir + "/stdin";
    std::ofstream(in_path, std::ios::binary) << stdin_text;
  }
  pid_t pid = Spawn(args, env, dir + "/stdout", dir + "/stderr", in_path);
  int status = 0;
  waitpid(pid, &status, 0);
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(dir + "/stdout");
  r.err = ReadFile(dir + "/stderr");
  return r;
}

std::string AddStaffWithToken(const std::string& db_url, const StaffAccount& a,
                              const std::string& config_path) {
  std::vector<std::string> add = {"user", "add", "--db", db_url, "--username", a.username,
                                  "--role", a.role};
  if (!config_path.empty()) add.insert(add.end(), {"--config", config_path});
  if (!a.ward.empty()) add.insert(add.end(), {"--ward", a.ward});
  if (!a.department.empty()) add.insert(add.end(), {"--department", a.department});
  CommandResult r = RunWardline(add, {}, std::string(kStaffPassword) + "\n");
  if (r.exit_code != 0) throw std::runtime_error("wardline user add failed: " + r.err);
  r = RunWardline({"token", "create", "--db", db_url, "--username", a.username, "--name", "test"});
  if (r.exit_code != 0) throw std::runtime_error("wardline token create failed: " + r.err);
  std::string token = r.out;
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  return token;
}

namespace {

// "mysql://db=x user=y password=z host=h port=p" -> {db: x, user: y, ...}
std::map<std::string, std::string> ParseSociParams(const std::string& url) {
  std::map<std::string, std::string> out;
  std::string rest = url.substr(url.find("://") + 3);
  std::istringstream in(rest);
  std::string item;
  while (in >> item) {
    auto eq = item.find('=');
    if (eq != std::string::npos) out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return out;
}

// Runs the mariadb client with one statement; returns its exit code.
int MariadbStatement(const std::map<std::string, std::string>& p, const std::string& sql) {
  std::vector<std::string> args = {"mariadb", "--no-defaults", "--batch"};
  auto get = [&](const char* k) {
    auto it = p.find(k);
    return it == p.end() ? std::string() : it->second;
  };
  if (!get("host").empty()) args.push_back("--host=" + get("host"));
  if (!get("port").empty()) args.push_back("--port=" + get("port"));
  if (!get("user").empty()) args.push_back("--user=" + get("user"));
  if (!get("password").empty()) args.push_back("--password=" + get("password"));
  args.push_back("--execute=" + sql);
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    int devnull = open("/dev/null", O_RDWR);
    dup2(devnull, 0);
    dup2(devnull, 1);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp("mariadb", argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

bool TestDatabase::MysqlRequested() {
  const char* backend = std::getenv("WARDLINE_TEST_BACKEND");
  return backend != nullptr && std::string(backend) == "mysql";
}

TestDatabase::TestDatabase(const std::string& name) {
  if (!MysqlRequested()) {
    url_ = "sqlite3://db=" + TempDir(name) + "/wardline.db";
    return;
  }
  const char* base = std::getenv("WARDLINE_TEST_MYSQL_URL");
  if (base == nullptr || std::string(base).rfind("mysql://", 0) != 0) {
    throw std::runtime_error("WARDLINE_TEST_BACKEND=mysql needs WARDLINE_TEST_MYSQL_URL");
  }
  static std::atomic<int> n{0};
  mysql_params_ = ParseSociParams(base);
  mysql_db_ = "wardline_it_" + std::to_string(getpid()) + "_" + std::to_string(n++);
  for (char& ch : mysql_db_) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  if (MariadbStatement(mysql_params_, "DROP DATABASE IF EXISTS " + mysql_db_ +
                                          "; CREATE DATABASE " + mysql_db_ +
                                          " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci") != 0) {
    throw std::runtime_error("cannot create MariaDB database " + mysql_db_ + " on " + base);
  }
  url_ = "mysql://db=" + mysql_db_;
  for (const auto& [k, v] : mysql_params_) {
    if (k != "db" && k != "dbname") url_ += " " + k + "=" + v;
  }
}

TestDatabase::~TestDatabase() {
  if (!mysql_db_.empty()) MariadbStatement(mysql_params_, "DROP DATABASE IF EXISTS " + mysql_db_);
}

}  // namespace wardline::testing
