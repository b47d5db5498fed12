#!/usr/bin/env python3
"""Generates a realistic activity-import file (docs/api-activities.md, template columns A-O).

  bench/activities/gen_import.py OUT.csv [rows=1000000] [--xlsx OUT.xlsx] [--seed 4]

Units come from the demo hierarchy (demo/units.csv, what `longghep demo` loads): communes and
districts of old Bình Định / Ninh Thuận / Đồng Nai / Hải Dương for dates until 2025-06-30, the
current communes of Gia Lai / Khánh Hòa / Đồng Nai / Hải Phòng from 2025-07-01, each used only on
dates where it is valid for the whole activity. Agencies (column E) are demo/agencies.json keys
valid on the dates, of the unit's own province when there is one. Dates 2021-01-01 .. today.
About 30 % of the activities have two target groups (two rows sharing a key in column A); the
others have no key (the server keys them by a hash of the row). Sign in as `admin` to import it.
"""
import csv, datetime as dt, json, os, random, sys, zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HEADERS = ["Mã hoạt động (tùy chọn)", "Tên hoạt động", "Loại can thiệp (mã)", "Mã đơn vị hành chính",
           "Cơ quan chủ trì (mã)", "Ngày bắt đầu", "Ngày kết thúc", "Nhóm đối tượng (mã)", "Tổng số người",
           "Nữ", "Nam", "Số buổi", "Kinh phí (đồng)", "Nguồn kinh phí (mã)", "Ghi chú"]
TYPES = {"media": "Truyền thông trên đài phát thanh về phòng, chống mại dâm",
         "community_sessions": "Tuyên truyền tại cộng đồng dân cư",
         "talks_zones_schools": "Nói chuyện chuyên đề tại trường học",
         "contests": "Hội thi tìm hiểu pháp luật phòng, chống mại dâm",
         "print_materials": "Phát tờ rơi, treo băng rôn", "vocational_training": "Lớp đào tạo nghề ngắn hạn",
         "job_placement": "Phiên giao dịch việc làm", "loans": "Hỗ trợ vay vốn tạo việc làm",
         "sti_counselling": "Tư vấn, khám bệnh lây truyền qua đường tình dục",
         "hiv_prevention": "Truyền thông phòng, chống HIV/AIDS", "condoms": "Cấp phát bao cao su",
         "gbv_counselling": "Tư vấn phòng, chống bạo lực trên cơ sở giới", "legal_aid": "Trợ giúp pháp lý lưu động",
         "psych_counselling": "Tư vấn tâm lý", "health_checks": "Khám sức khỏe định kỳ",
         "staff_training": "Tập huấn cán bộ cơ sở", "inspections": "Kiểm tra liên ngành cơ sở kinh doanh dịch vụ",
         "clubs_peer_groups": "Sinh hoạt câu lạc bộ đồng đẳng"}
GROUPS = ["unemployed_youth", "service_workers", "industrial_workers", "migrant_workers", "rural_workers",
          "gbv_victims", "poor_youth", "students", "women_job_seekers", "other_high_risk", "sex_workers",
          "people_with_hiv", "people_who_use_drugs", "trafficking_victims", "abuse_victims", "former_sex_workers"]
SOURCES = ["central_budget", "provincial_budget", "commune_budget", "national_target_programmes",
           "integrated_programmes", "socialisation", "international"]
D = dt.date.fromisoformat


def load():
    units = list(csv.DictReader(open(os.path.join(ROOT, "demo/units.csv"), encoding="utf-8")))
    by_code = {}
    for u in units:
        u["from"] = D(u["valid_from"]) if u["valid_from"] else dt.date(2000, 1, 1)
        u["to"] = D(u["valid_to"]) if u["valid_to"] else dt.date(9999, 12, 31)
        by_code.setdefault(u["code"], []).append(u)
    def at(code, day):
        return next((u for u in by_code.get(code, []) if u["from"] <= day <= u["to"]), None)
    def province(u, day):
        while u and u["kind"] != "province":
            u = at(u["parent_code"], day)
        return u["code"] if u else None
    leaves = [u for u in units if u["kind"] in ("commune", "district")]
    agencies = json.load(open(os.path.join(ROOT, "demo/agencies.json"), encoding="utf-8"))
    for a in agencies:
        a["from"] = D(a["validFrom"]) if a["validFrom"] else dt.date(2000, 1, 1)
        a["to"] = D(a["validTo"]) if a["validTo"] else dt.date(9999, 12, 31)
    return leaves, agencies, at, province


