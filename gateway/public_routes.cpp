// Public routes: health, metrics, the ward pages, the feedback form and tracking.
#include <string>

#include "gateway/http_util.h"
#include "gateway/route_areas.h"
#include "core/domain/utf8.h"
#include "ward-sites/view_models.h"

namespace wardline::gateway {
namespace {

constexpr std::size_t kMaxTextChars = 5000;
constexpr std::size_t kMaxNameChars = 120;
constexpr std::size_t kMaxPhoneChars = 20;
constexpr std::size_t kMaxAddressChars = 300;

std::string Trim(const std::string& s) {
  const char* ws = " \t\r\n";
  auto b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

// Validates the form; returns a Vietnamese message for the resident, or "" when fine.
std::string ValidateForm(const ward_sites::FormValues& f) {
  for (const std::string* v : {&f.text, &f.name, &f.phone, &f.address}) {
    if (!IsValidUtf8(*v)) {
      return "Nội dung gửi lên có ký tự không hợp lệ. Xin ông/bà kiểm tra lại bộ gõ và gửi lại.";
    }
  }
  if (f.text.empty()) return "Xin ông/bà nhập nội dung phản ánh.";
  if (Utf8Length(f.text) > kMaxTextChars) {
    return "Nội dung phản ánh quá dài (tối đa 5.000 ký tự). Xin ông/bà rút gọn và gửi lại.";
  }
  if (Utf8Length(f.name) > kMaxNameChars) return "Họ và tên quá dài (tối đa 120 ký tự).";
  if (Utf8Length(f.phone) > kMaxPhoneChars) return "Số điện thoại không hợp lệ.";
  for (char c : f.phone) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != ' ' && c != '.' && c != '-' &&
        c != '+' && c != '(' && c != ')') {
      return "Số điện thoại chỉ gồm chữ số, ví dụ 0912 345 678.";
    }
  }
  if (Utf8Length(f.address) > kMaxAddressChars) return "Địa chỉ quá dài (tối đa 300 ký tự).";
  return "";
}

}  // namespace

