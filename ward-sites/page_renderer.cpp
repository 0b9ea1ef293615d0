#include "ward-sites/page_renderer.h"

#include <fstream>
#include <sstream>

#include <kainjow/mustache.hpp>

namespace wardline::ward_sites {
namespace {

namespace mus = kainjow::mustache;

const char* kTemplateNames[] = {"layout_head", "layout_foot", "ward",  "feedback_accepted",
                                "track",       "track_lookup", "index", "error",
                                "messages/ack", "messages/reply", "login", "staff_home"};

mus::data Bool(bool b) { return b ? mus::data::type::bool_true : mus::data::type::bool_false; }

}  // namespace

Result<std::shared_ptr<const PageRenderer>> PageRenderer::Load(const std::string& dir) {
  auto r = std::shared_ptr<PageRenderer>(new PageRenderer());
  for (const char* name : kTemplateNames) {
    std::string path = dir + "/" + name + ".mustache";
    std::ifstream in(path, std::ios::binary);
    if (!in) return NotFound("template not found: " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    mus::mustache check(ss.str());
    if (!check.is_valid()) {
      return InvalidArgument("template " + path + " is invalid: " + check.error_message());
    }
    r->templates_[name] = ss.str();
  }
  return std::shared_ptr<const PageRenderer>(r);
}

std::string PageRenderer::Render(const std::string& name, void* data_ptr) const {
  mus::data& data = *static_cast<mus::data*>(data_ptr);
  const std::string head = templates_.at("layout_head");
  const std::string foot = templates_.at("layout_foot");
  data.set("layout_head", mus::partial([head] { return head; }));
  data.set("layout_foot", mus::partial([foot] { return foot; }));
  mus::mustache tmpl(templates_.at(name));
  return tmpl.render(data);
}

std::string PageRenderer::LoginPage(const std::string& error, const std::string& username) const {
  mus::data d;
  d.set("title", "Đăng nhập cán bộ");
  d.set("has_error", Bool(!error.empty()));
  d.set("error", error);
  d.set("username", username);
  return Render("login", &d);
}

std::string PageRenderer::StaffHome(const std::string& display_name, const std::string& role_label,
                                    const std::string& ward_name, const std::string& csrf) const {
  mus::data d;
  d.set("title", "Trang cán bộ");
  d.set("display_name", display_name);
  d.set("role_label", role_label);
  d.set("has_ward", Bool(!ward_name.empty()));
  d.set("ward_name", ward_name);
  d.set("csrf", csrf);
  return Render("staff_home", &d);
}

std::string PageRenderer::WardPage(const WardPageModel& m) const {
  mus::data d;
  d.set("title", "Phường " + m.ward_name);
  d.set("district", m.district);
  d.set("city", m.city);
  d.set("ward_name", m.ward_name);
  d.set("ward_slug", m.ward_slug);
  d.set("has_error", Bool(!m.error.empty()));
  d.set("error", m.error);
  d.set("form_text", m.form.text);
  d.set("form_name", m.form.name);
  d.set("form_phone", m.form.phone);
  d.set("form_address", m.form.address);
  mus::data list{mus::data::type::list};
  for (const auto& p : m.published) {
    mus::data item;
    item.set("tracking_code", p.tracking_code);
    item.set("category_label", p.category_label);
    item.set("summary", p.summary);
    item.set("resolution", p.resolution);
    item.set("date", p.date);
    list.push_back(item);
  }
  d.set("published", list);
  d.set("has_published", Bool(!m.published.empty()));
  return Render("ward", &d);
}

std::string PageRenderer::FeedbackAccepted(const std::string& ward_name,
                                           const std::string& ward_slug,
                                           const std::string& tracking_code) const {
  mus::data d;
  d.set("title", "Đã tiếp nhận phản ánh");
  d.set("ward_name", ward_name);
  d.set("ward_slug", ward_slug);
  d.set("tracking_code", tracking_code);
  return Render("feedback_accepted", &d);
}

std::string PageRenderer::TrackPage(const TrackModel& m) const {
  mus::data d;
  d.set("title", "Tra cứu phản ánh " + m.tracking_code);
  d.set("tracking_code", m.tracking_code);
  d.set("status", m.status);
  d.set("status_label", m.status_label);
  d.set("category_label", m.category_label);
  d.set("has_category", Bool(!m.category_label.empty()));
  d.set("department", m.department);
  d.set("has_department", Bool(!m.department.empty()));
  d.set("ward_name", m.ward_name);
  d.set("ward_slug", m.ward_slug);
  d.set("has_ward", Bool(!m.ward_name.empty()));
  d.set("received_at", m.received_at);
  d.set("summary", m.summary);
  d.set("resolution", m.resolution);
  d.set("has_resolution", Bool(!m.resolution.empty()));
  d.set("channel_note", m.channel_note);
  d.set("has_channel_note", Bool(!m.channel_note.empty()));
  mus::data list{mus::data::type::list};
  for (const auto& t : m.timeline) {
    mus::data item;
    item.set("date", t.date);
    item.set("label", t.label);
    list.push_back(item);
  }
  d.set("timeline", list);
  return Render("track", &d);
}

std::string PageRenderer::TrackLookup(const std::string& error) const {
  mus::data d;
  d.set("title", "Tra cứu phản ánh");
  d.set("has_error", Bool(!error.empty()));
  d.set("error", error);
  return Render("track_lookup", &d);
}

std::string PageRenderer::IndexPage(const std::string& district,
                                    const std::vector<Ward>& wards) const {
  mus::data d;
  d.set("title", district);
  d.set("district", district);
  mus::data list{mus::data::type::list};
  for (const auto& w : wards) {
    mus::data item;
    item.set("slug", w.slug);
    item.set("name", w.name);
    list.push_back(item);
  }
  d.set("wards", list);
  return Render("index", &d);
}

std::string PageRenderer::ErrorPage(int status, const std::string& title,
                                    const std::string& message) const {
  mus::data d;
  d.set("title", title);
  d.set("status", std::to_string(status));
  d.set("message", message);
  return Render("error", &d);
}

std::string PageRenderer::AckMessage(const AckModel& m) const {
  mus::data d;
  d.set("ward_name", m.ward_name);
  d.set("has_ward", Bool(!m.ward_name.empty()));
  d.set("tracking_code", m.tracking_code);
  d.set("track_url", m.track_url);
  return Render("messages/ack", &d);
}

std::string PageRenderer::ReplyMessage(const std::string& ward_name,
                                       const std::string& tracking_code, const std::string& answer,
                                       const std::string& track_url) const {
  mus::data d;
  d.set("ward_name", ward_name);
  d.set("has_ward", Bool(!ward_name.empty()));
  d.set("tracking_code", tracking_code);
  d.set("answer", answer);
  d.set("track_url", track_url);
  return Render("messages/reply", &d);
}

}  // namespace wardline::ward_sites
