// Small helpers shared by the route files: content negotiation, JSON and HTML answers,
// form field access. Internal to gateway/.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "core/domain/result.h"

namespace wardline::gateway {

int StatusFor(ErrorCode code);

inline bool WantsJson(const httplib::Request& req) {
  return req.get_header_value("Accept").find("application/json") != std::string::npos;
}

inline void SendJson(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

inline void SendHtml(httplib::Response& res, int status, const std::string& html) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(html, "text/html; charset=utf-8");
}

inline void SendError(httplib::Response& res, const Error& e) {
  SendJson(res, StatusFor(e.code), {{"error", ErrorCodeName(e.code)}, {"message", e.message}});
}

// A form field from a url-encoded or multipart body, or "".
inline std::string FormField(const httplib::Request& req, const std::string& name) {
  if (req.has_param(name)) return req.get_param_value(name);
  if (req.has_file(name)) return req.get_file_value(name).content;
  return "";
}

}  // namespace wardline::gateway
