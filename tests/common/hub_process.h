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

std::string WardlineBinary();
std::string SourceDir();
std::string TempDir(const std::string& name);  // fresh directory under /tmp

}  // namespace wardline::testing
