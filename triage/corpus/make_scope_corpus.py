#!/usr/bin/python3
"""Writes the scope training corpus (triage/corpus/scope_*.jsonl) from hand-written fragments.

Every fragment below was written for this corpus (none comes from the dev sets). Messages are
composed from an opening, the substance (who did what to whom, where, when) and a request, in
the registers residents use: formal petitions ("Kính gửi UBND phường ..."), Zalo chat, Facebook
comments, with and without diacritics and with chat abbreviations. Label definitions:
shared/data/categories.md ("Scope gate").

Deterministic (fixed seed): `python3 triage/corpus/make_scope_corpus.py` rewrites the files.
"""
import json
import os
import random
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(20250701)

WARDS = ["Cát Linh", "Văn Miếu", "Quốc Tử Giám", "Hàng Bột", "Láng Thượng", "Khâm Thiên",
         "Thổ Quan", "Nam Đồng", "Trung Phụng", "Quang Trung", "Trung Liệt", "Phương Liên",
         "Thịnh Quang", "Trung Tự", "Kim Liên", "Phương Mai", "Ngã Tư Sở", "Khương Thượng",
         "Ô Chợ Dừa", "Láng Hạ", "Văn Chương"]
STREETS = ["Tôn Đức Thắng", "Xã Đàn", "Đê La Thành", "Hoàng Cầu", "Thái Hà", "Tây Sơn",
           "Chùa Bộc", "Phạm Ngọc Thạch", "Lê Duẩn", "Giải Phóng", "Trường Chinh", "Láng",
           "Nguyễn Chí Thanh", "Huỳnh Thúc Kháng", "Khâm Thiên", "Nguyễn Lương Bằng", "Hào Nam",
           "Vũ Thạnh", "Ô Chợ Dừa", "Trần Quang Diệu", "Đặng Tiến Đông", "Yên Lãng", "Thịnh Hào",
           "Văn Chương", "Hồ Giám", "Quốc Tử Giám", "Cát Linh", "Hàng Cháo", "Lương Định Của",
           "Kim Hoa", "Đào Duy Anh", "Tôn Thất Tùng", "Đông Tác", "Phương Mai", "Lê Trọng Tấn",
           "Nguyễn Trãi", "Vĩnh Hồ", "Thái Thịnh", "Pháo Đài Láng", "Chùa Láng", "Nguyên Hồng"]
PROVINCES = ["Nam Định", "Thái Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Bắc Ninh", "Hưng Yên",
             "Hải Dương", "Hải Phòng", "Phú Thọ", "Vĩnh Phúc", "Ninh Bình", "Hà Nam", "Quảng Ninh",
             "Bắc Giang", "Thái Nguyên", "Lạng Sơn", "Đà Nẵng", "Huế", "Quảng Nam", "Quảng Bình",
             "TP.HCM", "Sài Gòn", "Bình Dương", "Đồng Nai", "Cần Thơ", "Lào Cai", "Yên Bái",
             "Sơn La", "Hòa Bình", "Tuyên Quang", "Đắk Lắk", "Khánh Hòa", "Gia Lai"]
NAMES = ["Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Minh Tuấn", "Phạm Thị Hoa", "Hoàng Văn Nam",
         "Đỗ Thị Mai", "Vũ Đức Thắng", "Bùi Thị Hạnh", "Đặng Quốc Việt", "Ngô Thị Thu"]


def pick(xs):
    return R.choice(xs)


def ngo():
    return pick(["ngõ", "ngách", "ngõ", "hẻm"]) + " " + str(R.randint(2, 220))


def place():
    return pick([f"{ngo()} {pick(STREETS)}", f"phố {pick(STREETS)}", f"đường {pick(STREETS)}",
                 f"số {R.randint(1, 120)} {ngo()} {pick(STREETS)}",
                 f"tập thể {pick(['Kim Liên', 'Trung Tự', 'Khương Thượng', 'Nam Đồng', 'Văn Chương'])}",
                 f"tổ dân phố số {R.randint(1, 40)}"])


def date():
    return pick([f"ngày {R.randint(1, 28)}/{R.randint(1, 12)}", f"ngày {R.randint(1, 28)}/{R.randint(1, 12)}/2025",
                 "tuần trước", "hôm qua", "đầu tháng này", "tháng trước", "sáng thứ hai vừa rồi",
                 "cách đây 2 tuần", "hôm 15 vừa rồi"])


def money():
    return pick(["200 nghìn", "500 nghìn", "1 triệu", "2 triệu", "3 triệu rưỡi", "5 triệu",
                 "300k", "500k", "1tr", "2tr", "800 nghìn", "10 triệu", "50 triệu"])


# ---- khiếu nại: contests a specific administrative decision affecting the writer -----------

