// longghep: one binary, subcommands serve | migrate | demo | import-units | import-geo | user | backup | restore
// | routes | permissions.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/case_keys.hpp"
#include "domain/case_rights.hpp"
#include "storage/case_rights.hpp"
#include "app/codegen.hpp"
#include "app/config.hpp"
#include "app/demo.hpp"
#include "app/geo_import.hpp"
#include "domain/error.hpp"
#include "http/app.hpp"
#include "http/routes.hpp"
#include "http/server.hpp"
#include "importer/unit_sources.hpp"
#include "security/crypto.hpp"
#include "storage/activity_import.hpp"
#include "storage/backup.hpp"
#include "storage/org_units.hpp"
#include "storage/users.hpp"

using namespace longghep;

namespace {
std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error::BadRequest("Không đọc được tệp " + path, "Cannot read file " + path, "file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void setup_logging(const Config& cfg) {
  auto logger = spdlog::stderr_color_mt("longghep");
  if (cfg.log_json)
    logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","thread":%t,"msg":"%v"})");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(cfg.log_level));
}

// sqlite://relative/x.db: make sure the folder exists so a fresh clone "just works".
void ensure_sqlite_dir(const std::string& url) {
  const std::string prefix = "sqlite://";
  if (url.rfind(prefix, 0) != 0) return;
  std::filesystem::path p(url.substr(prefix.size()));
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
}

std::unique_ptr<Database> open_db(const Config& cfg) {
  ensure_sqlite_dir(cfg.db_url);
  auto db = Database::open(cfg.db_url, static_cast<size_t>(cfg.db_pool), cfg.db_lease_timeout_ms);
  int ran = db->migrate();
  if (ran) spdlog::info("{} migration(s) applied; schema version {}", ran, db->schema_version());
  return db;
}
}  // namespace