void RegisterPublicRoutes(Routes& routes, const PublicDeps& d) {
  routes.Get("/", "/", [d](const httplib::Request&, httplib::Response& res) {
    SendHtml(res, 200, d.renderer.IndexPage(d.catalogue.district_name, d.catalogue.wards));
  });

  auto not_found_ward = [d](const httplib::Request& req, httplib::Response& res) {
    if (WantsJson(req)) {
      SendErrorCode(res, 404, "not_found", "unknown ward");
    } else {
      SendHtml(res, 404, d.renderer.ErrorPage(404, "Không tìm thấy phường",
                                              "Phường ông/bà tìm không có trong danh sách các phường của " +
                                                  d.catalogue.district_name + "."));
    }
  };

  auto ward_page = [d](const Ward& w, const std::string& error,
                       const ward_sites::FormValues& form) {
    ward_sites::WardPageModel m;
    m.district = d.catalogue.district_name;
    m.city = d.catalogue.city_name;
    m.ward_name = w.name;
    m.ward_slug = w.slug;
    m.error = error;
    m.form = form;
    CaseQuery q;
    q.ward_slug = w.slug;
    q.statuses = {CaseStatus::kPublished};
    q.limit = 20;
    if (auto published = d.cases.List(q); published.ok()) {
      for (const auto& c : published->cases) {
        m.published.push_back(ward_sites::BuildPublishedItem(c, d.catalogue));
      }
    }
    return d.renderer.WardPage(m);
  };

  routes.Get(R"(/w/([^/]+)/?)", "/w/{ward}", [d, ward_page, not_found_ward](
                                                  const httplib::Request& req,
                                                  httplib::Response& res) {
    const Ward* w = d.catalogue.FindWard(req.matches[1]);
    if (!w) return not_found_ward(req, res);
    SendHtml(res, 200, ward_page(*w, "", {}));
  });

  routes.Post(R"(/w/([^/]+)/feedback)", "/w/{ward}/feedback", [d, ward_page, not_found_ward](
                                                                 const httplib::Request& req,
                                                                 httplib::Response& res) {
    const Ward* w = d.catalogue.FindWard(req.matches[1]);
    if (!w) return not_found_ward(req, res);
    ward_sites::FormValues form{Trim(FormField(req, "text")), Trim(FormField(req, "name")),
                                Trim(FormField(req, "phone")), Trim(FormField(req, "address"))};
    std::string problem = ValidateForm(form);
    if (!problem.empty()) {
      if (WantsJson(req)) {
        SendErrorCode(res, 400, "invalid_argument", problem);
      } else {
        // Refill only what is valid text, so nothing broken is echoed back.
        ward_sites::FormValues refill;
        for (auto [from, to] : {std::pair{&form.text, &refill.text}, {&form.name, &refill.name},
                                {&form.phone, &refill.phone}, {&form.address, &refill.address}}) {
          if (IsValidUtf8(*from)) *to = *from;
        }
        SendHtml(res, 400, ward_page(*w, problem, refill));
      }
      return;
    }
    InboundMessage m;
    m.channel = ChannelKind::kWeb;
    m.kind = "text";
    m.text = form.text;
    m.sent_at = d.clock.NowMs();
    auto r = d.intake.Accept(m, {form.name, form.phone, form.address}, w->slug);
    if (!r.ok()) {
      if (WantsJson(req)) return SendError(res, r.error());
      LogError("feedback form", r.error());
      SendHtml(res, StatusFor(r.error().code),
               d.renderer.ErrorPage(StatusFor(r.error().code), "Chưa gửi được phản ánh",
                                    "Hệ thống đang bận, phản ánh của ông/bà chưa được lưu. Xin ông/bà vui lòng gửi lại sau ít phút."));
      return;
    }
    const std::string& code = r->c.tracking_code;
    if (WantsJson(req)) {
      SendJson(res, 200, {{"tracking_code", code}, {"track_url", d.intake.TrackUrl(code)}});
    } else {
      SendHtml(res, 200, d.renderer.FeedbackAccepted(w->name, w->slug, code));
    }
  });

  routes.Get("/track", "/track", [d](const httplib::Request& req, httplib::Response& res) {
    std::string code = req.get_param_value("code");
    if (code.empty()) return SendHtml(res, 200, d.renderer.TrackLookup(""));
    auto normal = NormalizeTrackingCode(code);
    if (!normal) {
      return SendHtml(res, 400, d.renderer.TrackLookup(
                                    "Mã tra cứu không đúng định dạng. Mã có dạng PA-XXXX-XXXX."));
    }
    res.set_redirect("/track/" + *normal, 303);
  });

  routes.Get(R"(/track/([^/]+))", "/track/{code}", [d](const httplib::Request& req,
                                                       httplib::Response& res) {
    auto normal = NormalizeTrackingCode(req.matches[1].str());
    Result<Case> c = normal ? d.cases.GetByTrackingCode(*normal)
                            : Result<Case>(NotFound("not a tracking code"));
    if (!c.ok()) {
      if (c.error().code != ErrorCode::kNotFound) {
        if (WantsJson(req)) return SendError(res, c.error());
        LogError("track", c.error());
        return SendHtml(res, StatusFor(c.error().code),
                        d.renderer.ErrorPage(StatusFor(c.error().code), "Hệ thống đang bận",
                                             "Xin ông/bà vui lòng thử lại sau ít phút."));
      }
      if (WantsJson(req)) {
        return SendErrorCode(res, 404, "not_found", "no case with this tracking code");
      }
      return SendHtml(res, 404, d.renderer.ErrorPage(404, "Không tìm thấy phản ánh",
                                                     "Không có phản ánh nào với mã tra cứu này. Xin ông/bà kiểm tra lại mã."));
    }
    std::vector<CaseEvent> events;
    if (auto ev = d.cases.ListEvents(c->id); ev.ok()) events = std::move(ev).value();
    ward_sites::TrackModel m = ward_sites::BuildTrackModel(*c, events, d.catalogue);
    if (WantsJson(req)) {
      auto or_null = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
      nlohmann::json timeline = nlohmann::json::array();
      for (const auto& t : m.timeline) timeline.push_back({{"at", t.date}, {"label", t.label}});
      SendJson(res, 200, {{"tracking_code", m.tracking_code},
                          {"status", m.status},
                          {"status_label", m.status_label},
                          {"category", or_null(m.category)},
                          {"category_label", or_null(m.category_label)},
                          {"department", or_null(m.department)},
                          {"ward", or_null(m.ward_name)},
                          {"ward_slug", or_null(m.ward_slug)},
                          {"received_at", m.received_at},
                          {"summary", m.summary},
                          {"resolution", or_null(m.resolution)},
                          {"channel_note", or_null(m.channel_note)},
                          {"timeline", timeline}});
    } else {
      SendHtml(res, 200, d.renderer.TrackPage(m));
    }
  });
}

}  // namespace wardline::gateway