KN_DECISIONS = [
    # (what was decided, who decided)
    ("quyết định xử phạt {m} vì lấn chiếm vỉa hè", ["đội trật tự đô thị phường", "UBND phường", "phường"]),
    ("biên bản xử phạt {m} vì để xe trên vỉa hè trước cửa nhà", ["tổ trật tự phường", "phường", "công an phường"]),
    ("quyết định phạt {m} vì xây dựng sai phép", ["UBND phường", "phường", "thanh tra xây dựng"]),
    ("quyết định phạt {m} về vệ sinh môi trường vì để rác không đúng giờ", ["UBND phường", "phường"]),
    ("quyết định phạt {m} vì hát karaoke gây ồn", ["công an phường", "UBND phường"]),
    ("biên bản phạt nguội {m} vượt đèn đỏ mà hôm đó xe tôi nằm trong gara", ["cảnh sát giao thông", "CSGT", "phòng CSGT"]),
    ("quyết định tạm giữ xe máy 7 ngày", ["cảnh sát giao thông", "công an phường", "CSGT"]),
    ("việc từ chối đăng ký thường trú cho vợ con tôi", ["công an phường", "phường"]),
    ("việc không cho đăng ký tạm trú tại nhà thuê", ["công an phường", "công an khu vực"]),
    ("việc từ chối chứng thực hợp đồng mua bán nhà", ["bộ phận một cửa phường", "UBND phường", "tư pháp phường"]),
    ("việc từ chối cấp giấy xác nhận tình trạng hôn nhân", ["tư pháp phường", "UBND phường", "phường"]),
    ("việc từ chối đăng ký khai sinh cho con tôi vì bố mẹ chưa đăng ký kết hôn", ["phường", "tư pháp hộ tịch phường"]),
    ("việc không xác nhận nguồn gốc đất để làm sổ đỏ", ["UBND phường", "địa chính phường", "phường"]),
    ("văn bản từ chối cấp phép sửa chữa nhà", ["UBND phường", "phường"]),
    ("phương án bồi thường giải phóng mặt bằng chỉ tính {m} một mét vuông", ["hội đồng bồi thường", "UBND quận", "ban giải phóng mặt bằng"]),
    ("quyết định thu hồi đất mở đường mà không bố trí tái định cư", ["UBND quận", "UBND thành phố", "ban giải phóng mặt bằng"]),
    ("quyết định cưỡng chế phá dỡ phần mái che trước nhà", ["UBND phường", "phường", "đội trật tự"]),
    ("thông báo buộc tháo dỡ tum tầng 4 trong 10 ngày", ["UBND phường", "phường"]),
    ("việc tịch thu hàng hóa và xe đẩy bán hàng của tôi", ["đội trật tự đô thị", "tổ công tác phường", "trật tự phường"]),
    ("quyết định cắt trợ cấp bảo trợ xã hội của mẹ tôi", ["phường", "cán bộ lao động thương binh xã hội phường", "UBND phường"]),
    ("việc đưa gia đình tôi ra khỏi danh sách hộ nghèo", ["phường", "ban chỉ đạo giảm nghèo phường", "UBND phường"]),
    ("việc dừng chi trả trợ cấp người khuyết tật cho con tôi", ["phường", "UBND phường"]),
    ("quyết định đình chỉ hoạt động quán ăn của gia đình tôi", ["UBND phường", "phường", "đoàn kiểm tra liên ngành"]),
    ("quyết định niêm phong cửa hàng", ["đoàn kiểm tra phường", "UBND phường"]),
    ("việc không nhận con tôi vào lớp 1 dù đúng tuyến cư trú", ["trường tiểu học", "trường", "phòng giáo dục quận"]),
    ("việc nhà trường buộc con tôi chuyển trường", ["trường trung học cơ sở", "ban giám hiệu nhà trường"]),
    ("thông báo thu hồi ki-ốt số {k} của gia đình tôi", ["ban quản lý chợ", "ban quản lý chợ Kim Liên", "ban quản lý chợ Thành Công"]),
    ("việc không gia hạn hợp đồng thuê sạp ở chợ", ["ban quản lý chợ", "ban quản lý chợ phường"]),
    ("thông báo nộp thuế đất phi nông nghiệp tính sai diện tích", ["chi cục thuế", "phường", "UBND phường"]),
    ("việc phường không xét tặng danh hiệu gia đình văn hóa vì lý do không đúng", ["phường", "tổ dân phố và phường"]),
    ("quyết định không công nhận tôi là người có công", ["phường", "UBND quận"]),
    ("việc từ chối cấp giấy xác nhận cư trú để con đi học", ["công an phường", "công an khu vực"]),
    ("việc xóa đăng ký thường trú của tôi khi tôi vẫn ở đó", ["công an phường", "công an quận"]),
    ("quyết định xử phạt {m} vì kinh doanh không có giấy phép", ["UBND phường", "phường"]),
    ("việc không cấp giấy chứng nhận hộ cận nghèo", ["phường", "UBND phường"]),
    ("quyết định thu hồi giấy phép kinh doanh hộ cá thể", ["phòng kinh tế quận", "UBND quận"]),
]
KN_REASONS = [
    "với lý do {r}", "lý do đưa ra là {r}", "họ bảo là {r}", "cán bộ giải thích là {r}", "viện lý do {r}",
]
KN_R = ["hồ sơ không hợp lệ", "nhà đang có tranh chấp", "chưa đủ điều kiện", "đất chưa có giấy tờ",
        "vi phạm lần hai", "thiếu xác nhận của tổ dân phố", "diện tích không đủ", "không đúng quy định",
        "thu nhập vượt chuẩn", "đã được hưởng chế độ khác", "không có mặt tại địa phương"]
KN_OBJECTIONS = [
    "Tôi không đồng ý với quyết định này", "Gia đình tôi không đồng tình", "Tôi thấy quyết định này không đúng",
    "như vậy là không thỏa đáng", "tôi không chấp nhận", "việc này làm ảnh hưởng quyền lợi của gia đình tôi",
    "trong khi tôi có đầy đủ giấy tờ chứng minh", "trong khi hồ sơ của tôi đầy đủ như hàng xóm đã được duyệt",
    "mức phạt quá nặng so với vi phạm", "hôm đó tôi không hề vi phạm", "tôi đã làm đúng hướng dẫn của cán bộ",
    "nhà tôi đã ở ổn định từ năm 1990", "mẹ tôi 80 tuổi không có thu nhập", "gia đình tôi vẫn rất khó khăn",
    "quyết định không nêu rõ căn cứ", "tôi chưa hề nhận được biên bản",
]
KN_ASKS = [
    "Đề nghị phường xem xét lại", "Kính đề nghị xem xét giải quyết khiếu nại", "Tôi làm đơn khiếu nại quyết định trên",
    "mong được xem xét hủy quyết định", "đề nghị trả lời bằng văn bản", "xin hỏi tôi phải làm đơn khiếu nại gửi ai",
    "nhờ phường xem lại giúp", "đề nghị giải quyết để đảm bảo quyền lợi cho gia đình tôi",
    "tôi muốn khiếu nại thì làm thế nào", "đề nghị cấp trên xem xét", "mong được đối thoại trực tiếp",
    "yêu cầu phường trả lại hàng cho tôi", "đề nghị khôi phục trợ cấp", "đề nghị đưa gia đình tôi vào lại danh sách",
]
KN_OPEN = [
    "Kính gửi UBND phường {w}.", "Kính gửi Chủ tịch UBND phường {w},", "Kính gửi lãnh đạo phường,",
    "Tôi là {n}, trú tại {p}.", "Phường ơi cho em hỏi,", "Ad ơi,", "Em chào phường ạ,", "", "", "",
    "Bức xúc quá,", "Mình muốn phản ánh việc này:", "Tôi xin tố cáo việc", "Cho hỏi",
]


def khieu_nai():
    dec, who_list = pick(KN_DECISIONS)
    dec = dec.format(m=money(), k=R.randint(1, 80))
    who = pick(who_list)
    opening = pick(KN_OPEN).format(w=pick(WARDS), n=pick(NAMES), p=place())
    forms = [
        f"{opening} {date()} {who} ra {dec} {pick(KN_REASONS).format(r=pick(KN_R))}. {pick(KN_OBJECTIONS)}. {pick(KN_ASKS)}.",
        f"{opening} Tôi khiếu nại {dec} của {who} {date()}. {pick(KN_OBJECTIONS)}, {pick(KN_ASKS).lower()}.",
        f"{opening} nhà em bị {who} {dec.replace('quyết định ', 'ra quyết định ').replace('việc ', '')} {pick(KN_REASONS).format(r=pick(KN_R))}, {pick(KN_OBJECTIONS).lower()}, {pick(KN_ASKS).lower()}",
        f"{opening} {who} có {dec} {date()}. {pick(KN_OBJECTIONS)}. {pick(KN_ASKS)} ạ",
        f"{opening} về {dec} do {who} ban hành: {pick(KN_OBJECTIONS).lower()} vì {pick(KN_OBJECTIONS).lower()}. {pick(KN_ASKS)}.",
    ]
    return pick(forms)


