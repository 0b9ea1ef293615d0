// Test-only AppConfig: the sample district of shared/data/categories.md (Quận Đống Đa, 21 wards)
// with a plausible routing table. Used until (and independently of) the gateway's config loader.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/domain/config.h"

namespace wardline::triage::testing {

inline AppConfig SampleConfig(const std::string& model_path = "") {
  AppConfig c;
  c.district_name = "Quận Đống Đa";
  c.city_name = "Hà Nội";
  const std::vector<std::pair<const char*, const char*>> wards = {
      {"cat-linh", "Cát Linh"},       {"van-mieu", "Văn Miếu"},
      {"quoc-tu-giam", "Quốc Tử Giám"}, {"hang-bot", "Hàng Bột"},
      {"lang-thuong", "Láng Thượng"}, {"kham-thien", "Khâm Thiên"},
      {"tho-quan", "Thổ Quan"},       {"nam-dong", "Nam Đồng"},
      {"trung-phung", "Trung Phụng"}, {"quang-trung", "Quang Trung"},
      {"trung-liet", "Trung Liệt"},   {"phuong-lien", "Phương Liên"},
      {"thinh-quang", "Thịnh Quang"}, {"trung-tu", "Trung Tự"},
      {"kim-lien", "Kim Liên"},       {"phuong-mai", "Phương Mai"},
      {"nga-tu-so", "Ngã Tư Sở"},     {"khuong-thuong", "Khương Thượng"},
      {"o-cho-dua", "Ô Chợ Dừa"},     {"lang-ha", "Láng Hạ"},
      {"van-chuong", "Văn Chương"}};
  for (const auto& [slug, name] : wards) c.wards.push_back({slug, name, {}});
  c.departments = {{"dia_chinh_xay_dung", "Địa chính - Xây dựng - Đô thị và Môi trường"},
                   {"cong_an", "Công an phường"},
                   {"van_hoa_xa_hoi", "Văn hóa - Xã hội"},
                   {"tram_y_te", "Trạm Y tế"},
                   {"tu_phap_ho_tich", "Tư pháp - Hộ tịch"},
                   {"van_phong", "Văn phòng UBND phường"}};
  c.routing.category_to_department = {
      {"giao_thong", "dia_chinh_xay_dung"}, {"thoat_nuoc", "dia_chinh_xay_dung"},
      {"chieu_sang", "dia_chinh_xay_dung"}, {"cap_nuoc", "dia_chinh_xay_dung"},
      {"moi_truong", "dia_chinh_xay_dung"}, {"trat_tu_do_thi", "dia_chinh_xay_dung"},
      {"cay_xanh", "dia_chinh_xay_dung"},   {"an_ninh", "cong_an"},
      {"y_te", "tram_y_te"},                {"hanh_chinh", "tu_phap_ho_tich"},
      {"xa_hoi", "van_hoa_xa_hoi"},         {"khac", "van_phong"}};
  c.routing.needs_triage_department = "van_phong";
  if (!model_path.empty()) c.triage.model_path = model_path;
  return c;
}

}  // namespace wardline::triage::testing
