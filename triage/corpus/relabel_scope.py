#!/usr/bin/python3
"""Adds a `scope` to lines of the category corpus (g*.jsonl) that are not ordinary reports under
shared/data/categories.md ("Scope gate"): an official asking for money (to_cao), another
province (ngoai_tham_quyen), a crime against the writer to investigate (ngoai_tham_quyen), a
contested decision (khieu_nai). Rules below, reviewed by hand (`--dry-run` lists the changes).
Lines keep every other field."""
import glob, json, re, sys, unicodedata

def fold(s):
    s = s.lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")

RULES = [
    ("to_cao", r"\b(boi duong|phong bi|gui chut cafe|tien ca phe|lot tay|hoi lo)\b"),
    ("ngoai_tham_quyen", r"\b(da nang|can tho|phuong \d+ quan \d+|quan 10|sai gon(?! ra)|hung loi)\b"),
    ("ngoai_tham_quyen", r"\b(bi lua qua dien thoai|chuyen mat \d+ trieu|lay xe sh)\b"),
    ("khieu_nai", r"cat tro cap cua me toi|tu choi vao lop 1|tu choi chung thuc hop dong|xem xet lai viec cat tro cap"),
]
# Lines that match a rule but are ordinary reports (questions, a crime happening now, ...).
KEEP = [r"co phai lua dao", r"la that hay lua", r"dan sai gon ra hn", r"quan com ga", r"tu sai gon ra",
        r"quang cao cho vay", r"giong mien nam", r"dan sai gon ma", r"chuyen vao sai gon", r"ve may bay"]

def main(dry):
    for f in sorted(glob.glob("g*.jsonl")):
        out, changed = [], 0
        for line in open(f, encoding="utf-8"):
            r = json.loads(line)
            t = fold(r["text"])
            if "scope" not in r and not any(re.search(k, t) for k in KEEP):
                for scope, pat in RULES:
                    if re.search(pat, t):
                        r["scope"] = scope
                        changed += 1
                        print(f, scope, "|", r["text"][:140])
                        break
            out.append(json.dumps(r, ensure_ascii=False))
        if changed and not dry:
            open(f, "w", encoding="utf-8").write("\n".join(out) + "\n")

main("--dry-run" in sys.argv)