KN_HAND = [
    "Tôi bị phạt 4 triệu vì để biển quảng cáo trước cửa hàng, trong khi cả dãy phố ai cũng để. Tôi không phục quyết định phạt này, đề nghị phường xem lại",
    "sao phường lại gạch tên nhà em khỏi danh sách hộ cận nghèo, chồng em mất việc nửa năm nay, em không đồng ý",
    "Phường từ chối xác nhận đơn xin hỗ trợ nhà ở của tôi mà không nói lý do. Tôi đề nghị phường trả lời bằng văn bản vì sao từ chối",
    "Kính gửi UBND phường. Gia đình tôi nhận được quyết định cưỡng chế tháo dỡ mái tôn phía sau nhà, phần này xây từ năm 1995 trước khi có quy hoạch. Chúng tôi khiếu nại quyết định cưỡng chế này.",
    "CSGT giữ xe của em 10 ngày vì không mang giấy tờ, em đã mang đến trình sau đó 1 tiếng mà vẫn bị giữ. Em muốn khiếu nại thì nộp đơn ở đâu",
    "mẹ tôi 85 tuổi bị cắt tiền trợ cấp người cao tuổi từ tháng 3 mà không có thông báo gì, đề nghị phường giải thích và chi trả lại",
    "ban quản lý chợ ra thông báo chấm dứt hợp đồng sạp rau của tôi trước thời hạn, tôi đã đóng tiền đủ đến hết năm. Tôi không đồng ý",
    "Trường tiểu học không nhận hồ sơ lớp 1 của con tôi vì hộ khẩu mới nhập 6 tháng, trong khi quy định không yêu cầu như vậy. Đề nghị xem xét lại",
    "công an phường không cho em nhập hộ khẩu vào nhà bố mẹ đẻ, bảo là diện tích không đủ 15m2 một người, nhà em 60m2 có 3 người thôi ạ",
    "tiền bồi thường đất của gia đình tôi thấp hơn nhà bên cạnh gần một nửa dù cùng vị trí mặt ngõ, tôi khiếu nại phương án bồi thường",
    "phuong tich thu xe ba gac cua bo toi ma khong lap bien ban, gio hoi thi bao len quan, toi muon khieu nai viec nay",
    "bi phat 2tr vi do rac sai gio trong khi toi co camera chung minh khong phai nha toi, de nghi phuong huy quyet dinh phat",
    "Quán cà phê nhà tôi bị đình chỉ 3 tháng vì lý do phòng cháy chữa cháy, nhưng tôi đã lắp đủ bình chữa cháy theo biên bản lần trước. Tôi đề nghị xem xét lại quyết định.",
    "Hồ sơ xin cấp phép xây nhà của tôi bị trả về lần thứ ba với lý do khác nhau mỗi lần, lần này là không phù hợp quy hoạch trong khi nhà hàng xóm vừa được cấp. Tôi khiếu nại văn bản trả hồ sơ",
    "e bi xoa ten khoi danh sach nhan ho tro mat viec vi ly do da co viec lam, nhung cong ty e pha san tu thang 4, e khong dong y",
    "nhà tôi bị tính phí vệ sinh môi trường theo mức hộ kinh doanh trong khi tôi đã đóng cửa hàng từ đầu năm, phường vẫn ra thông báo thu, tôi không chấp nhận thông báo đó",
    "Bố tôi là thương binh, hồ sơ đề nghị điều chỉnh trợ cấp bị phường trả lại với lý do thiếu giấy tờ gốc đã bị cháy. Tôi đề nghị phường xem xét cho dùng bản xác nhận thay thế",
    "phường ra quyết định phạt nhà mình vì nuôi chó thả rông, nhưng con chó trong ảnh không phải chó nhà mình, mình muốn khiếu nại",
    "Tôi nhận quyết định buộc khôi phục hiện trạng phần ban công, nhưng ban công này có trong giấy phép xây dựng năm 2012. Đề nghị hủy quyết định",
    "Đội trật tự thu giữ bàn ghế quán nước của tôi từ tuần trước, không lập biên bản, hỏi thì bảo nộp phạt mới trả. Tôi khiếu nại việc thu giữ này",
]

# ---- tố cáo: denounces a violation by an official / public body / ward contractor ----------

TC_ACTORS = ["cán bộ địa chính phường", "anh cán bộ địa chính", "công an khu vực", "cảnh sát khu vực",
             "tổ trưởng tổ dân phố", "bà tổ trưởng dân phố", "trưởng ban quản lý chợ", "ban quản lý chợ",
             "hiệu trưởng trường tiểu học", "cô hiệu phó trường mầm non công lập", "đội trật tự đô thị phường",
             "mấy anh trật tự phường", "cán bộ văn hóa xã hội phường", "kế toán phường", "phó chủ tịch phường",
             "cán bộ tư pháp phường", "đơn vị thi công cải tạo vỉa hè cho phường", "nhà thầu làm đường ống thoát nước",
             "hợp tác xã vệ sinh môi trường thu gom rác", "công nhân của công ty môi trường đô thị",
             "cán bộ một cửa phường", "cán bộ xây dựng phường", "trưởng khu dân cư", "dân phòng phường",
             "cán bộ lao động thương binh xã hội phường", "chủ tịch hội cựu chiến binh phường", "cán bộ thuế phường"]
