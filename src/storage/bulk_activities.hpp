// The bulk write path of an activity import (issue 20): activities are written in batches, each
// batch as a few set-wise statements instead of one statement per row and table.
//
// Inside ONE transaction (the caller's Database::transact): all or nothing, as the row path.
//  - ids are assigned by the writer (SQLite: MAX(id) + 1 onwards — what INTEGER PRIMARY KEY would
//    give; PostgreSQL: a block of nextval() of the identity's sequence), so the child rows of a
//    batch need no RETURNING round trip;
//  - activities whose key already exists are skipped (ON CONFLICT (key) DO NOTHING of the row
//    path): one key look-up per batch on PostgreSQL (key = ANY(array)), a prepared point look-up
//    per activity on SQLite (in-process);
//  - rows are written by table in id order (the primary-key B-trees are appended to): SQLite one
//    prepared statement run over bound vectors (SOCI bulk), PostgreSQL COPY … FROM STDIN (libpq
//    PQputCopyData on SOCI's connection);
//  - every row carries the transaction's activities_revision, taken by the caller up front (no
//    stamping UPDATE of every row before COMMIT);
//  - the facts of the written activities are appended to `facts` (a fresh FactStore, in id order),
//    so the analytics engine takes them from the parsed batch instead of re-reading them.
// Batch size: LONGGHEP_IMPORT_BATCH (activities, default 5000, at least 1) — tests use a small one.
#pragma once
#include <soci/soci.h>

#include <memory>
#include <string>
#include <vector>

#include "analytics/fact_store.hpp"
#include "domain/activity.hpp"

namespace longghep {

class BulkActivityWriter {
 public:
  // `revision`: the transaction's activities_revision (bump_activities_revision, taken by the caller).
  BulkActivityWriter(soci::session& s, long long import_id, const std::string& created_by, long long revision,
                     analytics::FactStore* facts);
  ~BulkActivityWriter();
  // Queues `in` (already validated) on `org_unit_id`; writes a batch when full.
  void add(const ActivityInput& in, long long org_unit_id);
  // Writes what is queued. Call once at the end (inside the transaction).
  void flush();
  long long inserted() const { return inserted_; }
  static size_t batch_size();  // LONGGHEP_IMPORT_BATCH or the default

  // Time spent in flush (ms), by step, for the benchmark log.
  double ms_keys = 0, ms_ids = 0, ms_write = 0;

 private:
  struct Item {
    ActivityInput in;
    long long unit = 0;
  };
  void write_sqlite(const std::vector<const Item*>& items, const std::vector<long long>& ids);
  void write_pg(const std::vector<const Item*>& items, const std::vector<long long>& ids);
  soci::session& s_;
  const bool pg_;
  long long import_id_, revision_;
  std::string created_by_, now_;
  analytics::FactStore* facts_;
  std::vector<Item> batch_;
  size_t batch_size_;
  long long inserted_ = 0, next_id_ = 0;
  struct Sqlite;
  std::unique_ptr<Sqlite> lite_;
};

}  // namespace longghep