def rows(n, seed):
    rnd = random.Random(seed)
    leaves, agencies, at, province = load()
    today = dt.date.today()
    first = dt.date(2021, 1, 1)
    span = (today - first).days
    cache = {}
    def candidates(start, end):  # units valid for the whole activity, and their agencies
        k = (start <= dt.date(2025, 6, 30), end <= dt.date(2025, 6, 30), start <= dt.date(2025, 2, 28), end <= dt.date(2025, 2, 28))
        if k not in cache:
            us = [u for u in leaves if u["from"] <= start and end <= u["to"]]
            out = []
            for u in us:
                p = province(u, start)
                ag = [a["key"] for a in agencies if a["from"] <= start and end <= a["to"] and a["orgUnitCode"] == p]
                if not ag:
                    ag = [a["key"] for a in agencies if a["from"] <= start and end <= a["to"] and a["orgUnitCode"] == "VN"]
                out.append((u, ag))
            cache[k] = out
        return cache[k]
    written, seq = 0, 0
    while written < n:
        start = first + dt.timedelta(days=rnd.randrange(span))
        end = min(start + dt.timedelta(days=rnd.choice([0, 0, 0, 1, 2, 6, 13, 29])), today)
        cands = candidates(start, end)
        if not cands:
            continue
        u, ags = rnd.choice(cands)
        t = rnd.choice(list(TYPES))
        seq += 1
        title = f"{TYPES[t]} tại {u['name']} đợt {rnd.randint(1, 12)}/{start.year}"
        groups = rnd.sample(GROUPS, 2 if (rnd.random() < 0.3 and written + 2 <= n) else 1)
        key = f"bench-{seed}-{seq}" if len(groups) > 1 else ""
        agency = rnd.choice(ags)
        sessions = str(rnd.randint(1, 10))
        src = rnd.randrange(len(SOURCES))  # one funding source per row of the activity, never twice
        for i, g in enumerate(groups):
            total = rnd.randint(5, 400)
            female = rnd.randint(0, total) if rnd.random() < 0.8 else None
            cost = rnd.randrange(500_000, 50_000_000, 1000) if rnd.random() < 0.7 else None
            yield [key, title, t, u["code"], agency, start.strftime("%d/%m/%Y"), end.strftime("%d/%m/%Y"), g,
                   str(total), "" if female is None else str(female), "" if female is None else str(total - female),
                   sessions if i == 0 else "", "" if cost is None else str(cost),
                   "" if cost is None else SOURCES[(src + i) % len(SOURCES)],
                   "Số liệu tổng hợp từ báo cáo của xã" if rnd.random() < 0.1 else ""]
            written += 1


def col(i):
    return chr(ord("A") + i)


def write_xlsx(path, data):
    """A minimal .xlsx (inline strings, numbers as numbers), written as a stream."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Hoạt động" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for r, cells in enumerate(data, start=1):
                out = [f'<row r="{r}">']
                for i, v in enumerate(cells):
                    if v == "":
                        continue
                    ref = f"{col(i)}{r}"
                    if r > 1 and i in (8, 9, 10, 11, 12):
                        out.append(f'<c r="{ref}"><v>{v}</v></c>')
                    else:
                        out.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
                out.append("</row>")
                f.write("".join(out).encode("utf-8"))
            f.write(b"</sheetData></worksheet>")


def main():
    args = sys.argv[1:]
    seed, xlsx = 4, None
    if "--seed" in args:
        i = args.index("--seed"); seed = int(args[i + 1]); del args[i:i + 2]
    if "--xlsx" in args:
        i = args.index("--xlsx"); xlsx = args[i + 1]; del args[i:i + 2]
    out, n = args[0], int(args[1]) if len(args) > 1 else 1_000_000
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(HEADERS)
        w.writerows(rows(n, seed))
    if xlsx:
        write_xlsx(xlsx, ([*HEADERS] if i == 0 else r for i, r in enumerate(csv.reader(open(out, encoding="utf-8")))))


if __name__ == "__main__":
    main()