TC_ACTS = [
    "nhận tiền của chủ công trình để làm ngơ cho xây vượt tầng",
    "nhận phong bì rồi không lập biên bản quán lấn chiếm",
    "thu tiền {m} mỗi hộ gọi là phí an ninh mà không có biên lai",
    "thu tiền {m} của các hộ kinh doanh hàng tháng để cho bày hàng ra vỉa hè",
    "vòi {m} mới chịu ký xác nhận hồ sơ",
    "gợi ý tôi đưa {m} để hồ sơ được giải quyết nhanh",
    "ăn chặn tiền hỗ trợ của hộ nghèo trong tổ",
    "ăn bớt quà Tết của người có công",
    "lập danh sách khống để nhận tiền hỗ trợ",
    "tự ý thu quỹ khuyến học rồi không công khai chi tiêu",
    "biển thủ tiền quỹ tổ dân phố hơn {m}",
    "làm giả chữ ký của các hộ để hợp thức hóa biên bản họp",
    "làm giả giấy xác nhận cư trú để bán cho người ngoài",
    "dùng xe công đi việc riêng, chở hàng nhà mình",
    "cho người nhà thuê nhà văn hóa tổ dân phố để kinh doanh thu tiền riêng",
    "bớt xén xi măng, đổ bê tông mỏng hơn thiết kế",
    "thay gạch tốt bằng gạch kém chất lượng rồi nghiệm thu khống",
    "thu phí gom rác cao hơn mức quy định và không đưa biên lai",
    "tiết lộ tên người tố cáo cho chủ quán biết",
    "đưa thông tin cá nhân của tôi cho người bị tôi phản ánh",
    "bắt phụ huynh nộp {m} tiền tự nguyện không có trong quy định",
    "thu tiền học thêm bắt buộc trong trường",
    "nhận tiền để xếp ki-ốt đẹp cho người quen",
    "bán suất ki-ốt trong chợ cho người ngoài với giá {m}",
    "bao che cho cơ sở xả thải vì được chia tiền hàng tháng",
    "nhận hối lộ để không xử lý xe quá tải chạy trong ngõ",
    "ép dân ký giấy đồng ý hiến đất rồi báo cáo sai lên quận",
    "ký xác nhận sai nguồn gốc đất cho người quen để được cấp sổ đỏ",
    "sử dụng đất công ở đầu ngõ làm bãi trông xe thu tiền riêng",
    "đòi {m} tiền cà phê mới cho đăng ký tạm trú",
]
TC_EVIDENCE = ["Tôi có ghi âm cuộc nói chuyện", "nhiều hộ trong ngõ đều biết", "tôi có ảnh chụp", "có cả clip",
               "việc này diễn ra nhiều tháng nay", "tôi có giữ tin nhắn zalo", "hàng xóm làm chứng được",
               "có danh sách các hộ bị thu", "đã có người phản ánh nhưng không ai xử lý", ""]
TC_ASKS = ["Đề nghị cơ quan có thẩm quyền điều tra làm rõ", "đề nghị xử lý nghiêm", "đề nghị giữ bí mật danh tính người tố cáo",
           "mong lãnh đạo phường vào cuộc", "đề nghị kiểm tra và công khai kết quả", "đề nghị thanh tra vào cuộc",
           "yêu cầu làm rõ sai phạm", "đề nghị xem xét kỷ luật", "xin đừng chuyển đơn này về cho chính người đó",
           "mong được bảo vệ vì sợ bị trả thù"]
TC_OPEN = ["Kính gửi Chủ tịch UBND phường {w},", "Kính gửi Thanh tra quận,", "Tôi xin tố cáo", "Tôi làm đơn này để tố giác",
           "Phường ơi", "ad ơi, mình muốn phản ánh", "Tôi xin phản ánh một việc sai trái:", "Bức xúc quá!", "", "", "",
           "Khiếu nại về việc", "Cho em hỏi"]


def to_cao():
    actor = pick(TC_ACTORS)
    act = pick(TC_ACTS).format(m=money())
    opening = pick(TC_OPEN).format(w=pick(WARDS))
    where = pick(["", f" ở {place()}", f" phường {pick(WARDS)}", f" tại {place()}"])
    forms = [
        f"{opening} {actor}{where} {act}. {pick(TC_EVIDENCE)}. {pick(TC_ASKS)}.",
        f"{opening} việc {actor}{where} {act}, {pick(TC_EVIDENCE).lower()}. {pick(TC_ASKS)}",
        f"{opening} {date()} {actor} {act}. {pick(TC_ASKS)}.",
        f"{opening} {actor} {act}{where} {date()}, dân ai cũng biết mà không ai dám nói. {pick(TC_ASKS)}.",
    ]
    return pick(forms)


# A problem + "an official is paid to ignore it": to_cao.
TC_PAID_PROBLEMS = [
    "quán nhậu ở {p} chiếm hết vỉa hè", "nhà {p} xây lên tầng 6 không phép", "bãi xe trái phép ở {p} chiếm lòng đường",
    "xưởng mộc ở {p} xả bụi và tiếng ồn cả ngày", "chợ cóc ở {p} họp tràn ra đường", "nhà hàng ở {p} đổ nước thải ra cống",
    "quán karaoke ở {p} hát đến 2 giờ sáng", "cửa hàng vật liệu ở {p} để cát đá chắn hết lối đi",
]
TC_PAID = ["mà công an khu vực được chủ quán chung tiền hàng tháng nên làm ngơ",
           "nghe nói trật tự phường tháng nào cũng nhận phong bì nên không xử lý",
           "cán bộ xây dựng phường đến rồi về, chủ nhà bảo đã lo xong với phường",
           "dân phản ánh bao lần, cán bộ phường đến nhận tiền rồi đi",
           "tổ trưởng dân phố được chia tiền nên bao che",
           "chủ nhà còn khoe đã đưa tiền cho cán bộ địa chính rồi",
           "đội trật tự thu tiền bảo kê nên chả bao giờ dẹp"]


def to_cao_paid():
    p = place()
    return pick([
        f"{pick(TC_PAID_PROBLEMS).format(p=p)}, {pick(TC_PAID)}. {pick(TC_ASKS)}.",
        f"{pick(TC_OPEN).format(w=pick(WARDS))} {pick(TC_PAID_PROBLEMS).format(p=p)} {pick(TC_PAID)}",
    ])


