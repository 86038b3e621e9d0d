// PreparedStatement and Portal: parameter counting for $n, :n and :name, Describe before any
// run, bind values as VARCHAR2 with implicit conversion, ORA-01008 / ORA-01006, row limits
// (suspension and continuation), a command run once, SET/SHOW through the same path.
#include "sql/prepared_statement.h"

#include <gtest/gtest.h>

#include "common/ora_error.h"

namespace warden::sql {
namespace {

// One table NUMS(N NUMBER, LABEL VARCHAR2) with rows 1..5.
class NumsCatalog : public Catalog {
 public:
  class Nums : public Relation {
   public:
    const std::vector<ColumnDef>& columns() const override {
      static const std::vector<ColumnDef> kCols = {{"N", DataType::kNumber},
                                                   {"LABEL", DataType::kVarchar2}};
      return kCols;
    }
    bool Next(std::vector<Value>* row) override {
      if (next_ > 5) return false;
      *row = {Value::FromInt(next_), Value::Varchar("n" + std::to_string(next_))};
      ++next_;
      return true;
    }

   private:
    int64_t next_ = 1;
  };
  std::unique_ptr<Relation> Open(const std::string&, const std::string& name) override {
    if (name == "NUMS") return std::make_unique<Nums>();
    return nullptr;
  }
};

class Collect : public ResultSink {
 public:
  void Columns(const std::vector<ColumnDef>& cols) override { columns = cols; }
  void Row(const std::vector<Value>& row) override {
    std::string line;
    for (const Value& v : row)
      line += (line.empty() ? "" : "|") + (v.is_null() ? "NULL" : v.ToText());
    rows.push_back(line);
  }
  std::vector<ColumnDef> columns;
  std::vector<std::string> rows;
};

class PreparedStatementTest : public ::testing::Test {
 protected:
  std::vector<std::string> Run(std::string_view sql, const BindValues& binds) {
    Collect sink;
    tag_ = PreparedStatement::Prepare(sql).Execute(catalog_, session_, binds, sink);
    return sink.rows;
  }
  int CodeOf(std::string_view sql, const BindValues& binds) {
    try {
      Run(sql, binds);
    } catch (const OraError& e) {
      return e.code();
    }
    return 0;
  }

