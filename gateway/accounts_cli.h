// The account commands of the `wardline` binary (each opened on the database of --config/--db):
//   wardline user add --username U --role R [--ward SLUG] [--department ID] [--name "Họ tên"]
//                     [--password-env VAR]        (else the password is read from stdin)
//   wardline user list
//   wardline user disable U
//   wardline user passwd U [--password-env VAR]
//   wardline token create --username U --name LABEL   (prints the token once)
//   wardline token revoke --username U --name LABEL
// Returns the process exit status: 0 done, 1 refused or failed (the reason on `err`), 2 usage.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "core/auth/auth_service.h"
#include "core/domain/config.h"
#include "core/domain/result.h"

namespace wardline::gateway {

// Where a password comes from: the environment variable named by --password-env, else one
// line of `in`. Injected so tests pass both.
struct PasswordSource {
  std::istream& in;
  std::function<std::optional<std::string>(const std::string&)> env;
};

int UserCommand(const std::vector<std::string>& args, auth::AuthService& auth,
                const AppConfig& catalogue, const PasswordSource& passwords, std::ostream& out,
                std::ostream& err);

int TokenCommand(const std::vector<std::string>& args, auth::AuthService& auth,
                 std::ostream& out, std::ostream& err);

}  // namespace wardline::gateway