TC_HAND = [
    "Cán bộ địa chính phường nói nếu muốn hồ sơ sổ đỏ đi nhanh thì gửi 15 triệu, không thì cứ chờ. Tôi có ghi âm, đề nghị lãnh đạo phường xử lý",
    "tổ trưởng tổ 12 thu mỗi nhà 100 nghìn làm đường ngõ, thu xong 2 năm không làm, hỏi thì bảo tiền đã nộp lên phường, phường bảo không biết",
    "nhà thầu lát lại vỉa hè phố Xã Đàn dùng đá mỏng hơn hồ sơ, mới 3 tháng đã vỡ hết, giám sát của phường ký nghiệm thu cho qua, đề nghị thanh tra",
    "Tôi gửi đơn phản ánh quán karaoke lên phường, 2 hôm sau chủ quán đến tận nhà chửi và nói tên tôi, chắc chắn cán bộ phường đã lộ thông tin người phản ánh. Tôi tố cáo việc này",
    "co hieu truong truong mam non cong lap bat phu huynh dong 2 trieu tien co so vat chat khong co bien lai, ai khong dong thi con bi cho ngoi rieng",
    "ban quản lý chợ thu tiền vệ sinh 2 lần một tháng, một lần có biên lai một lần không, số tiền không biên lai vào túi ai",
    "công an khu vực nhận tiền của nhà nghỉ ở ngõ 90 nên cho hoạt động mại dâm công khai, dân biết hết",
    "hợp tác xã gom rác thu phí mỗi hộ 60 nghìn trong khi phường quy định 30 nghìn, không đưa biên lai, đề nghị kiểm tra",
    "Cán bộ văn hóa xã hội phường lập danh sách nhận hỗ trợ Covid có cả người đã chết và người không ở địa phương, tiền ai nhận?",
    "phó chủ tịch phường cho em rể thuê mặt bằng nhà văn hóa khu dân cư làm quán bia, tiền thuê không nộp vào ngân sách",
    "mấy ông trật tự cứ chiều là đi thu tiền các hàng rong trên Tôn Đức Thắng, mỗi hàng 50 nghìn, ai không nộp thì bị hất đồ. Có clip đây",
    "Xin tố cáo ông tổ trưởng dân phố giả chữ ký các hộ trong biên bản họp đồng ý cho xây trạm BTS trên mái nhà ông ấy",
    "nha xay 7 tang o ngo 35 Thai Ha khong phep, can bo xay dung phuong den 3 lan, lan nao cung vao nha uong nuoc roi ve, nghe noi chu nha lo 200 trieu roi",
    "Đề nghị làm rõ việc dân phòng phường dùng xe chở rác của phường để chở vật liệu xây dựng cho người quen, thu tiền riêng",
    "cán bộ một cửa giữ hồ sơ của tôi 3 tháng, lần nào đến cũng gợi ý bồi dưỡng thì mới có kết quả, tôi đề nghị xử lý cán bộ này",
]

# ---- ngoài thẩm quyền: private disputes, private companies, crimes needing investigation,
# other provinces ---------------------------------------------------------------------------

NT_PRIVATE = [
    "người quen vay của tôi {m} từ năm ngoái đến giờ không trả, gọi điện thì chặn số",
    "tôi đặt cọc {m} thuê nhà, hết hợp đồng chủ nhà không trả cọc",
    "chủ nhà trọ tự ý tăng tiền phòng giữa hợp đồng và đòi đuổi nếu không chịu",
    "anh em trong nhà tranh chấp chia thừa kế mảnh đất của bố mẹ để lại",
    "hàng xóm xây nhà làm nứt tường nhà tôi, hai bên đã hòa giải ở tổ dân phố không thành, giờ tôi muốn kiện đòi bồi thường",
    "tôi mua căn hộ chung cư, chủ đầu tư chậm bàn giao 2 năm và không trả tiền phạt hợp đồng",
    "tôi góp vốn làm ăn với bạn, giờ bạn không trả lại tiền",
    "vợ chồng tôi muốn ly hôn và chia tài sản",
    "con nợ của tôi bỏ trốn, tôi muốn nhờ phường tìm địa chỉ",
    "vụ tranh chấp ranh giới đất với nhà bên cạnh đang được tòa án quận thụ lý",
    "bên bán nhà nhận tiền rồi không chịu sang tên cho tôi theo hợp đồng",
    "tôi cho thuê nhà, người thuê nợ 4 tháng tiền nhà không trả và không chịu dọn đi",
    "đứa cháu đòi chia phần nhà của bà nội mà bà vẫn còn sống",
    "thợ sửa nhà nhận tiền tạm ứng {m} rồi bỏ dở công trình",
]
NT_COMPANY = [
    "mạng internet FPT nhà tôi chập chờn cả tháng, gọi tổng đài chỉ hẹn",
    "Viettel trừ tiền dịch vụ giá trị gia tăng mà tôi không đăng ký",
    "ngân hàng tự trừ {m} trong tài khoản của tôi không rõ lý do",
    "công ty bảo hiểm không chịu chi trả hợp đồng bảo hiểm nhân thọ của mẹ tôi",
    "mua hàng trên Shopee bị giao hàng giả, shop không nhận lại",
    "phòng khám tư trên phố {s} kê thuốc sai làm con tôi bị dị ứng, phòng khám không chịu trách nhiệm",
    "trung tâm tiếng Anh tư nhân thu học phí cả năm rồi đóng cửa",
    "trường mầm non tư thục tự tăng học phí giữa năm",
    "cửa hàng điện máy bán tủ lạnh hỏng mà không chịu bảo hành",
    "công ty tôi làm nợ lương 3 tháng và không đóng bảo hiểm xã hội",
    "ban quản trị tòa chung cư tư nhân thu phí gửi xe cao, chủ đầu tư không công khai quỹ bảo trì",
    "gói cước truyền hình VNPT bị cắt dù đã đóng tiền",
    "hãng xe công nghệ tính sai tiền cuốc xe và khóa tài khoản của tôi",
    "spa trên phố {s} làm hỏng da mặt của tôi, giờ chặn liên lạc",
    "công ty du lịch hủy tour mà không hoàn tiền",
]
NT_CRIME = [
    "tôi bị lừa chuyển khoản {m} qua mạng, kẻ gian giả danh công an gọi điện",
    "mẹ tôi bị kẻ giả nhân viên ngân hàng lừa lấy mã OTP mất {m}",
    "tôi bị cướp giật túi xách trên đường {s}, mất điện thoại và giấy tờ, muốn truy tìm kẻ cướp",
    "tôi bị một nhóm người lạ đánh trọng thương, đề nghị khởi tố và bắt giữ đối tượng",
    "có người nhắn tin đe dọa giết cả nhà tôi vì chuyện nợ nần",
    "con tôi bị rủ vào đường dây đa cấp lừa đảo mất {m}",
    "tôi bị người quen lừa bán đất giả giấy tờ, mất {m}",
    "đi mua đồ online bị lừa đặt cọc {m}, shop biến mất",
    "tôi bị trộm mất xe ô tô đỗ trước nhà, đã có camera, đề nghị điều tra tìm lại",
    "em gái tôi bị kẻ xấu tung ảnh nóng lên mạng để tống tiền",
]
NT_PROVINCE_PROBLEMS = [
    "đường vào thôn {x} bị xe tải cày nát", "nhà văn hóa xã ở quê bị bỏ hoang", "mộ phần ông bà ở quê bị người ta lấn chiếm",
    "ở quê nhà tôi tại {x} có trại lợn xả thải ra sông", "cầu tràn ở xã nhà em tại {x} bị sạt",
    "ủy ban xã ở quê {x} không chịu cấp sổ đỏ cho bố mẹ tôi", "cán bộ xã ở {x} thu tiền làm đường không có biên lai",
    "nhà bố mẹ tôi ở {x} bị hàng xóm xây lấn sang đất", "đèn đường ở thị trấn quê tôi tại {x} tắt cả tháng",
    "con tôi học ở {x} bị nhà trường phạt oan", "ở {x} có bãi rác tự phát ngay cạnh trường học",
    "mẹ tôi ở {x} bị xã cắt trợ cấp người cao tuổi", "đất ruộng nhà tôi ở {x} bị thu hồi mà đền bù thấp",
    "khu trọ của em ở {x} mất nước 3 ngày", "quán karaoke gần nhà ngoại ở {x} hát đến nửa đêm",
]
NT_ASKS = ["phường có giải quyết được không", "nhờ phường can thiệp giúp", "phường giúp tôi với", "tôi phải làm sao",
           "mong phường đòi lại giúp", "đề nghị phường xử lý", "xin hỏi phải làm thế nào", "nhờ cán bộ tư vấn giúp",
           "phường có thể hỗ trợ liên hệ không", "giờ em nên báo ai ạ", "mong phường lên tiếng"]