  NumsCatalog catalog_;
  SessionContext session_;
  std::string tag_;
};

TEST_F(PreparedStatementTest, ParamCount) {
  EXPECT_EQ(PreparedStatement::Prepare("select 1 from dual").ParamCount(), 0);
  EXPECT_EQ(PreparedStatement::Prepare("select $1, $3 from dual").ParamCount(), 3);
  EXPECT_EQ(PreparedStatement::Prepare("select :1 || :1 from dual").ParamCount(), 1);
  EXPECT_EQ(PreparedStatement::Prepare("select :a, :b, :A from dual").ParamCount(), 2);
  EXPECT_EQ(PreparedStatement::Prepare("  -- nothing\n").ParamCount(), 0);
  EXPECT_THROW(PreparedStatement::Prepare("select $0 from dual"), OraError);
}

TEST_F(PreparedStatementTest, BindsByPositionOrByName) {
  EXPECT_EQ(Run("select $2 || $1 from dual", {"a", "b"}), std::vector<std::string>{"ba"});
  EXPECT_EQ(Run("select :x || :y || :x from dual", {"1", "2"}), std::vector<std::string>{"121"});
  EXPECT_EQ(Run("select n from nums where n > :low and n <= :high", {"2", "4"}),
            (std::vector<std::string>{"3", "4"}));
  EXPECT_EQ(Run("select nvl($1, 'null') from dual", {std::nullopt}),
            std::vector<std::string>{"null"});
  EXPECT_EQ(Run("select $1 + 0.5 from dual", {"1"}), std::vector<std::string>{"1.5"});
  EXPECT_EQ(CodeOf("select $1 + 1 from dual", {"one"}), 1722);
}

TEST_F(PreparedStatementTest, WrongNumberOfBinds) {
  EXPECT_EQ(CodeOf("select :a from dual", {}), 1008);
  EXPECT_EQ(CodeOf("select $2 from dual", {"x"}), 1008);
  EXPECT_EQ(CodeOf("select 1 from dual", {"x"}), 1006);
  EXPECT_EQ(CodeOf("select :x from dual", {}), 1008);  // what ExecuteStatement gives too
}

TEST_F(PreparedStatementTest, DescribeWithoutRunning) {
  PreparedStatement p =
      PreparedStatement::Prepare("select n, label, sysdate d from nums where n = :n");
  std::optional<std::vector<ColumnDef>> cols = p.Describe(catalog_, session_);
  ASSERT_TRUE(cols.has_value());
  ASSERT_EQ(cols->size(), 3u);
  EXPECT_EQ((*cols)[0].name, "N");
  EXPECT_EQ((*cols)[0].type, DataType::kNumber);
  EXPECT_EQ((*cols)[1].type, DataType::kVarchar2);
  EXPECT_EQ((*cols)[2].type, DataType::kDate);
  EXPECT_FALSE(PreparedStatement::Prepare("call dbms_lock.sleep(:s)").Describe(catalog_, session_));
  EXPECT_FALSE(PreparedStatement::Prepare("").Describe(catalog_, session_));
  std::optional<std::vector<ColumnDef>> show =
      PreparedStatement::Prepare("show datestyle").Describe(catalog_, session_);
  ASSERT_TRUE(show.has_value());
  EXPECT_EQ((*show)[0].name, "DateStyle");
  try {
    PreparedStatement::Prepare("select x from nowhere").Describe(catalog_, session_);
    ADD_FAILURE() << "no ORA-00942";
  } catch (const OraError& e) {
    EXPECT_EQ(e.code(), 942);
  }
}

TEST_F(PreparedStatementTest, PortalRunsInBatchesOfMaxRows) {
  PreparedStatement p = PreparedStatement::Prepare("select n from nums where n >= $1");
  std::unique_ptr<Portal> portal = p.Bind(catalog_, session_, {"2"});
  Collect sink;
  Portal::Outcome o = portal->Run(sink, 2);
  EXPECT_TRUE(o.suspended);
  EXPECT_EQ(sink.rows, (std::vector<std::string>{"2", "3"}));
  o = portal->Run(sink, 2);
  EXPECT_TRUE(o.suspended);  // exactly max_rows: PostgreSQL suspends too
  o = portal->Run(sink, 2);
  EXPECT_FALSE(o.suspended);
  EXPECT_EQ(o.tag, "SELECT 0");
  EXPECT_EQ(sink.rows, (std::vector<std::string>{"2", "3", "4", "5"}));
  EXPECT_TRUE(sink.columns.empty());  // Run never describes
  try {
    portal->Run(sink, 0);
    ADD_FAILURE() << "a complete portal ran again";
  } catch (const OraError& e) {
    EXPECT_EQ(e.code(), 1002);
  }
}

TEST_F(PreparedStatementTest, OnePreparedStatementManyPortals) {
  PreparedStatement p = PreparedStatement::Prepare("select label from nums where n = :n");
  for (int i = 1; i <= 5; ++i) {
    Collect sink;
    Portal::Outcome o = p.Bind(catalog_, session_, {std::to_string(i)})->Run(sink, 0);
    EXPECT_EQ(o.tag, "SELECT 1");
    EXPECT_EQ(sink.rows, std::vector<std::string>{"n" + std::to_string(i)});
  }
}

TEST_F(PreparedStatementTest, SettingsGoThroughTheSamePath) {
  EXPECT_TRUE(Run("set extra_float_digits = -2", {}).empty());
  EXPECT_EQ(tag_, "SET");
  EXPECT_EQ(Run("show extra_float_digits", {}), std::vector<std::string>{"-2"});
  EXPECT_EQ(tag_, "SHOW");
  EXPECT_TRUE(Run("reset extra_float_digits", {}).empty());
  EXPECT_EQ(tag_, "RESET");
  EXPECT_EQ(Run("show all", {}).size(), session_.settings.All().size());
  EXPECT_EQ(Run("", {}), std::vector<std::string>{});
  EXPECT_EQ(tag_, "");
}

}  // namespace
}  // namespace warden::sql
