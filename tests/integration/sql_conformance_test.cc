// The SQL conformance suite: every tests/sql/*.test file runs, in one fresh session as SYS,
// against one shared instance. Format (sqllogictest-like; records end at a blank line):
//
//   # comment
//   statement ok                 the statement must succeed
//   <sql, one or more lines>
//
//   statement error ORA-00942    the statement must fail; the error message starts with
//   <sql>                        the text after "error " (ORA number, maybe the wording)
//
//   query [rowsort]              the rows must be exactly these (in order, or after
//   <sql>                        sorting both sides with rowsort); columns joined by '|',
//   ----                         NULL written as NULL, an empty result as no lines
//   1|abc|NULL
//
// A file cleans up after itself (drops what it creates), so files do not see each other.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "instance.h"

namespace warden::testing {
namespace {

struct Record {
  int line = 0;  // of the record's first line, for messages
  enum class Kind { kStatementOk, kStatementError, kQuery } kind = Kind::kStatementOk;
  std::string error_prefix;
  bool rowsort = false;
  std::string sql;
  std::vector<std::string> expected;
};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// Parses a .test file; a malformed header fails the test with its line number.
std::vector<Record> ParseFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::vector<Record> records;
  size_t i = 0;
  while (i < lines.size()) {
    std::string head = Trim(lines[i]);
    if (head.empty() || head[0] == '#') {
      ++i;
      continue;
    }
    Record r;
    r.line = static_cast<int>(i + 1);
    if (head == "statement ok") {
      r.kind = Record::Kind::kStatementOk;
    } else if (head.rfind("statement error ", 0) == 0) {
      r.kind = Record::Kind::kStatementError;
      r.error_prefix = Trim(head.substr(16));
    } else if (head == "query" || head == "query rowsort") {
      r.kind = Record::Kind::kQuery;
      r.rowsort = head == "query rowsort";
    } else {
      ADD_FAILURE() << path.filename() << ":" << r.line << ": bad record header '" << head << "'";
      return records;
    }
    ++i;
    bool in_results = false;
    for (; i < lines.size() && !Trim(lines[i]).empty(); ++i) {
      if (r.kind == Record::Kind::kQuery && Trim(lines[i]) == "----") {
        in_results = true;
      } else if (in_results) {
        r.expected.push_back(lines[i]);
      } else {
        r.sql += (r.sql.empty() ? "" : "\n") + lines[i];
      }
    }
    // An expected empty result is written as "----" followed by the blank line.
    records.push_back(std::move(r));
  }
  return records;
}

std::vector<std::string> TestFiles() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(WARDEN_SOURCE_DIR "/tests/sql")) {
    if (e.path().extension() == ".test") files.push_back(e.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class SqlConformance : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() { instance_ = new Instance(); }
  static void TearDownTestSuite() {
    delete instance_;
    instance_ = nullptr;
  }
  static inline Instance* instance_ = nullptr;
};

std::string RowText(PGresult* res, int r) {
  std::string s;
  for (int c = 0; c < PQnfields(res); ++c) {
    if (c > 0) s += "|";
    s += PQgetisnull(res, r, c) ? "NULL" : PQgetvalue(res, r, c);
  }
  return s;
}

std::string Joined(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& l : v) s += "  " + l + "\n";
  return s;
}

TEST_P(SqlConformance, File) {
  ASSERT_TRUE(instance_->started());
  std::filesystem::path path = std::filesystem::path(WARDEN_SOURCE_DIR "/tests/sql") / GetParam();
  std::vector<Record> records = ParseFile(path);
  ASSERT_FALSE(records.empty()) << path;
  Conn conn = instance_->Connect();
  ASSERT_EQ(PQstatus(conn.get()), CONNECTION_OK) << PQerrorMessage(conn.get());
  for (const Record& r : records) {
    std::string where = GetParam() + ":" + std::to_string(r.line) + ": " + r.sql;
    PGresult* res = PQexec(conn.get(), r.sql.c_str());
    ExecStatusType st = PQresultStatus(res);
    bool ok = st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK;
    const char* msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    std::string error = ok ? "" : (msg != nullptr ? msg : PQerrorMessage(conn.get()));
    switch (r.kind) {
      case Record::Kind::kStatementOk:
        EXPECT_TRUE(ok) << where << "\n  failed: " << error;
        break;
      case Record::Kind::kStatementError:
        EXPECT_FALSE(ok) << where << "\n  succeeded, expected " << r.error_prefix;
        if (!ok) {
          EXPECT_EQ(error.rfind(r.error_prefix, 0), 0u)
              << where << "\n  error: " << error << "\n  expected: " << r.error_prefix;
        }
        break;
      case Record::Kind::kQuery: {
        if (!ok) {
          ADD_FAILURE() << where << "\n  failed: " << error;
          break;
        }
        std::vector<std::string> got;
        for (int i = 0; i < PQntuples(res); ++i) got.push_back(RowText(res, i));
        std::vector<std::string> want = r.expected;
        if (r.rowsort) {
          std::sort(got.begin(), got.end());
          std::sort(want.begin(), want.end());
        }
        EXPECT_EQ(got, want) << where << "\n  got:\n" << Joined(got) << "  expected:\n" << Joined(want);
        break;
      }
    }
    PQclear(res);
    if (PQstatus(conn.get()) != CONNECTION_OK) {
      ADD_FAILURE() << where << "\n  connection lost: " << PQerrorMessage(conn.get());
      return;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Files, SqlConformance, ::testing::ValuesIn(TestFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = info.param.substr(0, info.param.size() - 5);
                           for (char& ch : n) {
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

}  // namespace
}  // namespace warden::testing