NT_OPEN = ["Kính gửi UBND phường {w},", "Phường ơi,", "Cho em hỏi,", "Mình nhờ page chia sẻ,", "Tôi xin khiếu nại:",
           "Tôi muốn tố cáo", "Chào phường,", "", "", "", "Tôi là {n}, đang sống tại {p}."]


def ngoai():
    kind = R.random()
    opening = pick(NT_OPEN).format(w=pick(WARDS), n=pick(NAMES), p=place())
    if kind < 0.3:
        body = pick(NT_PRIVATE).format(m=money())
    elif kind < 0.58:
        body = pick(NT_COMPANY).format(m=money(), s=pick(STREETS))
    elif kind < 0.8:
        body = pick(NT_CRIME).format(m=money(), s=pick(STREETS))
    else:
        body = pick(NT_PROVINCE_PROBLEMS).format(x=pick(PROVINCES))
        if "quê" not in body and R.random() < 0.5:
            body = f"{body}, {pick(['tỉnh ' + pick(PROVINCES), 'ở quê', 'dưới quê'])}"
    return f"{opening} {body}. {pick(NT_ASKS)}".strip()


NT_HAND = [
    "nhà mạng cứ gọi quảng cáo mời vay tiền suốt, em đã chặn mà vẫn gọi số khác, phường xử lý giúp",
    "bạn cùng phòng trọ lấy của em 3 triệu rồi bỏ đi, em biết nhà nó ở Thanh Hóa, phường giúp em đòi với",
    "ông bà tôi ở xã Hải Hậu, Nam Định bị xã thu hồi đất không đền bù, tôi ở Hà Nội gửi đơn nhờ phường chuyển về",
    "Tôi mua lô đất nền ở Bắc Giang qua môi giới, giờ mới biết đất chưa có sổ, chủ đầu tư không trả tiền. Xin tư vấn",
    "Cô giáo ở trường tư thục quốc tế đánh con tôi, nhà trường bao che, tôi muốn kiện",
    "ngân hàng đòi nợ thuê gọi điện khủng bố cả hàng xóm nhà tôi vì người thân vay app",
    "nhà hàng xóm nợ tiền họ của tôi 50 triệu, đã ra tổ hòa giải rồi mà không trả, giờ phải khởi kiện ở đâu",
    "em bị lừa tuyển dụng việc nhẹ lương cao mất 20 triệu, đề nghị công an bắt bọn lừa đảo",
    "Đường ở huyện Thạch Thất quê tôi hỏng lâu rồi mà không ai sửa",
    "cty chuyen phat lam mat buu kien cua toi tri gia 5 trieu, khong chiu boi thuong",
    "chủ căn hộ cho thuê tự vào phòng khi tôi đi vắng và lấy đồ, tôi muốn tố cáo và đòi lại đồ",
    "Điện thoại tôi bị hack tài khoản Zalo, kẻ gian nhắn tin vay tiền bạn bè, đề nghị truy tìm",
    "quan karaoke canh nha ngoai em o thi xa Tu Son, Bac Ninh hat den 1h sang, nho phuong nhac giup",
    "Cho hỏi bên Đà Nẵng đường Nguyễn Văn Linh bị ngập thì báo ai",
    "Khu nhà trọ của con tôi ở Thủ Đức, TP.HCM thường xuyên mất điện, nhờ phường phản ánh",
    "Tôi đặt tiệc cưới ở nhà hàng trên phố Láng Hạ, nhà hàng hủy sát ngày và không trả cọc 30 triệu",
    "tiệm cầm đồ giữ xe của tôi tính lãi cắt cổ, hết hạn thì bán xe luôn",
    "Xin hỏi thủ tục chia di sản thừa kế khi bố tôi mất không để lại di chúc",
]


