#!/usr/bin/python3
"""Writes triage/corpus/urgency_counter.jsonl: ordinary (binh_thuong) reports that SOUND
alarming — "nguy hiểm", "sợ lắm", "khẩn cấp", "cứu với" used loosely — but describe no immediate
danger (shared/data/categories.md, "Priority": urgent is an immediate danger to people or
property). Written for this corpus from hand-made fragments; none comes from the dev sets.
Deterministic: `python3 triage/corpus/make_urgency_corpus.py`.
"""
import json
import os
import random
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(1656)

STREETS = ["Hào Nam", "Vũ Thạnh", "Đông Các", "Thịnh Hào", "Hồ Giám", "Kim Hoa", "Đặng Văn Ngữ",
           "Nguyễn Phúc Lai", "Hoàng Tích Trí", "Trần Hữu Tước", "Ngõ Văn Chương", "Đoàn Thị Điểm",
           "Trúc Khê", "Nguyễn Khuyến", "Lê Duẩn", "Khương Thượng", "Phương Mai", "Chùa Láng"]

# (problem, category): a lasting or minor hazard, not an emergency.
PROBLEMS = [
    ("ổ gà to giữa ngõ {n} {s}", "giao_thong"),
    ("mặt đường {s} lún thành rãnh dài", "giao_thong"),
    ("gạch vỉa hè {s} bong hết, đi bộ hay vấp", "giao_thong"),
    ("khe co giãn cầu đi bộ gần {s} bị hở", "giao_thong"),
    ("biển báo đầu ngõ {n} {s} bị cong vẹo", "giao_thong"),
    ("đèn tín hiệu ngã tư {s} lúc xanh lúc tắt", "giao_thong"),
    ("nắp cống ngõ {n} {s} bị nứt, kêu lạch cạch khi xe qua", "thoat_nuoc"),
    ("mưa xong ngõ {n} {s} đọng nước đến mắt cá chân", "thoat_nuoc"),
    ("cống ngõ {n} {s} bốc mùi, nước chảy chậm", "thoat_nuoc"),
    ("cột điện đầu ngõ {n} {s} hơi nghiêng", "chieu_sang"),
    ("dây điện thoại, dây mạng ngõ {n} {s} võng thấp, chằng chịt", "chieu_sang"),
    ("đèn đường ngõ {n} {s} tắt mấy tối", "chieu_sang"),
    ("ống nước ngầm trước số {n} {s} rỉ nước, đọng thành vũng", "cap_nuoc"),
    ("nước máy nhà tôi ở {s} yếu, tầng 3 không lên được", "cap_nuoc"),
    ("cây sấu trước số {n} {s} có cành khô to", "cay_xanh"),
    ("rễ cây xà cừ ở {s} làm vỡ vỉa hè", "cay_xanh"),
    ("cây bàng ở {s} hơi nghiêng về phía đường", "cay_xanh"),
    ("công trình nhà số {n} {s} để cát đá lấn nửa ngõ", "trat_tu_do_thi"),
    ("giàn giáo công trình ở {s} không có lưới che", "trat_tu_do_thi"),
    ("ô tô đỗ kín hai bên ngõ {n} {s}, xe cứu thương khó vào", "trat_tu_do_thi"),
    ("nhóm thanh niên hay tụ tập chửi bậy ở đầu ngõ {n} {s}", "an_ninh"),
    ("có người lạ hay đứng nhìn vào cổng trường trên phố {s}", "an_ninh"),
    ("nhà nghỉ ở {s} có người ra vào thâu đêm, nghi có ma túy", "an_ninh"),
    ("chó thả rông ở ngõ {n} {s} hay sủa đuổi trẻ con", "y_te"),
    ("quán ăn ở {s} bán đồ ăn để qua đêm, ăn xong hơi đau bụng", "y_te"),
    ("ao tù cạnh ngõ {n} {s} nhiều muỗi, sợ sốt xuất huyết", "y_te"),
    ("rác chất đống ở đầu ngõ {n} {s}, chuột chạy khắp nơi", "moi_truong"),
    ("sân chơi khu tập thể ở {s} có cầu trượt gãy, mép sắc", "xa_hoi"),
]
WORRY = ["rất nguy hiểm", "nguy hiểm lắm", "sợ lắm", "lo quá", "nhìn mà sợ", "dễ ngã lắm",
         "nguy hiểm cho trẻ con", "sợ có ngày xảy ra chuyện", "ai đi qua cũng phải tránh",
         "người già đi lại rất khó", "tối đi rất dễ vấp", "bất an lắm"]
LASTING = ["mấy tuần nay", "cả tháng nay", "từ đầu năm", "lâu lắm rồi", "mấy hôm nay",
           "từ hồi tháng trước", "báo mấy lần rồi", "mãi chưa thấy ai làm"]
ASK = ["nhờ phường xem giúp", "đề nghị phường sắp xếp sửa", "mong phường kiểm tra khi có thể",
       "phường cho người xuống xem với ạ", "đề nghị có kế hoạch khắc phục", "mong được xử lý sớm",
       "nhờ ad chuyển bộ phận phụ trách"]
# Emphatic words with no emergency behind them.
LOOSE = ["khẩn cấp xử lý giúp", "đề nghị xử lý khẩn cấp", "cứu với mọi người ơi", "cứu dân với",
         "gấp gấp", "làm ơn xử lý gấp"]


def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", s)
                                                if unicodedata.category(c) != "Mn"))


def one():
    p, cat = R.choice(PROBLEMS)
    p = p.format(n=R.randint(2, 180), s=R.choice(STREETS))
    parts = [p, R.choice(LASTING), R.choice(WORRY)]
    R.shuffle(parts[1:])
    text = ", ".join(parts)
    if R.random() < 0.35:
        text += ", " + R.choice(LOOSE)
    text += ", " + R.choice(ASK)
    if R.random() < 0.35:
        text = fold(text).lower()
    elif R.random() < 0.5:
        text = text[0].upper() + text[1:]
    return text, cat


def main():
    seen, rows = set(), []
    while len(rows) < 260:
        t, cat = one()
        if t in seen:
            continue
        seen.add(t)
        rows.append({"id": f"uc-{len(rows) + 1:04d}", "text": t, "category": cat,
                     "priority": "binh_thuong", "channel": R.choice(["zalo", "facebook", "web"]),
                     "ward": None})
    path = os.path.join(HERE, "urgency_counter.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(path, len(rows))


if __name__ == "__main__":
    main()
