#include "triage/scope_rules.h"

#include <string_view>
#include <tuple>
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
  kVictim,        // the writer (or family) suffered it: "tôi bị", "nhà em bị"
  kPatrol,        // asks for patrols: recurring insecurity is an ordinary report
  kHowTo,         // a question about how or where to file
  kGeneric,       // "một quyết định", "người dân muốn": not the writer's own case
  kCount
};

struct Phrase {
  std::vector<std::string> words;
  Cue cue;
  const char* text;
  std::vector<std::string> accented;  // when set: the words must be written with these marks
};

// Phrases whose folded form is also an everyday phrase ("bảo kê" / "bảo 'kệ'", "bản án" /
// "bàn ăn", "vay tôi" / "vậy tôi"): they count only when written with their diacritics.
const std::vector<std::tuple<const char*, Cue, const char*>>& AccentedTable() {
  static const std::vector<std::tuple<const char*, Cue, const char*>> t = {
      {"bao ke", kStrongViolation, "bảo kê"}, {"ban an", kCivil, "bản án"},
      {"vay toi", kCivil, "vay tôi"}, {"vay em", kCivil, "vay em"}, {"vay nha", kCivil, "vay nhà"},
      {"vay minh", kCivil, "vay mình"}, {"da lo", kViolation, "đã lo"},
      {"gui phuong", kViolation, "gửi phường"},
  };
  return t;
}

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
      {"nhan hoi lo", kStrongViolation},
      {"ky nhan khong", kStrongViolation}, {"voi vinh", kStrongViolation},
      {"dut lot", kStrongViolation}, {"chung chi", kStrongViolation},
      // paid to look away / fees above the rule / favours
      {"gui cong an", kViolation}, {"gui can bo", kViolation},
      {"lo cho phuong", kViolation}, {"lo cho can bo", kViolation}, {"lo cho cong an", kViolation},
      {"dut tien", kViolation}, {"dua them", kViolation},
      {"bat dua", kViolation}, {"khong xuat bien lai", kViolation},
      {"khong xuat hoa don", kViolation}, {"khong co phieu thu", kViolation},
      {"lan muc", kViolation}, {"vuot muc", kViolation}, {"muc thanh pho quy dinh", kViolation},
      {"cho ho hang", kViolation}, {"cho nguoi nha", kViolation}, {"cho nguoi quen", kViolation},
      {"ho hang cua", kViolation}, {"giu the atm", kViolation}, {"giu the", kViolation},
      {"tru tien", kViolation}, {"moi thang tru", kViolation}, {"tien lam nhanh", kViolation},
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
      {"wifi", kCompany}, {"truong tu thuc thu", kCompany},
      {"tranh chap thua ke", kCivil}, {"chia thua ke", kCivil}, {"chia tai san", kCivil},
      {"chia di san", kCivil}, {"giai ngan", kSpam}, {"quang cao", kSpam}, {"to roi", kSpam},
      {"bang ron", kSpam}, {"tham dinh", kSpam}, {"inbox", kSpam}, {"cap nuoc", kUtility}, {"cap mang", kUtility},
      {"day cap", kUtility}, {"day dien", kUtility}, {"cot dien", kUtility}, {"bao hanh", kCompany}, {"doi tra", kCompany},
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
      {"hop dong mua ban", kCivil}, {"gop von", kCivil}, {"choi ho", kCivil},
      {"gop ho", kCivil}, {"vay cua", kCivil}, {"muon tien", kCivil},
      {"tra lai tien", kCivil}, {"hoa giai khong thanh", kCivil}, {"tra no", kCivil},

      {"cach kien", kCivil}, {"kien ben", kCivil}, {"muon kien", kCivil},
      {"kien cong ty", kCivil}, {"ung truoc", kCivil}, {"noi that", kCompany},
      {"toi bi", kVictim}, {"em bi", kVictim}, {"minh bi", kVictim}, {"nha toi bi", kVictim},
      {"nha em bi", kVictim}, {"nha minh bi", kVictim}, {"me toi bi", kVictim},
      {"bo toi bi", kVictim}, {"con toi bi", kVictim}, {"me em bi", kVictim},
      {"bo em bi", kVictim}, {"con em bi", kVictim}, {"vo toi bi", kVictim},
      {"chong toi bi", kVictim},
      {"tuan tra", kPatrol}, {"tang cuong", kPatrol}, {"chot gac", kPatrol},
      {"nop don o dau", kHowTo}, {"gui don o dau", kHowTo}, {"gui don den dau", kHowTo},
      {"nop don den dau", kHowTo}, {"nop o dau", kHowTo}, {"gui den dau", kHowTo},
      {"thoi han bao lau", kHowTo}, {"thu tuc", kHowTo}, {"co duoc giu bi mat", kHowTo},
      {"giu bi mat danh tinh khong", kHowTo}, {"lam the nao de", kHowTo},
      {"mot quyet dinh", kGeneric}, {"mot can bo", kGeneric}, {"nguoi dan muon", kGeneric},
      {"de biet thoi", kGeneric}, {"hoi de biet", kGeneric}, {"hoi cho biet", kGeneric},
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
      {"huy bien ban", kObjection}, {"de nghi huy", kObjection}, {"can cu", kObjection},
      {"tra lai tai san", kObjection}, {"tra lai hang", kObjection}, {"tra lai xe", kObjection},
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
      p.text = text;
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
    for (const auto& [text, cue, acc] : AccentedTable()) {
      Phrase p;
      p.cue = cue;
      p.text = text;
      for (auto* v : {&p.words, &p.accented}) {
        std::string_view s(v == &p.words ? text : acc);
        size_t pos = 0;
        while (pos < s.size()) {
          size_t sp = s.find(' ', pos);
          if (sp == std::string_view::npos) sp = s.size();
          v->emplace_back(s.substr(pos, sp - pos));
          pos = sp + 1;
        }
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
    // "từ Nghệ An ra", "người Huế", "biển Hải Phòng", and streets named after provinces
    // ("phố Nam Định", "kiệt 56 Điện Biên Phủ").
    if (f == "tu" || f == "nguoi" || f == "dan" || f == "bien" || f == "giong" || f == "pho" ||
        f == "duong" || f == "kiet" || f == "hem" || f == "ngo" || f == "ngach" ||
        tk[i - back].is_number) {
      return false;
    }
    if (f == "o" || f == "tai" || f == "que" || f == "tinh" || f == "tp" || f == "huyen" ||
        f == "xa" || f == "thon" || f == "thi") {
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
  ScopeCues c;
  const auto& tk = text.tokens;
  for (size_t i = 0; i < tk.size(); ++i) {
    auto it = index.by_first.find(tk[i].folded);
    if (it == index.by_first.end()) continue;
    for (const auto& p : it->second) {
      if (i + p.words.size() > tk.size()) continue;
      bool match = true;
      for (size_t k = 1; k < p.words.size() && match; ++k) match = tk[i + k].folded == p.words[k];
      if (!match) continue;
      if (!p.accented.empty()) {
        bool same = p.accented.size() == p.words.size();
        for (size_t k = 0; k < p.words.size() && same; ++k) same = tk[i + k].text == p.accented[k];
        if (!same) continue;
      }
      // "Kính gửi Công an phường", "đơn gửi cán bộ": a salutation or an address, not a payment.
      if (p.words[0] == "gui" && i > 0 &&
          (tk[i - 1].folded == "kinh" || tk[i - 1].folded == "don" || tk[i - 1].folded == "thu")) {
        continue;
      }
      if (p.cue == kProvince) {
        const bool street_after = i + p.words.size() < tk.size() &&
                                  tk[i + p.words.size()].folded == "phu";  // Điện Biên Phủ
        const bool at_end = i + p.words.size() == tk.size() && i > 0 &&
                            !(tk[i - 1].is_number || tk[i - 1].folded == "pho" ||
                              tk[i - 1].folded == "duong" || tk[i - 1].folded == "kiet");
        if (!street_after && (PlaceBefore(tk, i) || at_end)) {
          has[kProvince] = true;
          c.matched.push_back(p.text);
        }
        continue;
      }
      has[p.cue] = true;
      c.matched.push_back(p.text);
    }
  }
  // "khống" (fictitious: ký khống, chi khống) only when written with its diacritics: folded it
  // is also "không".
  for (const auto& t : tk) {
    if (t.text == "khống") has[kViolation] = true;
  }
  c.other_province = has[kProvince];
  c.to_cao = has[kStrongViolation] || (has[kOfficial] && has[kViolation]);
  c.ngoai = (!has[kSpam] && ((has[kCompany] && !has[kUtility] && !has[kOfficial]) || has[kCivil])) ||
            (has[kCrime] && (has[kInvestigate] || has[kLoss] || (has[kVictim] && !has[kPatrol])));
  c.khieu_nai = has[kDecision] && has[kObjection];
  // A general question about how or where to file a complaint or a denunciation is an ordinary
  // question (hanh_chinh), not a complaint or a denunciation.
  if (has[kHowTo] && has[kGeneric]) c.to_cao = c.khieu_nai = false;
  if (has[kHowTo] && !has[kStrongViolation] && !has[kVictim] && has[kGeneric]) c.ngoai = false;
  return c;
}

}  // namespace wardline::triage