# More hand-written messages of the kinds the first version missed (written fresh, with other
# actors, objects and situations).
TC_HAND += [
    "cán bộ hộ tịch bảo muốn đăng ký kết hôn trong ngày thì gửi 300 nghìn, không thì chờ tuần sau",
    "mấy anh cảnh sát giao thông ở chốt đầu phố nhận tiền của xe tải chở đất rồi cho chạy giờ cấm",
    "quỹ phòng chống thiên tai tổ dân phố thu mỗi năm mà không ai biết chi vào đâu, sổ sách tổ trưởng giữ riêng",
    "tiền sửa mái nhà văn hóa các hộ đóng góp 80 triệu, sửa xong hóa đơn chỉ 30 triệu, số còn lại ai giữ",
    "cán bộ môi trường phường nhận tiền hàng tháng của lò đốt rác thủ công nên đến kiểm tra là được báo trước",
    "nhà nghỉ trong ngõ chứa gái mại dâm công khai, công an khu vực ngày nào cũng ghé uống nước rồi về",
    "chợ đêm họp tràn lòng đường vì ban quản lý chợ thu tiền từng sạp ngoài danh sách",
    "quán nướng chiếm hết hè phố, chủ quán khoe mỗi tháng lo cho phường 2 triệu nên không ai dẹp",
    "cán bộ phường tự ý dùng loa phát thanh và xe ô tô công để phục vụ đám cưới nhà mình",
    "người ta phát hiện danh sách nhận gạo cứu trợ có tên người chết và người đã chuyển đi từ lâu, cán bộ lập danh sách phải giải trình",
    "đơn vị trồng cây cho phường trồng cây còi cọc, chết hơn nửa mà vẫn được nghiệm thu thanh toán đủ",
    "cán bộ thu thuế hộ kinh doanh ở chợ gợi ý đóng ít đi thì bồi dưỡng riêng cho anh ấy",
    "cô giáo trường tiểu học công lập bắt học sinh học thêm ở nhà cô, ai không học thì bị điểm kém",
    "phó trưởng công an phường bảo kê cho sòng bạc trong ngõ, dân trình báo thì bị lộ tên",
    "ông tổ trưởng lấy danh nghĩa tổ dân phố đi xin tài trợ của các cửa hàng rồi không công khai",
    "cán bộ đo đạc của phường ký biên bản đo sai diện tích có lợi cho nhà người quen, lấn sang đất nhà tôi",
    "cán bộ phường yêu cầu nộp 1 triệu phí xác nhận hồ sơ vay vốn ưu đãi, mà thủ tục này miễn phí",
    "bảo vệ nhà văn hóa được tổ trưởng cho thu tiền gửi xe của người ngoài, tiền không nộp quỹ",
]
NT_HAND += [
    "mua xe máy trả góp ở cửa hàng, mới 1 tháng đã chết máy, cửa hàng không chịu bảo hành",
    "máy giặt mua online giao đến bị móp, shop bảo lỗi vận chuyển rồi không trả lời",
    "ví điện tử khóa tài khoản của tôi đang còn 7 triệu, gọi chăm sóc khách hàng không được",
    "MobiFone trừ tiền gói cước tôi đã hủy từ tháng trước, phường xem giúp",
    "góp họ với mấy chị trong chợ, chủ họ ôm tiền bỏ trốn, mất 60 triệu",
    "tranh chấp lối đi chung với nhà bên đã có bản án của tòa, giờ họ không thi hành, phường giải quyết giúp",
    "em bị một thanh niên say rượu đánh ở quán nhậu, bị thương ở đầu, muốn khởi kiện người đó",
    "xe đạp điện của con tôi bị trộm ở bãi gửi xe trường tư thục, trường không chịu đền",
    "có người mạo danh tôi vay tiền qua mạng, giờ công ty tài chính gọi đòi nợ",
    "chủ xưởng may nơi tôi làm không trả lương tháng cuối khi tôi nghỉ việc",
    "tôi thuê người giúp việc qua trung tâm, người đó lấy trộm trang sức rồi bỏ đi, trung tâm không chịu trách nhiệm",
    "nhà hàng tiệc cưới tính thêm phụ phí không có trong hợp đồng, không trả thì giữ đồ",
    "anh rể tôi nợ tiền mua đất không trả, đã nhắn tin xin khất mấy lần",
    "mộ ông nội tôi ở nghĩa trang xã bên Hưng Yên bị đào lên làm đường, xã không thông báo",
    "ruộng nhà ngoại ở Thanh Hóa bị người ta đổ đất lấn chiếm, xin phường hướng dẫn",
    "em làm thủ tục ở ủy ban xã dưới quê Phú Thọ mà cán bộ đòi tiền, em ở Hà Nội báo phường được không",
    "quán bia cạnh nhà chị gái tôi ở thành phố Bắc Ninh mở nhạc đến 2 giờ sáng",
    "tiệm vàng bán nhẫn thiếu tuổi vàng, mang đi kiểm định thì đúng là thiếu, tiệm không nhận",
]
KN_HAND += [
    "phường ra thông báo buộc tháo mái che bạt trước cửa hàng nhà tôi trong 3 ngày, trong khi mái che gấp gọn theo đúng hướng dẫn",
    "tôi bị lập biên bản vì để xe máy trước cửa nhà mình, nhà tôi nằm trong ngõ không có vỉa hè, tôi không chấp nhận",
    "gia đình tôi bị loại khỏi danh sách hỗ trợ sửa nhà dột nát dù nhà vẫn dột, đề nghị phường xem xét lại",
    "phường từ chối cấp giấy xác nhận để con tôi thi vào trường công an, lý do có người thân vi phạm, việc này không đúng",
    "quyết định phạt quán ăn nhà tôi vì không có hợp đồng thu gom rác, nhưng tôi có hợp đồng với hợp tác xã từ đầu năm",
    "công an phường xóa tạm trú của tôi khi tôi vẫn đang ở trọ, giờ con tôi không đăng ký học được",
    "trường công lập không cho con tôi lên lớp vì nghỉ ốm 3 tuần, có giấy bệnh viện đầy đủ",
    "hội đồng bồi thường áp giá đất nông nghiệp cho mảnh vườn nhà tôi trong khi đã có sổ đất ở",
]

# ---- phản ánh with loose wording ("tố cáo", "khiếu nại") or close to the other labels ---------

