#include "gateway/accounts_cli.h"

#include <iostream>
#include <map>
#include <optional>

namespace wardline::gateway {
namespace {

// "--flag value" pairs and positional words.
struct Parsed {
  std::map<std::string, std::string> flags;
  std::vector<std::string> words;
  std::string problem;
};

Parsed Parse(const std::vector<std::string>& args, std::size_t from) {
  Parsed p;
  for (std::size_t i = from; i < args.size(); ++i) {
    if (args[i].rfind("--", 0) == 0) {
      if (i + 1 >= args.size()) {
        p.problem = args[i] + " needs a value";
        return p;
      }
      p.flags[args[i].substr(2)] = args[i + 1];
      ++i;
    } else {
      p.words.push_back(args[i]);
    }
  }
  return p;
}

std::string Flag(const Parsed& p, const std::string& name) {
  auto it = p.flags.find(name);
  return it == p.flags.end() ? "" : it->second;
}

Result<std::string> ReadPassword(const Parsed& p, const PasswordSource& src) {
  const std::string var = Flag(p, "password-env");
  if (!var.empty()) {
    auto v = src.env(var);
    if (!v || v->empty()) return InvalidArgument("the environment variable " + var + " is not set");
    return *v;
  }
  std::string line;
  if (!std::getline(src.in, line)) return InvalidArgument("no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int Fail(std::ostream& err, const std::string& what, const Error& e) {
  err << "wardline: " << what << ": " << e.message << "\n";
  return 1;
}

int UserUsage(std::ostream& err) {
  err << "usage:\n"
         "  wardline user add --username U --role ward_staff|ward_leader|district_office|leader|admin\n"
         "                    [--ward SLUG] [--department ID] [--name NAME] [--password-env VAR]\n"
         "  wardline user list\n"
         "  wardline user disable U\n"
         "  wardline user passwd U [--password-env VAR]\n"
         "(the password is read from standard input unless --password-env names a variable)\n";
  return 2;
}

int AddUser(const Parsed& p, auth::AuthService& auth, const AppConfig& catalogue,
            const PasswordSource& passwords, std::ostream& out, std::ostream& err) {
  User u;
  u.username = Flag(p, "username");
  u.display_name = Flag(p, "name");
  u.ward_slug = Flag(p, "ward");
  u.department = Flag(p, "department");
  const auto role = ParseRole(Flag(p, "role"));
  if (u.username.empty() || !role) return UserUsage(err);
  u.role = *role;
  // The ward and department must be ones this deployment serves: a typo would leave the user
  // with an empty queue and nobody would notice.
  if (!u.ward_slug.empty() && !catalogue.FindWard(u.ward_slug)) {
    err << "wardline: unknown ward '" << u.ward_slug << "' (see [[wards]] in the config)\n";
    return 1;
  }
  if (!u.department.empty() && !catalogue.FindDepartment(u.department)) {
    err << "wardline: unknown department '" << u.department
        << "' (see [[departments]] in the config)\n";
    return 1;
  }
  auto password = ReadPassword(p, passwords);
  if (!password.ok()) return Fail(err, "user add", password.error());
  auto added = auth.AddUser(u, *password, "cli");
  if (!added.ok()) return Fail(err, "user add", added.error());
  out << "added " << added->username << " (" << RoleName(added->role)
      << (added->ward_slug.empty() ? "" : ", " + added->ward_slug)
      << (added->department.empty() ? "" : ", " + added->department) << ")\n";
  return 0;
}

}  // namespace

int UserCommand(const std::vector<std::string>& args, auth::AuthService& auth,
                const AppConfig& catalogue, const PasswordSource& passwords, std::ostream& out,
                std::ostream& err) {
  if (args.empty()) return UserUsage(err);
  const Parsed p = Parse(args, 1);
  if (!p.problem.empty()) {
    err << "wardline: " << p.problem << "\n";
    return 2;
  }
  const std::string& sub = args[0];
  if (sub == "add") return AddUser(p, auth, catalogue, passwords, out, err);
  if (sub == "list") {
    auto users = auth.ListUsers();
    if (!users.ok()) return Fail(err, "user list", users.error());
    for (const auto& u : *users) {
      out << u.username << "\t" << RoleName(u.role) << "\t" << (u.ward_slug.empty() ? "-" : u.ward_slug)
          << "\t" << (u.department.empty() ? "-" : u.department) << "\t"
          << (u.disabled ? "disabled" : "active") << "\t" << u.display_name << "\n";
    }
    return 0;
  }
  if ((sub == "disable" || sub == "passwd") && p.words.size() == 1) {
    const std::string& username = p.words[0];
    if (sub == "disable") {
      Status s = auth.Disable(username, "cli");
      if (!s.ok()) return Fail(err, "user disable", s.error());
      out << "disabled " << username << "; every session and token of the user is revoked\n";
      return 0;
    }
    auto password = ReadPassword(p, passwords);
    if (!password.ok()) return Fail(err, "user passwd", password.error());
    Status s = auth.SetPassword(username, *password, "cli");
    if (!s.ok()) return Fail(err, "user passwd", s.error());
    out << "password of " << username << " changed; every session of the user is revoked\n";
    return 0;
  }
  return UserUsage(err);
}

int TokenCommand(const std::vector<std::string>& args, auth::AuthService& auth,
                 std::ostream& out, std::ostream& err) {
  auto usage = [&err] {
    err << "usage:\n"
           "  wardline token create --username U --name LABEL   (prints the token once)\n"
           "  wardline token revoke --username U --name LABEL\n";
    return 2;
  };
  if (args.empty()) return usage();
  const Parsed p = Parse(args, 1);
  const std::string username = Flag(p, "username");
  const std::string name = Flag(p, "name");
  if (!p.problem.empty() || username.empty() || name.empty()) return usage();
  if (args[0] == "create") {
    auto token = auth.CreateApiToken(username, name, "cli");
    if (!token.ok()) return Fail(err, "token create", token.error());
    out << *token << "\n";
    err << "wardline: token '" << name << "' for " << username
        << " created; it is shown only this once (only its hash is stored)\n";
    return 0;
  }
  if (args[0] == "revoke") {
    Status s = auth.RevokeApiToken(username, name, "cli");
    if (!s.ok()) return Fail(err, "token revoke", s.error());
    out << "revoked token '" << name << "' of " << username << "\n";
    return 0;
  }
  return usage();
}

}  // namespace wardline::gateway