int main(int argc, char** argv) {
  security::init();
  CLI::App cli{"longghep — lồng ghép phòng ngừa mại dâm / prostitution-prevention mainstreaming"};
  cli.require_subcommand(1);
  cli.fallthrough();  // --db and --config work before or after the subcommand
  Config cfg;
  std::string config_file, db_flag;
  int port_flag = 0;
  std::string web_root_flag;
  cli.add_option("--config", config_file, "Config file (key = value)");
  cli.add_option("--db", db_flag, "Database URL: sqlite:///path.db or postgresql://…");

  auto* serve = cli.add_subcommand("serve", "Serve the API and web UI");
  serve->add_option("--port", port_flag, "TCP port (default 8080)");
  serve->add_option("--web-root", web_root_flag, "Folder of the built web UI (default web/dist)");
  bool bench_routes_flag = false;
  serve->add_flag("--bench-routes", bench_routes_flag, "Also serve GET /hello, the benchmarks' baseline (config bench_routes)");
  auto* routes_cmd = cli.add_subcommand("routes", "List the routes of the server (method, path, auth, permission, summary)");
  bool routes_json_flag = false;
  routes_cmd->add_flag("--json", routes_json_flag, "As JSON (read by tests/api/ops.test.mjs)");
  auto* perms_cmd = cli.add_subcommand("permissions", "The permission catalogue (domain/access.hpp)");
  bool perms_ts_flag = false;
  perms_cmd->add_flag("--ts", perms_ts_flag, "As web/src/api/permissions.gen.ts");
  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations");
  auto* demo = cli.add_subcommand("demo", "Create or refresh the demo dataset");
  auto* imp = cli.add_subcommand("import-units", "Import an official unit list or lineage file");
  std::string imp_file, imp_format, reform = "2025-07-01";
  imp->add_option("file", imp_file, "vn-units-2025.json, vn-units-pre2025.json, vn-units-2025-merges.json or CSV")->required();
  imp->add_option("--format", imp_format, "vn2025 | vnpre2025 | vnmerges | csv | lineagecsv (default: detected)");
  imp->add_option("--reform-date", reform, "First day of the new hierarchy (default 2025-07-01)");
  auto* geo = cli.add_subcommand("import-geo", "Import administrative boundaries (GeoJSON FeatureCollection) for maps");
  std::string geo_level;
  std::vector<std::string> geo_files;
  double geo_tolerance = -1;
  geo->add_option("--level", geo_level, "province | commune")->required();
  geo->add_option("--file", geo_files, "A .geojson file or a folder of them (repeatable)")->required();
  geo->add_option("--tolerance", geo_tolerance, "Simplification tolerance in degrees (default 0.005 province, 0.0005 commune)");
  auto* backup = cli.add_subcommand("backup", "Back up the database (safe while the server runs)");
  std::string backup_out, restore_in;
  bool restore_force = false;
  backup->add_option("--out", backup_out, "Backup file (SQLite: a database file; PostgreSQL: pg_dump custom format)")->required();
  auto* restore = cli.add_subcommand("restore", "Restore a backup into an empty database (stop its servers first)");
  restore->add_option("--in", restore_in, "Backup file written by `longghep backup`")->required();
  restore->add_flag("--force", restore_force, "Replace the content of a database that is not empty");
  auto* keys = cli.add_subcommand("keys", "Master keys of the sealed identities of people supported");
  keys->require_subcommand(1);
  auto* keys_init = keys->add_subcommand("init", "Create the key file (case_key_file, or --key-file) with a new master key unless it exists");
  std::string key_file_flag;
  keys_init->add_option("--key-file", key_file_flag, "Key file to create (default: config case_key_file)");
  auto* keys_rotate = keys->add_subcommand("rotate", "New master key: re-wrap the data keys (records untouched, no downtime)");
  auto* keys_status = keys->add_subcommand("status", "Which master key wraps the data keys; whether the configured key opens them");
  auto* retention = cli.add_subcommand("retention", "Retention of support records (issue 16 §6)");
  retention->require_subcommand(1);
  auto* retention_run = retention->add_subcommand(
      "run", "Anonymise closed records whose closure is older than case_retention_years (default 5)");
  bool retention_dry = false;
  std::string retention_as_of;
  retention_run->add_flag("--dry-run", retention_dry, "Only count what would be anonymised");
  retention_run->add_option("--as-of", retention_as_of, "The day to count from (YYYY-MM-DD, default today)");
  auto* user = cli.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  auto* uadd = user->add_subcommand("add", "Add a user (password read from LONGGHEP_PASSWORD or stdin)");
  std::string u_name, u_full, u_unit, u_role = "viewer";
  uadd->add_option("username", u_name)->required();
  uadd->add_option("--full-name", u_full)->required();
  uadd->add_option("--unit", u_unit, "Official code of the current home org unit")->required();
  uadd->add_option("--role", u_role, "Role code");
  auto* ureset = user->add_subcommand("reset-password", "Set a new password (LONGGHEP_PASSWORD or stdin)");
  ureset->add_option("username", u_name)->required();
  auto* ulist = user->add_subcommand("list", "List users");

  CLI11_PARSE(cli, argc, argv);

  try {
    if (!config_file.empty()) apply_config(cfg, parse_config_text(read_file(config_file)));
    apply_config(cfg, config_from_env());
    if (!db_flag.empty()) cfg.db_url = db_flag;
    if (port_flag) cfg.port = port_flag;
    if (!web_root_flag.empty()) cfg.web_root = web_root_flag;
    if (!key_file_flag.empty()) cfg.case_key_file = key_file_flag;
    if (bench_routes_flag) cfg.bench_routes = true;
    setup_logging(cfg);

    auto read_password = [&]() {
      if (const char* p = std::getenv("LONGGHEP_PASSWORD")) return std::string(p);
      std::string pw;
      std::cerr << "Mật khẩu / Password: ";
      std::getline(std::cin, pw);
      return pw;
    };

    if (*routes_cmd) {
      const std::vector<Route> routes = all_routes(cfg.bench_routes);
      if (routes_json_flag) std::cout << routes_json(routes).dump(2) << "\n";
      else
        for (const Route& r : routes)
          std::cout << r.method << "\t" << r.pattern << "\t" << (r.auth == Auth::Public ? "public" : "session") << "\t"
                    << (r.permission ? r.permission : "-") << "\t" << r.summary << "\n";
    } else if (*perms_cmd) {
      if (perms_ts_flag) std::cout << permissions_typescript();
      else
        for (const char* code : perm::kAll) std::cout << code << "\n";
    } else if (*serve) {
      finish_mail_config(cfg);
      App app(cfg.http(), open_db(cfg));
      ImportJobs::instance().recover(app.db());  // jobs a crash left running, stray job files
      CaseKeyState keys_state = open_configured_case_keys(app.db(), cfg);
      if (!keys_state.sealer)
        spdlog::warn("support records unavailable (503): {}", keys_state.problem_en);
      app.set_case_keys(std::move(keys_state));
      run_server(app);
    } else if (*backup) {
      const BackupSummary b = backup_database(cfg.db_url, backup_out);
      std::cout << "backup (" << b.method << "): " << backup_out << ", " << b.bytes << " bytes\n";
    } else if (*restore) {
      ensure_sqlite_dir(cfg.db_url);
      restore_database(cfg.db_url, restore_in, restore_force);
      std::cout << "restored " << restore_in << "\n";
    } else if (*migrate) {
      auto db = open_db(cfg);
      std::cout << "schema version " << db->schema_version() << "\n";
    } else if (*demo) {
      auto db = open_db(cfg);
      const CaseKeyState keys_state = open_configured_case_keys(*db, cfg);
      if (!keys_state.sealer)
        std::cout << "demo: no support records (" << keys_state.problem_en << "; see `longghep keys init`)\n";
      DemoSummary s = load_demo(*db, keys_state.sealer.get());
      std::cout << "demo: " << s.units_created << " units, " << s.events << " lineage events, " << s.agencies
                << " agencies, " << s.roles << " lead roles, " << s.users << " users, " << s.activities << " activities, " << s.boundaries << " province boundaries, " << s.cases << " support records created\n";
    } else if (*imp) {
      auto db = open_db(cfg);
      std::string text = read_file(imp_file);
      if (imp_format.empty()) imp_format = detect_unit_format(text);
      ImportOptions opt;
      opt.reform_date = Date::parse_or_throw(reform, "reform-date");
      UnitBatch batch = read_units(text, imp_format, opt);
      ImportResult r;
      db->transact([&](soci::session& s) {
        r = apply_unit_batch(s, batch, Actor{0, "import-units"},
                             imp_format == "vnmerges" ? LinkPolicy::ReportUnresolved : LinkPolicy::Strict);
      });
      std::cout << imp_format << ": " << r.created << " created, " << r.updated << " updated, " << r.unchanged
                << " unchanged, " << r.events << " lineage events added, " << r.events_unchanged << " already present, "
                << r.unresolved.size() << " unresolved\n";
      for (const auto& u : r.unresolved) std::cout << "  unresolved link: " << u << "\n";
    } else if (*geo) {
      auto level = boundary_level_of(geo_level);
      if (!level) throw Error::Validation("level", "Cấp phải là province hoặc commune", "level must be province or commune");
      std::vector<std::string> files;
      for (const auto& f : geo_files)
        for (auto& x : boundary_files(f)) files.push_back(std::move(x));
      auto db = open_db(cfg);
      BoundaryImportOptions opt;
      opt.level = *level;
      opt.tolerance = geo_tolerance;
      BoundaryImportResult r = import_boundary_files(*db, files, opt, Actor{0, "import-geo"});
      std::cout << geo_level << ": " << files.size() << " file(s), " << r.matched.size() << " matched, "
                << r.unmatched.size() << " unmatched, " << r.positions_in << " → " << r.positions_out
                << " positions, " << r.bytes_out << " bytes stored\n";
      for (const auto& u : r.unmatched)
        std::cout << "  unmatched feature " << u.index << (u.code.empty() ? "" : " (" + u.code + ")") << ": " << u.reason_en << "\n";
    } else if (*keys_init) {
      if (cfg.case_key_file.empty())
        throw Error::Validation("key-file", "Cần --key-file hoặc case_key_file", "--key-file or case_key_file is needed");
      std::cout << "master key " << init_key_file(cfg.case_key_file) << " in " << cfg.case_key_file << "\n";
    } else if (*keys_rotate) {
      auto db = open_db(cfg);
      std::cout << "data keys re-wrapped under master key " << rotate_master_key(*db, cfg) << "\n";
    } else if (*keys_status) {
      auto db = open_db(cfg);
      std::string problem;
      const auto masters = configured_master_keys(cfg, &problem);
      std::cout << "configured master key: " << (masters.empty() ? "none" + (problem.empty() ? "" : " (" + problem + ")") : masters[0].id)
                << "\n";
      CaseKeyState st;
      db->with_session([&](soci::session& s) {
        for (const auto& line : case_key_summary(s)) std::cout << "data key " << line << "\n";
        st = open_case_keys(s, masters, false);
      });
      std::cout << (st.sealer ? "the configured key opens the data keys" : "not usable: " + st.problem_en) << "\n";
    } else if (*retention_run) {
      auto db = open_db(cfg);
      const Date as_of = retention_as_of.empty() ? Date::today_vn() : Date::parse_or_throw(retention_as_of, "as-of");
      const Date cutoff = cases::retention_cutoff(as_of, cfg.case_retention_years);
      std::vector<long long> ids;
      db->with_session([&](soci::session& s) { ids = retention_candidates(s, cutoff); });
      long long done = 0;
      const std::string reason = "Hết thời hạn lưu trữ " + std::to_string(cfg.case_retention_years) +
                                 " năm sau khi đóng hồ sơ / retention period of " +
                                 std::to_string(cfg.case_retention_years) + " years after closure";
      if (!retention_dry)
        for (long long id : ids)
          db->transact([&](soci::session& s) {
            auto r = get_case(s, id);
            if (!r || r->status != "closed") return;  // changed meanwhile
            anonymise_case(s, *r, reason, Actor{0, "retention"});
            ++done;
          });
      std::cout << "retention: " << ids.size() << " closed record(s) closed before " << cutoff.iso() << " ("
                << cfg.case_retention_years << " years before " << as_of.iso() << "); "
                << (retention_dry ? "dry run, none anonymised" : std::to_string(done) + " anonymised") << "\n";
    } else if (*uadd) {
      auto db = open_db(cfg);
      std::string pw = read_password();
      validate_password(pw);
      const std::string hash = security::hash_password(pw);  // before the transaction, never in it
      db->transact([&](soci::session& s) {
        auto h = load_hierarchy(s);
        const OrgUnit* u = h->find(u_unit, Date::today_vn());
        if (!u) throw Error::Validation("unit", "Không có đơn vị hiện hành mã " + u_unit, "No current unit with code " + u_unit);
        create_user(s, UserInput{u_name, u_full, "", pw, u->id, 0, {u_role}, true, hash}, false, Actor{0, "cli"});
      });
      std::cout << "user " << u_name << " created\n";
    } else if (*ureset) {
      auto db = open_db(cfg);
      std::string pw = read_password();
      validate_password(pw, "newPassword");
      const std::string hash = security::hash_password(pw);  // before the transaction, never in it
      db->transact([&](soci::session& s) {
        auto u = find_user(s, u_name);
        if (!u) throw Error::NotFound("người dùng " + u_name, "User " + u_name);
        set_password_hash(s, u->id, hash, false, Actor{0, "cli"});
        delete_user_sessions(s, u->id);
      });
      std::cout << "password of " << u_name << " reset\n";
    } else if (*ulist) {
      auto db = open_db(cfg);
      db->with_session([&](soci::session& s) {
        std::string name, full;
        int active = 0;
        soci::statement st = (s.prepare << "SELECT username, full_name, active FROM users ORDER BY username",
                              soci::into(name), soci::into(full), soci::into(active));
        st.execute();
        while (st.fetch()) std::cout << name << "\t" << full << (active ? "" : "\t(inactive)") << "\n";
      });
    }
  } catch (const Error& e) {
    std::cerr << "Lỗi: " << e.message_vi() << "\nError: " << e.message_en() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "Lỗi / Error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
