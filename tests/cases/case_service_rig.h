// A CaseService over the in-memory fakes, with a small two-ward catalogue and ready-made
// actors of every role, for the service-layer unit tests.
#pragma once

#include <string>

#include "cases/case_service.h"
#include "tests/fakes/fake_account_store.h"
#include "tests/fakes/fake_case_store.h"
#include "tests/fakes/fake_correction_store.h"
#include "tests/fakes/fake_database.h"
#include "tests/fakes/fake_outbox_store.h"

namespace wardline::cases::testing {

// Texts to residents, plain so tests can read what was queued.
class PlainMessages final : public ResidentMessages {
 public:
  std::string Ack(const std::string& ward, const std::string& code,
                  const std::string& url) const override {
    return "ack " + ward + " " + code + " " + url;
  }
  std::string Reply(const std::string& ward, const std::string& code, const std::string& answer,
                    const std::string& url) const override {
    return "reply " + ward + " " + code + ": " + answer + " " + url;
  }
};

inline AppConfig TwoWardCatalogue() {
  AppConfig c;
  c.wards = {{"kim-lien", "Kim Liên", {}, {}, {}, {}}, {"lang-thuong", "Láng Thượng", {}, {}, {}, {}}};
  c.departments = {{"dia_chinh", "Địa chính - Xây dựng"},
                   {"tai_nguyen", "Tài nguyên - Môi trường"},
                   {"van_phong", "Văn phòng"}};
  c.categories = {{"giao_thong", "Hạ tầng giao thông"}, {"moi_truong", "Vệ sinh môi trường"}};
  c.routing.category_to_department = {{"giao_thong", "dia_chinh"}, {"moi_truong", "tai_nguyen"}};
  c.routing.needs_triage_department = "van_phong";
  return c;
}

inline Actor WardStaff(const std::string& ward = "kim-lien", const std::string& dept = "") {
  return Actor{1, "staff." + ward + (dept.empty() ? "" : "." + dept), Role::kWardStaff, ward, dept};
}
inline Actor WardLeader(const std::string& ward = "kim-lien") {
  return Actor{2, "leader." + ward, Role::kWardLeader, ward, ""};
}
inline Actor Office() { return Actor{3, "district.office", Role::kDistrictOffice, "", ""}; }
inline Actor CityLeader() { return Actor{4, "chairman", Role::kLeader, "", ""}; }
inline Actor Admin() { return Actor{5, "admin", Role::kAdmin, "", ""}; }

struct ServiceRig {
  FakeClock clock{1'767'225'600'000};  // 2026-01-01 00:00 UTC
  fakes::FakeDatabase db;
  fakes::FakeCaseStore cases;
  fakes::FakeOutboxStore outbox;
  fakes::FakeCorrectionStore corrections;
  fakes::FakeAccountStore accounts;
  AppConfig catalogue = TwoWardCatalogue();
  PlainMessages messages;
  CaseService service{CaseServiceDeps{db, cases, outbox, corrections, accounts, catalogue, clock,
                                      messages, "https://phananh.example.vn/"}};

  ServiceRig() {
    db.Enlist(cases);
    db.Enlist(outbox);
    db.Enlist(corrections);
    db.Enlist(accounts);
  }

  // A Zalo case of Kim Liên about a road, routed to its department.
  Case AddCase(CaseStatus status = CaseStatus::kRouted, const std::string& ward = "kim-lien",
               const std::string& dept = "dia_chinh") {
    Case c;
    c.tracking_code = "PA-" + std::to_string(1000 + next_code_++);
    c.channel = ChannelKind::kZalo;
    c.resident_ref = "zalo-user-7";
    c.ward_slug = ward;
    c.category = "giao_thong";
    c.department = dept;
    c.status = status;
    c.text = "Ổ gà lớn trước số 12 ngõ 4 Kim Liên";
    if (status == CaseStatus::kResolved || status == CaseStatus::kPublished) {
      c.resolution = "Đã vá ổ gà ngày 02/01.";
    }
    return cases.Put(c);
  }

  User AddUser(const Actor& a, bool disabled = false) {
    User u;
    u.username = a.username;
    u.role = a.role;
    u.ward_slug = a.ward_slug;
    u.department = a.department;
    u.disabled = disabled;
    return *accounts.AddUser(u);
  }

  // What a refused action must leave behind: nothing.
  struct Footprint {
    int saves;
    std::size_t events, outbox, corrections;
    bool operator==(const Footprint& o) const {
      return saves == o.saves && events == o.events && outbox == o.outbox &&
             corrections == o.corrections;
    }
  };
  Footprint Snapshot(std::int64_t id) {
    return {cases.saves(), cases.EventsOf(id).size(), outbox.All().size(),
            corrections.List()->size()};
  }

 private:
  int next_code_ = 0;
};

}  // namespace wardline::cases::testing
