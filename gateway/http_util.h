// Small helpers shared by the route files: content negotiation, JSON and HTML answers, error
// bodies with the request id, form field access. Internal to gateway/.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/domain/result.h"

namespace wardline::gateway {

// The one ErrorCode -> HTTP status table.
int StatusFor(ErrorCode code);

// The id of the request this thread is answering (set by Instrument, sent back as
// X-Request-Id and in every JSON error body, and written with every logged error).
const std::string& CurrentRequestId();

inline bool WantsJson(const httplib::Request& req) {
  return req.get_header_value("Accept").find("application/json") != std::string::npos;
}

inline void SendJson(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

inline void SendHtml(httplib::Response& res, int status, const std::string& html) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(html, "text/html; charset=utf-8");
}

// {"error","message","request_id"}. The message of a server-side failure (database down, a
// bug) is generic: the detail goes to the log under the same request id, never to the client.
void SendError(httplib::Response& res, const Error& e);
// The same body for errors the route itself raises (400 malformed body, 404 unknown id).
void SendErrorCode(httplib::Response& res, int status, const char* error, const std::string& message);
// Writes a server-side error to the log with the request id (the message must not carry
// personal data: store errors are stripped of statements and values).
void LogError(const std::string& where, const Error& e);

// A form field from a url-encoded or multipart body, or "".
inline std::string FormField(const httplib::Request& req, const std::string& name) {
  if (req.has_param(name)) return req.get_param_value(name);
  if (req.has_file(name)) return req.get_file_value(name).content;
  return "";
}

// A positive decimal integer (an id, a cursor, a limit) from a path or query string, or nullopt
// for anything else (signs, spaces, zero, over 18 digits).
inline std::optional<std::int64_t> PositiveInt(const std::string& s) {
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  std::int64_t v = std::stoll(s);
  return v > 0 ? std::optional<std::int64_t>(v) : std::nullopt;
}

// The JSON object body of a request. nullopt after answering 400 when it is not one.
std::optional<nlohmann::json> JsonBody(const httplib::Request& req, httplib::Response& res);

}  // namespace wardline::gateway
