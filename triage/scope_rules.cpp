#include "triage/scope_rules.h"

#include <string_view>
#include <unordered_map>
#include <vector>

namespace wardline::triage {
namespace {

enum Cue : uint8_t {
  kOfficial,      // ward staff, police, public schools, market boards, contractors of the ward
  kViolation,     // needs kOfficial
  kStrongViolation,
  kCompany,
  kCivil,
  kCrime,         // needs kInvestigate or kLoss
  kInvestigate,
  kLoss,
  kDecision,      // needs kObjection
  kObjection,
  kProvince,      // needs a location word before it
  kUtility,       // public utilities: not a private company
  kSpam,          // advertising: not a civil dispute
  kCount
};

struct Phrase {
  std::vector<std::string> words;
  Cue cue;
};

// Phrases, folded. Written from the label definitions, not from any data set.
const std::vector<std::pair<const char*, Cue>>& Table() {
  static const std::vector<std::pair<const char*, Cue>> t = {
      // officials and bodies doing public work
      {"can bo", kOfficial}, {"cong an khu vuc", kOfficial}, {"canh sat khu vuc", kOfficial},
      {"cong an phuong", kOfficial}, {"canh sat giao thong", kOfficial}, {"csgt", kOfficial},
      {"to truong", kOfficial}, {"truong khu dan cu", kOfficial}, {"ban quan ly cho", kOfficial},
      {"hieu truong", kOfficial}, {"hieu pho", kOfficial}, {"truong cong lap", kOfficial},
      {"doi trat tu", kOfficial}, {"trat tu phuong", kOfficial}, {"trat tu do thi", kOfficial},
      {"dan phong", kOfficial}, {"chu tich phuong", kOfficial}, {"pho chu tich", kOfficial},
      {"ke toan phuong", kOfficial}, {"nha thau", kOfficial}, {"don vi thi cong", kOfficial},
      {"hop tac xa", kOfficial}, {"thanh tra xay dung", kOfficial}, {"giam sat", kOfficial},
      {"dia chinh", kOfficial}, {"mot cua", kOfficial}, {"ubnd phuong", kOfficial},
      {"phuong thu", kOfficial}, {"to dan pho thu", kOfficial}, {"cong chuc", kOfficial},
      // violations (with an official)
      {"boi duong", kViolation}, {"phong bi", kViolation}, {"dua tien", kViolation},
      {"gui tien", kViolation}, {"doi tien", kViolation}, {"voi tien", kViolation},
      {"tien ca phe", kViolation}, {"tien cafe", kViolation}, {"chut cafe", kViolation},
      {"lot tay", kViolation}, {"nhan tien", kViolation}, {"chia tien", kViolation},
      {"khong co bien lai", kViolation}, {"khong bien lai", kViolation},
      {"khong co hoa don", kViolation}, {"khong hoa don", kViolation}, {"khong co ve", kViolation},
      {"khong ve", kViolation}, {"bo tui", kViolation}, {"tui rieng", kViolation},
      {"lo ten", kViolation},
      {"lo thong tin", kViolation}, {"tiet lo", kViolation}, {"ban suat", kViolation},
      {"ky khong", kViolation}, {"xac nhan khong", kViolation}, {"nghiem thu khong", kViolation},
      {"chi khong", kViolation}, {"danh sach khong", kViolation}, {"gia chu ky", kViolation},
      {"gia mao", kViolation}, {"lam gia", kViolation}, {"khong cong khai", kViolation},
      {"xe cong", kViolation}, {"dat cong", kViolation}, 
      {"gap doi muc", kViolation}, {"cao hon muc", kViolation}, 
      {"bat phu huynh", kViolation}, {"ep phu huynh", kViolation}, {"muon nhanh thi", kViolation},
      {"lo xong", kViolation}, {"chung tien", kViolation}, {"tien bao ke", kViolation},
      {"an bot", kStrongViolation}, {"an chan", kStrongViolation}, {"bot xen", kStrongViolation},
      {"hoi lo", kStrongViolation}, {"tham o", kStrongViolation}, {"bien thu", kStrongViolation},
      {"bao ke", kStrongViolation}, {"nhan hoi lo", kStrongViolation},
      {"tham nhung", kStrongViolation}, {"rut ruot", kStrongViolation},
      // private companies
      {"nha mang", kCompany}, {"tong dai", kCompany}, {"fpt", kCompany},
      {"viettel", kCompany}, {"vnpt", kCompany}, {"mobifone", kCompany}, {"vinaphone", kCompany},
      {"shopee", kCompany}, {"lazada", kCompany}, {"tiki", kCompany}, {"shop online", kCompany},
      {"mua hang online", kCompany}, 
      {"dien may", kCompany}, {"phong kham tu", kCompany}, 
      {"benh vien tu", kCompany}, {"chu nha tro", kCompany}, {"chu tro", kCompany},
      {"chu nha cho thue", kCompany}, {"chu dau tu", kCompany}, {"cong ty bao hiem", kCompany},
      {"bao hiem nhan tho", kCompany}, {"vi dien tu", kCompany}, {"app vay", kCompany},
      {"cong ty tai chinh", kCompany}, {"no luong", kCompany}, {"tiem vang", kCompany},
      {"tiem cam do", kCompany}, 
      {"trung tam tieng anh", kCompany}, {"ngan hang tu", kCompany},
      {"ngan hang tru", kCompany}, {"the tin dung", kCompany}, {"tai khoan ngan hang", kCompany},
      {"mang internet", kCompany}, {"rot mang", kCompany}, {"mat mang", kCompany},
      {"wifi", kCompany}, {"truong tu thuc thu", kCompany}, {"hoc phi", kCompany},
      {"tranh chap thua ke", kCivil}, {"chia thua ke", kCivil}, {"chia tai san", kCivil},
      {"chia di san", kCivil}, {"giai ngan", kSpam}, {"quang cao", kSpam}, {"to roi", kSpam},
      {"bang ron", kSpam}, {"tham dinh", kSpam}, {"inbox", kSpam}, {"cap nuoc", kUtility}, {"bao hanh", kCompany}, {"doi tra", kCompany},
      {"hoan tien", kCompany}, {"hang gia", kCompany}, {"giao hang", kCompany}, {"cong ty du lich", kCompany}, 
      // public utilities: ordinary reports (cap_nuoc, chieu_sang, moi_truong)
      {"cong ty nuoc", kUtility}, {"cong ty cap nuoc", kUtility}, {"nuoc sach", kUtility},
      {"dien luc", kUtility}, {"tien dien", kUtility}, {"tien nuoc", kUtility},
      {"cong ty moi truong", kUtility}, {"cong ty chieu sang", kUtility},
      {"cong ty thoat nuoc", kUtility}, {"bao hiem y te", kUtility}, {"bhyt", kUtility},
      // civil disputes
      {"vay tien", kCivil}, {"no tien", kCivil}, {"khong tra no", kCivil},
      {"tien coc", kCivil}, {"dat coc", kCivil}, {"tra coc", kCivil}, 
      {"ly hon", kCivil}, {"ly than", kCivil}, 
      {"toa an", kCivil}, {"ra toa", kCivil}, {"khoi kien", kCivil}, {"kien ra", kCivil},
      {"ban an", kCivil}, {"hop dong mua ban", kCivil}, {"gop von", kCivil}, {"choi ho", kCivil},
      {"gop ho", kCivil}, {"vay cua", kCivil}, {"muon tien", kCivil},
      {"tra lai tien", kCivil}, {"hoa giai khong thanh", kCivil},
      // crimes against the writer
      {"bi lua", kCrime}, {"lua dao", kCrime}, {"lua dat", kCrime}, {"bi cuop", kCrime},
      {"cuop giat", kCrime}, {"bi danh", kCrime}, {"danh trong thuong", kCrime},
      {"de doa", kCrime}, {"tong tien", kCrime}, {"bi trom", kCrime}, {"mao danh", kCrime},
      {"gia danh", kCrime}, {"hack", kCrime}, {"anh nong", kCrime}, {"anh nhay cam", kCrime},
      {"hanh hung", kCrime},
      {"khoi to", kInvestigate}, {"bat giu", kInvestigate}, {"truy tim", kInvestigate},
      {"dieu tra", kInvestigate}, {"trinh bao", kInvestigate}, {"truy cuu", kInvestigate},
      {"lay lai tien", kInvestigate}, {"doi lai tien", kInvestigate}, {"tim lai", kInvestigate},
      {"tim ra", kInvestigate},
      {"mat het", kLoss}, {"chuyen khoan", kLoss}, {"ma otp", kLoss}, {"otp", kLoss},
      // decisions and acts
      {"quyet dinh", kDecision}, {"bien ban", kDecision}, {"xu phat", kDecision},
      {"bi phat", kDecision}, {"phat toi", kDecision}, {"phat nha", kDecision},
      {"phat nguoi", kDecision}, {"tu choi", kDecision}, {"khong cho dang ky", kDecision},
      {"khong xac nhan", kDecision}, {"cuong che", kDecision}, {"thao do", kDecision},
      {"pha do", kDecision}, {"tich thu", kDecision}, {"thu giu", kDecision},
      {"tam giu", kDecision}, {"cat tro cap", kDecision}, {"cat tien", kDecision},
      {"dung chi tra", kDecision}, {"ra khoi danh sach", kDecision}, {"xoa ten", kDecision},
      {"gach ten", kDecision}, {"khong co ten", kDecision}, {"thu hoi", kDecision},
      {"boi thuong", kDecision}, {"den bu", kDecision}, {"tai dinh cu", kDecision},
      {"dinh chi", kDecision}, {"niem phong", kDecision}, {"tra ho so", kDecision},
      {"tra lai ho so", kDecision}, {"khong nhan ho so", kDecision}, 
      {"thong bao thue", kDecision}, {"tinh thue", kDecision}, {"xoa dang ky", kDecision},
      {"xoa tam tru", kDecision}, {"xoa thuong tru", kDecision}, 
      {"khong cong nhan", kDecision}, {"loai khoi", kDecision}, {"khong duoc duyet", kDecision},
      {"khong dong y", kObjection}, {"khong chap nhan", kObjection}, {"khong phuc", kObjection},
      {"xem xet lai", kObjection}, {"xem lai", kObjection}, {"huy quyet dinh", kObjection},
      {"khieu nai", kObjection}, {"vo ly", kObjection}, {"oan", kObjection},
      {"khong thoa dang", kObjection}, {"khong dung", kObjection}, 
      {"khoi phuc", kObjection}, {"dua lai", kObjection}, {"tai sao", kObjection},
      {"vi sao", kObjection}, {"khong dong tinh", kObjection}, {"de nghi giai thich", kObjection},
      // provinces and cities other than Hà Nội (after a location word, see below)
      {"nam dinh", kProvince}, {"thai binh", kProvince}, {"thanh hoa", kProvince},
      {"nghe an", kProvince}, {"ha tinh", kProvince}, {"bac ninh", kProvince},
      {"hung yen", kProvince}, {"hai duong", kProvince}, {"hai phong", kProvince},
      {"phu tho", kProvince}, {"vinh phuc", kProvince}, {"ninh binh", kProvince},
      {"ha nam", kProvince}, {"quang ninh", kProvince}, {"bac giang", kProvince},
      {"thai nguyen", kProvince}, {"lang son", kProvince}, {"da nang", kProvince},
      {"hue", kProvince}, {"quang nam", kProvince}, {"quang binh", kProvince},
      {"quang tri", kProvince}, {"quang ngai", kProvince}, {"tp hcm", kProvince},
      {"tphcm", kProvince}, {"hcm", kProvince}, {"sai gon", kProvince},
      {"ho chi minh", kProvince}, {"binh duong", kProvince}, {"dong nai", kProvince},
      {"can tho", kProvince}, {"lao cai", kProvince}, {"yen bai", kProvince},
      {"son la", kProvince}, {"hoa binh", kProvince}, {"tuyen quang", kProvince},
      {"dak lak", kProvince}, {"khanh hoa", kProvince}, {"nha trang", kProvince},
      {"gia lai", kProvince}, {"lam dong", kProvince}, {"da lat", kProvince},
      {"vung tau", kProvince}, {"cao bang", kProvince}, {"ha giang", kProvince},
      {"dien bien", kProvince}, {"lai chau", kProvince}, {"bac kan", kProvince},
      {"binh dinh", kProvince}, {"phu yen", kProvince}, {"kien giang", kProvince},
      {"an giang", kProvince}, {"ca mau", kProvince}, {"long an", kProvince},
      {"tien giang", kProvince}, {"ben tre", kProvince}, {"tay ninh", kProvince},
      {"vinh long", kProvince}, {"dong thap", kProvince}, {"soc trang", kProvince},
      {"bac lieu", kProvince}, {"tra vinh", kProvince}, {"hau giang", kProvince},
      {"binh phuoc", kProvince}, {"binh thuan", kProvince}, {"ninh thuan", kProvince},
      {"kon tum", kProvince}, {"dak nong", kProvince}, {"thanh hoa", kProvince},
  };
  return t;
}

struct Index {
  std::unordered_map<std::string, std::vector<Phrase>> by_first;
  Index() {
    for (const auto& [text, cue] : Table()) {
      Phrase p;
      p.cue = cue;
      std::string_view s(text);
      size_t pos = 0;
      while (pos < s.size()) {
        size_t sp = s.find(' ', pos);
        if (sp == std::string_view::npos) sp = s.size();
        p.words.emplace_back(s.substr(pos, sp - pos));
        pos = sp + 1;
      }
      by_first[p.words[0]].push_back(std::move(p));
    }
  }
};

// A location word shortly before a province name: "ở Nam Định", "quê Thanh Hóa", "tỉnh Bắc
// Ninh", "tại TP.HCM". "từ Nghệ An ra", "người Huế" and "biển Hải Phòng" are not places of
// the problem.
bool PlaceBefore(const std::vector<Token>& tk, size_t i) {
  for (size_t back = 1; back <= 3 && back <= i; ++back) {
    const std::string& f = tk[i - back].folded;
    if (f == "tu" || f == "nguoi" || f == "dan" || f == "bien" || f == "giong") return false;
    if (f == "o" || f == "tai" || f == "que" || f == "tinh" || f == "tp" || f == "huyen" ||
        f == "xa" || f == "thon" || f == "thi" || f == "kiet" || f == "hem") {
      return true;
    }
  }
  // "…, Cần Thơ" at the very end of the message.
  return false;
}

}  // namespace

std::string ScopeCues::Decided() const {
  if (other_province) return "ngoai_tham_quyen";
  if (to_cao) return "to_cao";
  if (ngoai) return "ngoai_tham_quyen";
  if (khieu_nai) return "khieu_nai";
  return "";
}

ScopeCues FindScopeCues(const NormalizedText& text) {
  static const Index index;
  bool has[kCount] = {false};
  const auto& tk = text.tokens;
  for (size_t i = 0; i < tk.size(); ++i) {
    auto it = index.by_first.find(tk[i].folded);
    if (it == index.by_first.end()) continue;
    for (const auto& p : it->second) {
      if (i + p.words.size() > tk.size()) continue;
      bool match = true;
      for (size_t k = 1; k < p.words.size() && match; ++k) match = tk[i + k].folded == p.words[k];
      if (!match) continue;
      if (p.cue == kProvince) {
        if (PlaceBefore(tk, i) || i + p.words.size() == tk.size()) has[kProvince] = true;
        continue;
      }
      has[p.cue] = true;
    }
  }
  ScopeCues c;
  c.other_province = has[kProvince];
  c.to_cao = has[kStrongViolation] || (has[kOfficial] && has[kViolation]);
  c.ngoai = (!has[kSpam] && ((has[kCompany] && !has[kUtility] && !has[kOfficial]) || has[kCivil])) ||
            (has[kCrime] && (has[kInvestigate] || has[kLoss]));
  c.khieu_nai = has[kDecision] && has[kObjection];
  return c;
}

}  // namespace wardline::triage
