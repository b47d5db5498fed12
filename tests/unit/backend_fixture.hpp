// A fresh database of each backend for a parameterised storage test: a temporary SQLite file, or a
// new PostgreSQL database beside LONGGHEP_TEST_PG_URL (the test is skipped when it is not set);
// dropped after the test. INSTANTIATE_TEST_SUITE_P(..., ::testing::Values("sqlite", "postgresql")).
#pragma once

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "storage/database.hpp"

namespace longghep::test_fixture {

class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  // Opens db_ on a new database named `prefix`_<pid>_<n> with a pool of `pool` connections. Skips
  // the test (IsSkipped()) on PostgreSQL without LONGGHEP_TEST_PG_URL; migrations are the caller's.
  void open_fresh(const std::string& prefix, int pool) {
    static int counter = 0;
    const std::string name = prefix + std::to_string(getpid()) + "_" + std::to_string(++counter);
    if (GetParam() == "sqlite") {
      path_ = std::filesystem::temp_directory_path() / (name + ".db");
      db_ = Database::open("sqlite://" + path_.string(), pool);
      return;
    }
    const char* base = std::getenv("LONGGHEP_TEST_PG_URL");
    if (!base) GTEST_SKIP() << "LONGGHEP_TEST_PG_URL not set: PostgreSQL storage tests skipped";
    const std::string url = base;
    soci::session admin(soci::postgresql, url);
    admin << "CREATE DATABASE " + name;  // name is generated above, never input
    pg_base_ = url;
    pg_name_ = name;
    const auto q = url.find('?');
    const std::string dir = url.substr(0, url.rfind('/', q) + 1);
    db_ = Database::open(dir + name + (q == std::string::npos ? std::string() : url.substr(q)), pool);
  }
  void TearDown() override {
    db_.reset();
    if (!path_.empty()) {
      for (auto ext : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + ext);
    }
    if (!pg_name_.empty()) {
      soci::session admin(soci::postgresql, pg_base_);
      admin << "DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)";
    }
  }
  std::unique_ptr<Database> db_;
  std::filesystem::path path_;
  std::string pg_base_, pg_name_;
};

}  // namespace longghep::test_fixture
