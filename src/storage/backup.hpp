// Backups (issue 13): `longghep backup --db URL --out FILE` and `longghep restore --db URL --in FILE`.
// SQLite: the online backup API (sqlite3_backup_*), page by page, safe while a server writes
// (a writer only makes the copy start over its remaining pages; readers are never blocked).
// PostgreSQL: `pg_dump --format=custom` and `pg_restore` (Debian package postgresql-client), run
// without a shell. A backup is written to FILE.partial and renamed when complete. Restore refuses
// a database that already holds tables unless `force` (then it is emptied first); stop the
// servers of that database before restoring.
#pragma once
#include <string>

namespace longghep {

struct BackupSummary {
  long long bytes = 0;
  std::string method;  // "sqlite3_backup" | "pg_dump"
};

BackupSummary backup_database(const std::string& db_url, const std::string& out_file);
void restore_database(const std::string& db_url, const std::string& in_file, bool force);

}  // namespace longghep
