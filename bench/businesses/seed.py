#!/usr/bin/env python3
"""Seeds N service businesses and their inspections for the registry benchmarks
(docs/BENCHMARKS.md "Service businesses"): plain multi-row INSERTs written to stdout, the same
SQL for SQLite and PostgreSQL, piped into `sqlite3 FILE` or `psql URL`. No audit rows: a fixture,
not an API path. The database must hold the demo (`longghep demo`).

  bench/businesses/seed.py 200000 | sqlite3 /tmp/b.db
  bench/businesses/seed.py 200000 | psql -q "$PG_URL"

Deterministic (every choice is a hash of the row number, type, status and commune independent of
each other): businesses spread over the
communes of Gia Lai (52) valid today (listed by id through a sub-select), 8 types, 80 % operating,
12 % suspended, 8 % closed; 60 % of the businesses have a final inspection in 2026, one in ten of
those a second one; one inspection in four has 1–2 violations (fine 2,000,000 each), one in
three is unannounced, one in twenty is a draft.
"""
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
TYPES = ["karaoke", "massage", "hotel", "guest_house", "bar", "sauna", "dim_cafe", "other"]
BATCH = 1000
OUT = sys.stdout
W = OUT.write

# the communes of Gia Lai valid today, numbered: bench_communes(n, id)
W("BEGIN;\n")
W("CREATE TEMPORARY TABLE bench_communes (n INTEGER PRIMARY KEY, id INTEGER NOT NULL);\n")
W("INSERT INTO bench_communes SELECT ROW_NUMBER() OVER (ORDER BY id) - 1, id FROM org_units WHERE kind = 'commune' "
  "AND parent_code = '52' AND valid_from <= '2026-12-01' AND valid_to >= '2026-12-01';\n")
W("CREATE TEMPORARY TABLE bench_k (k INTEGER);\n")
W("INSERT INTO bench_k SELECT COUNT(*) FROM bench_communes;\n")
# a team, a topic and a legal reference the inspections can point at
W("INSERT INTO violation_topics (code, name_vi, name_en, sort_order, active) VALUES ('bench_topic', 'Chủ đề đo', 'Bench topic', 999, 1) "
  "ON CONFLICT DO NOTHING;\n")
W("INSERT INTO legal_references (code, instrument, article, clause, point, topic, title_vi, title_en, fine_min, fine_max, "
  "valid_from, valid_to, source_note, created_at) VALUES ('bench_ref', 'NĐ đo', '1', '', '', 'bench_topic', 'Đo', 'Bench', "
  "0, 10000000, '2020-01-01', NULL, '', '2026-01-01T00:00:00Z') ON CONFLICT DO NOTHING;\n")
W("INSERT INTO inspection_teams (id, org_unit_id, name, decision_ref, active, version, created_at, updated_at) "
  "SELECT 900000001, id, 'Đội kiểm tra (đo hiệu năng)', '', 1, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' "
  "FROM org_units WHERE code = '52' AND valid_to >= '2026-12-01';\n")

BASE = 10_000_000  # ids well above the demo's
def biz_rows(lo, hi):
    rows, hist = [], []
    for i in range(lo, hi):
        t = TYPES[i % len(TYPES)]
        r = (i * 69621) % 2147483647 % 100          # status, independent of the type
        c = (i * 48271) % 2147483647                # the commune, independent of both
        status = "operating" if r < 80 else "suspended" if r < 92 else "closed"
        name = f"{t.replace('_', ' ').title()} Do {i}"
        folded = name.lower()
        addr = f"{i % 997} Duong {i % 131}"
        rows.append(f"({BASE + i}, '{t}', '{name}', '{folded}', '{addr}', '{folded}|{addr.lower()}|' || "
                    f"(SELECT id FROM bench_communes WHERE n = {c} % (SELECT k FROM bench_k)), "
                    f"(SELECT id FROM bench_communes WHERE n = {c} % (SELECT k FROM bench_k)), '2026-01-01', 'Chủ {i}', '', '', "
                    f"NULL, '', '', NULL, {i % 9}, {i % 4}, '{status}', '2026-01-01', 1, NULL, '2026-01-01T00:00:00Z', NULL, "
                    f"'2026-01-01T00:00:00Z')")
        hist.append(f"({BASE + i}, {BASE + i}, '{status}', '2026-01-01', '', NULL, '2026-01-01T00:00:00Z')")
    return rows, hist

for lo in range(0, N, BATCH):
    rows, hist = biz_rows(lo, min(N, lo + BATCH))
    W("INSERT INTO businesses (id, type_code, name, name_folded, address, dup_key, commune_unit_id, commune_as_of, owner_name, "
      "antt_person, antt_cert_number, antt_cert_date, antt_cert_issuer, sector_licence, police_notified_on, workers_female, "
      "workers_male, status, status_since, version, created_by, created_at, updated_by, updated_at) VALUES\n")
    W(",\n".join(rows) + ";\n")
    W("INSERT INTO business_status_history (id, business_id, status, effective_on, reason, recorded_by, recorded_at) VALUES\n")
    W(",\n".join(hist) + ";\n")

# inspections: 60 % of the businesses, a tenth of those twice
ins, vio = [], []
iid = BASE
def flush():
    global ins, vio
    if ins:
        W("INSERT INTO inspections (id, code, team_id, business_id, commune_unit_id, commune_as_of, inspected_on, started_at, "
          "unannounced, fine_total, outreach_informed, outreach_health_checked, outreach_referred, status, finalised_at, "
          "signature, version, created_at, updated_at) VALUES\n" + ",\n".join(ins) + ";\n")
    if vio:
        W("INSERT INTO inspection_violations (inspection_id, seq, topic, legal_reference_id, description, fine_amount) VALUES\n"
          + ",\n".join(vio) + ";\n")
    ins, vio = [], []

for i in range(N):
    if (i * 31) % 100 >= 60: continue
    for rep in range(2 if i % 10 == 0 else 1):
        iid += 1
        nv = (1 + iid % 2) if iid % 4 == 0 else 0
        day = f"2026-{1 + (iid % 11):02d}-{1 + (iid % 28):02d}"
        status = "draft" if iid % 20 == 0 else "final"
        ins.append(f"({iid}, 'BENCH-{iid}', 900000001, {BASE + i}, (SELECT commune_unit_id FROM businesses WHERE id = {BASE + i}), "
                   f"'2026-01-01', '{day}', '{day}T09:00', {1 if iid % 3 == 0 else 0}, {nv * 2000000}, {iid % 5}, {iid % 3}, "
                   f"{iid % 2}, '{status}', {'NULL' if status == 'draft' else repr(day + 'T11:00:00Z')}, "
                   f"'{'pending' if status == 'draft' else 'signed'}', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')")
        for k in range(nv):
            vio.append(f"({iid}, {k + 1}, 'bench_topic', (SELECT id FROM legal_references WHERE code = 'bench_ref'), '', 2000000)")
    if len(ins) >= BATCH: flush()
flush()
W("COMMIT;\n")
