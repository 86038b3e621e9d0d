// An in-memory catalog and a runner for the query tests (joins, groups, subqueries, set
// operators, ROWNUM): EMP, DEPT, SESS/PROC (RAW-like hex addresses, as the fixed views
// have), and NUMS(N) with a row count chosen by the test, which counts the rows read.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "common/ora_error.h"
#include "sql/executor.h"
#include "wait/interrupts.h"

namespace warden::sql::testing {

class VectorRelation : public Relation {
 public:
  VectorRelation(std::vector<ColumnDef> cols, std::vector<std::vector<Value>> rows,
                 int64_t* rows_read = nullptr)
      : cols_(std::move(cols)), rows_(std::move(rows)), rows_read_(rows_read) {}
  const std::vector<ColumnDef>& columns() const override { return cols_; }
  bool Next(std::vector<Value>* row) override {
    if (next_ >= rows_.size()) return false;
    *row = rows_[next_++];
    if (rows_read_ != nullptr) ++*rows_read_;
    return true;
  }

 private:
  std::vector<ColumnDef> cols_;
  std::vector<std::vector<Value>> rows_;
  int64_t* rows_read_;
  size_t next_ = 0;
};

// While it lives, every interrupt check the executor makes calls `on_check` (which may throw,
// as a kill or a cancel would): it binds an interrupt word with a bit set, so each check takes
// the slow path, and hands the bits to a test handler (wait::SetInterruptHandlerForTests).
class InterceptInterruptChecks {
 public:
  explicit InterceptInterruptChecks(std::function<void()> on_check) {
    wait::BindInterruptWord(&word_);
    wait::SetInterruptHandlerForTests([f = std::move(on_check)](uint32_t) { f(); });
  }
  ~InterceptInterruptChecks() {
    wait::SetInterruptHandlerForTests(nullptr);
    wait::BindInterruptWord(nullptr);
  }
  InterceptInterruptChecks(const InterceptInterruptChecks&) = delete;
  InterceptInterruptChecks& operator=(const InterceptInterruptChecks&) = delete;

 private:
  std::atomic<uint32_t> word_{1};
};

inline Value N(int64_t v) { return Value::FromInt(v); }
inline Value S(const char* s) { return Value::Varchar(s); }

class QueryCatalog : public Catalog {
 public:
  std::unique_ptr<Relation> Open(const std::string& schema, const std::string& name) override;
  int64_t nums_rows = 100;  // NUMS(N): 1..nums_rows
  int64_t rows_read = 0;    // rows NUMS returned so far
};

class QueryTest : public ::testing::Test {
 protected:
  QueryTest();
  using Rows = std::vector<std::vector<std::string>>;
  // The rows, each column as text ("NULL" for NULL), joined by '|'.
  std::vector<std::string> Run(std::string_view sql);
  std::vector<std::string> Sorted(std::string_view sql);
  int CodeOf(std::string_view sql);
  std::string MessageOf(std::string_view sql);

  QueryCatalog catalog_;
  SessionContext session_;
  std::vector<ColumnDef> columns_;
};

}  // namespace warden::sql::testing
