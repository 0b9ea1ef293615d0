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
  kCrimeV,        // threats, extortion, assault, fraud: the writer being the victim suffices
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
  kMine,          // the writer's own: "nhà tôi", "của em", "mẹ tôi"
  kContrast,      // "nhưng", "trong khi": the writer's counter-argument
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
      {"gui phuong", kViolation, "gửi phường"}, {"nhan qua", kViolation, "nhận quà"},
      {"tui qua", kViolation, "túi quà"}, {"bao hanh", kCompany, "bảo hành"},
      {"hue", kProvince, "huế"},
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
      {"dia chinh", kOfficial}, {"doi xay dung", kOfficial}, {"can bo xay dung", kOfficial},
      {"doi quy tac", kOfficial}, {"thanh tra", kOfficial}, {"cong lap", kOfficial},
      {"nhan tui qua", kViolation}, {"nhan qua bieu", kViolation}, {"mot cua", kOfficial},
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
      {"phong bao", kViolation},
      {"bat tieu thuong nop", kViolation}, {"bat dan nop", kViolation},
      {"bat nguoi dan nop", kViolation}, {"bat phai nop", kViolation}, {"bat nop", kViolation},
      {"thu moi hoc sinh", kViolation}, {"thu moi ho", kViolation}, {"thu moi nha", kViolation},
      {"thu moi sap", kViolation}, {"thu moi xe", kViolation},
      {"thanh toan theo", kViolation}, {"nghiem thu", kViolation}, {"kem chat luong", kViolation},
      {"sai thiet ke", kViolation}, {"khong dung thiet ke", kViolation}, {"rut tien", kViolation},
      {"ghi tang", kViolation}, {"khai khong", kViolation}, {"nop len mot nua", kViolation},
      {"chi nop", kViolation}, {"dung ten mua", kViolation}, {"gia re bat thuong", kViolation},
      {"da biet ten toi", kViolation}, {"biet ten toi", kViolation}, {"dua don cua toi", kViolation},
      {"lo don", kViolation}, {"thi thoi", kViolation}, {"lo di", kViolation},
      {"tham nhung", kStrongViolation}, {"rut ruot", kStrongViolation},
      // private companies
      {"fpt", kCompany},
      {"viettel", kCompany}, {"vnpt", kCompany}, {"mobifone", kCompany}, {"vinaphone", kCompany},
      {"shopee", kCompany}, {"lazada", kCompany}, {"tiki", kCompany}, {"shop online", kCompany},
      {"mua hang online", kCompany}, 
      {"phong kham tu", kCompany}, 
      {"benh vien tu", kCompany},
      {"chu nha cho thue", kCompany}, {"cong ty bao hiem", kCompany},
      {"bao hiem nhan tho", kCompany}, {"vi dien tu", kCompany}, {"app vay", kCompany},
      {"cong ty tai chinh", kCompany}, {"no luong", kCompany},
      
      {"trung tam tieng anh", kCompany}, {"ngan hang tu", kCompany},
      {"ngan hang tru", kCompany}, {"the tin dung", kCompany}, {"tai khoan ngan hang", kCompany},
      {"mang internet", kCompany}, {"rot mang", kCompany}, {"mat mang", kCompany},
      {"wifi", kCompany}, {"truong tu thuc thu", kCompany},
      {"tranh chap thua ke", kCivil}, {"chia thua ke", kCivil}, {"chia tai san", kCivil},
      {"chia di san", kCivil}, {"giai ngan", kSpam}, {"quang cao", kSpam}, {"to roi", kSpam},
      {"bang ron", kSpam}, {"tham dinh", kSpam}, {"inbox", kSpam}, {"cap nuoc", kUtility}, {"cap mang", kUtility},
      {"day cap", kUtility}, {"day dien", kUtility}, {"cot dien", kUtility}, {"doi tra", kCompany},
      {"hoan tien", kCompany}, {"hang gia", kCompany}, {"cong ty du lich", kCompany}, 
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
      {"kien cong ty", kCivil}, {"ung truoc", kCivil},
      {"khong chiu doi", kCompany}, {"tu nhan", kCompany}, {"vay nong", kCivil},
      {"doi no", kCivil}, {"the tap", kCompany}, {"chu nha tro khong tra", kCivil}, {"chu tro tang", kCivil},
      {"chu nha tang gia", kCivil}, {"duoi ra khoi phong", kCivil}, {"cam do giu", kCivil},
      {"lai cat co", kCivil}, {"chu dau tu cham", kCivil}, {"cham ban giao", kCivil}, {"khong chiu bao hanh", kCompany},
      {"ban cho toi", kCompany}, {"mua bao hiem", kCompany},
      {"mang vnpt", kCompany}, {"kien nhau", kCivil},
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
      {"gui don len", kHowTo}, {"phuong hay quan", kHowTo}, {"thoi han la bao lau", kHowTo},
      {"gui don o", kHowTo}, {"can ghi ten", kHowTo}, {"ghi ten that", kHowTo},
      {"muon khieu nai", kGeneric}, {"muon to cao", kGeneric}, {"neu khong dong y", kGeneric},
      {"cho hoi neu", kGeneric}, {"bao nhieu ngay", kHowTo}, {"thi duoc khieu nai", kHowTo},
      {"nhung", kContrast}, {"trong khi", kContrast}, {"du da", kContrast},
      {"cua toi", kMine}, {"nha toi", kMine}, {"nha em", kMine}, {"cua em", kMine},
      {"nha minh", kMine}, {"cua minh", kMine}, {"me toi", kMine}, {"bo toi", kMine},
      {"con toi", kMine}, {"me em", kMine}, {"bo em", kMine}, {"gia dinh toi", kMine},
      {"mot quyet dinh", kGeneric}, {"mot can bo", kGeneric}, {"nguoi dan muon", kGeneric},
      {"de biet thoi", kGeneric}, {"hoi de biet", kGeneric}, {"hoi cho biet", kGeneric},
      // crimes against the writer
      {"bi lua", kCrimeV}, {"lua dao", kCrimeV}, {"lua dat", kCrime}, {"bi cuop", kCrime},
      {"cuop giat", kCrime}, {"bi danh", kCrimeV}, {"danh trong thuong", kCrimeV},
      {"de doa", kCrimeV}, {"tong tien", kCrimeV}, {"bi trom", kCrime}, {"mao danh", kCrime},
      {"gia danh", kCrime}, {"hack", kCrime}, {"anh nong", kCrimeV}, {"anh nhay cam", kCrimeV},
      {"hanh hung", kCrimeV}, {"giat dien thoai", kCrime}, {"bi giat", kCrime},
      {"giat tui", kCrime}, {"duong link la", kCrime}, {"link la", kCrime},
      {"thu pham", kInvestigate},
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
      {"dung chi tra", kDecision}, {"dung tro cap", kDecision}, {"ngung tro cap", kDecision},
      {"ngung chi tra", kDecision}, {"rut ten", kDecision}, {"khong cho ban", kDecision},
      {"giu quay", kDecision}, {"dinh chi hoc", kDecision}, {"ky luat", kDecision}, {"ra khoi danh sach", kDecision}, {"xoa ten", kDecision},
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
      {"quang nam", kProvince}, {"quang binh", kProvince},
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
  // "đưa 5 triệu", "nộp 300 nghìn mới", "đút 2tr": a payment of a sum.
  for (size_t i = 0; i + 2 < tk.size(); ++i) {
    const std::string& f = tk[i].folded;
    if ((f == "dua" || f == "dut" || f == "lo") && tk[i + 1].is_number) {
      const std::string& u = tk[i + 2].folded;
      if (u == "trieu" || u == "tr" || u == "nghin" || u == "ngan" || u == "k" || u == "cu") {
        has[kViolation] = true;
        c.matched.push_back("dua <so tien>");
      }
    }
  }
  // "khống" (fictitious: ký khống, chi khống) only when written with its diacritics: folded it
  // is also "không".
  for (size_t i = 0; i < tk.size(); ++i) {
    if (tk[i].text == "khống" && !(i + 1 < tk.size() && tk[i + 1].folded == "che")) {  // khống chế
      has[kViolation] = true;
      c.matched.push_back("khống");
    }
  }
  c.other_province = has[kProvince];
  c.to_cao = has[kStrongViolation] || (has[kOfficial] && has[kViolation]);
  c.ngoai = (!has[kSpam] && !has[kUtility] && ((has[kCompany] && !has[kOfficial]) || has[kCivil])) ||
            ((has[kCrime] || has[kCrimeV]) && (has[kInvestigate] || has[kLoss])) ||
            (has[kCrimeV] && has[kVictim] && !has[kPatrol]);
  // A decision against the writer ("tôi bị phường loại khỏi danh sách") with a counter-argument
  // ("nhưng giấy giám định ghi ...") contests it even without "không đồng ý".
  c.khieu_nai = has[kDecision] && (has[kObjection] || (has[kVictim] && has[kContrast]));
  // A general question about how or where to file a complaint or a denunciation is an ordinary
  // question (hanh_chinh), not a complaint or a denunciation.
  if (has[kHowTo] && has[kGeneric] && !has[kMine] && !has[kVictim]) {
    c.to_cao = c.to_cao && has[kStrongViolation] && false;
    c.khieu_nai = false;
  }
  if (has[kHowTo] && !has[kStrongViolation] && !has[kVictim] && has[kGeneric]) c.ngoai = false;
  return c;
}

}  // namespace wardline::triage