PA_LOOSE = [
    # (text, category, priority)
    ("tố cáo quán karaoke {p} hát to đến 12 giờ đêm", "an_ninh"),
    ("tôi xin tố cáo nhà hàng xóm ở {p} hát karaoke ầm ĩ hàng đêm", "an_ninh"),
    ("khiếu nại đèn đường {p} hỏng cả tuần không ai sửa", "chieu_sang"),
    ("khiếu nại việc rác ở {p} 3 ngày không ai thu", "moi_truong"),
    ("tố cáo nhà {p} xây lấn ra ngõ chung", "trat_tu_do_thi"),
    ("tố cáo hàng xóm ở {p} xây nhà không phép, đổ vật liệu ra đường", "trat_tu_do_thi"),
    ("khiếu nại về hồ sơ cấp sổ đỏ của tôi nộp từ tháng 3 đến giờ quá hẹn chưa có", "hanh_chinh"),
    ("tôi khiếu nại hồ sơ chứng thực trễ hẹn 2 tuần", "hanh_chinh"),
    ("khiếu nại thái độ của cán bộ một cửa phường quát tháo người dân", "hanh_chinh"),
    ("cán bộ tiếp dân ở phường thái độ hách dịch, nói trống không", "hanh_chinh"),
    ("cho tôi hỏi muốn làm đơn khiếu nại thì nộp ở đâu và cần giấy tờ gì", "hanh_chinh"),
    ("xin hỏi tố cáo cán bộ thì gửi đơn cho ai, có được giữ bí mật không", "hanh_chinh"),
    ("thủ tục khiếu nại quyết định hành chính gồm những bước nào ạ", "hanh_chinh"),
    ("tố cáo quán ăn ở {p} dùng thực phẩm ôi thiu, ăn xong bị đau bụng", "y_te"),
    ("khiếu nại tiền nước tháng này tăng gấp 3 dù dùng như cũ", "cap_nuoc"),
    ("khiếu nại nước máy ở {p} có mùi lạ, vàng đục", "cap_nuoc"),
    ("khiếu nại hóa đơn tiền điện tăng vọt tháng này", "chieu_sang"),
    ("khu {p} mất điện từ sáng đến giờ, điện lực không báo trước", "chieu_sang"),
    ("{p} dạo này trộm cắp liên tục, mất mấy cái xe máy, đề nghị công an phường tăng cường tuần tra", "an_ninh"),
    ("đang có đánh nhau ở {p}, mấy thanh niên cầm gậy, công an phường đến ngay", "an_ninh"),
    ("tố giác một nhóm thanh niên tụ tập hút ma túy ở {p} mỗi tối", "an_ninh"),
    ("tố cáo nhóm đua xe ở {p} đêm nào cũng rú ga", "an_ninh"),
    ("tố cáo cơ sở sửa xe ở {p} chiếm vỉa hè", "trat_tu_do_thi"),
    ("khiếu nại cống ở {p} bốc mùi hôi, nước đen tràn lên", "thoat_nuoc"),
    ("tố cáo người đổ trộm xà bần ở {p} lúc nửa đêm", "moi_truong"),
    ("khiếu nại ổ gà to ở {p} lâu rồi chưa vá", "giao_thong"),
    ("tố cáo quán bia ở {p} kê bàn ra hết vỉa hè", "trat_tu_do_thi"),
    ("xin tố cáo chủ chó ở {p} thả chó không rọ mõm, chó cắn trẻ con", "y_te"),
    ("khiếu nại vì cây ở {p} cành khô sắp gãy mà chưa cắt tỉa", "cay_xanh"),
    ("tố cáo xưởng in ở {p} xả khói mùi hóa chất", "moi_truong"),
    ("phản ánh hồ sơ đăng ký khai sinh cho con nộp online mãi chưa được duyệt", "hanh_chinh"),
    ("khiếu nại sao thẻ bảo hiểm y tế của bố tôi chưa được cấp lại", "xa_hoi"),
    ("tố cáo có người bán hàng rong lừa khách ở chợ {p}", "an_ninh"),
    ("nhà em đã nộp đơn xin trợ cấp cho mẹ 3 tháng rồi mà chưa thấy phường trả lời", "xa_hoi"),
    ("cán bộ phường hẹn trả kết quả hôm thứ hai mà đến nay vẫn chưa có, đi lại nhiều lần", "hanh_chinh"),
    ("tố cáo nhà {p} nuôi chim bồ câu trên sân thượng bẩn hết mái nhà hàng xóm", "moi_truong"),
    ("hàng xóm ở {p} cơi nới ban công lấn sang không gian chung", "trat_tu_do_thi"),
    ("phản ánh việc quán karaoke {p} hát đến khuya, nhờ công an phường nhắc nhở", "an_ninh"),
]
PA_TAIL = ["", " đề nghị phường xử lý", " mong phường kiểm tra", ", nhờ phường giúp", ". Cảm ơn phường",
           " phường xem giúp với ạ", "!!!", ", bức xúc lắm rồi"]
PA_OPEN = ["", "", "", "Kính gửi UBND phường {w}.", "Phường ơi", "ad ơi", "Em chào phường,", "Mọi người ơi,"]


def phan_anh():
    t, cat = pick(PA_LOOSE)
    text = f"{pick(PA_OPEN).format(w=pick(WARDS))} {t.format(p=place())}{pick(PA_TAIL)}".strip()
    return text, cat


# ---- surface variation ----------------------------------------------------------------------

ABBREV = [("không", "ko"), ("không", "k"), ("được", "dc"), ("gì", "j"), ("rồi", "r"), ("với", "vs"),
          ("mọi người", "mn"), ("bây giờ", "bh"), ("cũng", "cx"), ("mình", "mk"), ("người", "ng")]


def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", s)
                                                if unicodedata.category(c) != "Mn"))


def vary(text):
    text = " ".join(text.split())
    text = text.replace(" .", ".").replace(" ,", ",").replace("..", ".")
    r = R.random()
    if r < 0.2:
        for a, b in ABBREV:
            if R.random() < 0.6:
                text = text.replace(" " + a + " ", " " + b + " ")
    if R.random() < 0.35:
        text = fold(text)
        if R.random() < 0.5:
            text = text.lower()
    elif R.random() < 0.15:
        text = text.lower()
    if text and text[0].islower() and R.random() < 0.3:
        text = text[0].upper() + text[1:]
    return unicodedata.normalize("NFC", text)


def channel(text):
    if text.startswith(("Kính gửi", "Kinh gui", "Tôi là", "Toi la")):
        return "web"
    return pick(["zalo", "zalo", "facebook"])


def ward_of(text):
    low = fold(text).lower()
    for w in sorted(WARDS, key=len, reverse=True):
        if "phuong " + fold(w).lower() in low:
            return "Phường " + w
    return None


def write(name, rows):
    for r in rows:
        r["ward"] = ward_of(r["text"])
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{path}: {len(rows)}")


def gen(prefix, scope, make, hand, n):
    seen = set()
    rows = []
    for t in hand:
        for v in (t, vary(t)):
            if v not in seen:
                seen.add(v)
                rows.append(v)
    tries = 0
    while len(rows) < n and tries < n * 20:
        tries += 1
        t = vary(make())
        if t in seen:
            continue
        seen.add(t)
        rows.append(t)
    out = []
    for i, t in enumerate(rows):
        out.append({"id": f"{prefix}-{i + 1:04d}", "text": t, "scope": scope, "category": None,
                    "priority": None, "channel": channel(t), "ward": None})
    return out


def main():
    write("scope_khieu_nai.jsonl", gen("sk", "khieu_nai", khieu_nai, KN_HAND, 420))
    tc = gen("st", "to_cao", to_cao, TC_HAND, 330)
    tc2 = gen("stp", "to_cao", to_cao_paid, [], 110)
    write("scope_to_cao.jsonl", tc + tc2)
    write("scope_ngoai_tham_quyen.jsonl", gen("sn", "ngoai_tham_quyen", ngoai, NT_HAND, 440))
    rows, seen = [], set()
    while len(rows) < 380:
        t, cat = phan_anh()
        t = vary(t)
        if t in seen:
            continue
        seen.add(t)
        pr = "khan_cap" if "đánh nhau" in t or "danh nhau" in t else "binh_thuong"
        rows.append({"id": f"sp-{len(rows) + 1:04d}", "text": t, "scope": "phan_anh", "category": cat,
                     "priority": pr, "channel": channel(t), "ward": None})
    write("scope_phan_anh.jsonl", rows)


if __name__ == "__main__":
    main()
