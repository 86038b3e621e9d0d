// The query tests' catalog and runner (see query_fixture.h).
#include "query_fixture.h"

#include <algorithm>

namespace warden::sql::testing {
namespace {

class CollectingSink : public ResultSink {
 public:
  void Columns(const std::vector<ColumnDef>& cols) override { columns = cols; }
  void Row(const std::vector<Value>& row) override {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) line += "|";
      line += row[i].is_null() ? "NULL" : row[i].ToText();
    }
    rows.push_back(std::move(line));
  }
  std::vector<ColumnDef> columns;
  std::vector<std::string> rows;
};

}  // namespace

std::unique_ptr<Relation> QueryCatalog::Open(const std::string& schema, const std::string& name) {
  constexpr DataType kN = DataType::kNumber;
  constexpr DataType kV = DataType::kVarchar2;
  const Value null;
  if (!schema.empty()) return nullptr;
  if (name == "EMP") {
    return std::make_unique<VectorRelation>(
        std::vector<ColumnDef>{{"ID", kN}, {"NAME", kV}, {"DEPT", kN}, {"SAL", kN}, {"MGR", kN}},
        std::vector<std::vector<Value>>{{N(1), S("alice"), N(10), N(5000), null},
                                        {N(2), S("bob"), N(20), null, N(1)},
                                        {N(3), S("carol"), null, N(3000), N(1)},
                                        {N(4), S("dave"), N(10), N(4000), N(2)},
                                        {N(5), null, N(20), N(4000), N(2)}});
  }
  if (name == "DEPT") {
    return std::make_unique<VectorRelation>(
        std::vector<ColumnDef>{{"ID", kN}, {"DNAME", kV}, {"LOC", kV}},
        std::vector<std::vector<Value>>{
            {N(10), S("SALES"), S("NY")}, {N(20), S("IT"), S("SF")}, {N(30), S("HR"), null}});
  }
  if (name == "SESS") {
    return std::make_unique<VectorRelation>(
        std::vector<ColumnDef>{{"SID", kN}, {"PADDR", kV}},
        std::vector<std::vector<Value>>{{N(1), S("00007F00000010A0")},
                                        {N(2), S("00007F00000010B8")},
                                        {N(3), S("00007F00000010A0")}});
  }
  if (name == "PROC") {
    return std::make_unique<VectorRelation>(
        std::vector<ColumnDef>{{"ADDR", kV}, {"PID", kN}},
        std::vector<std::vector<Value>>{{S("00007F00000010A0"), N(10)},
                                        {S("00007F00000010B8"), N(11)},
                                        {S("00007F00000010D0"), N(12)}});
  }
  if (name == "NUMS") {
    std::vector<std::vector<Value>> rows;
    for (int64_t i = 1; i <= nums_rows; ++i) rows.push_back({N(i)});
    return std::make_unique<VectorRelation>(std::vector<ColumnDef>{{"N", kN}}, std::move(rows),
                                            &rows_read);
  }
  return nullptr;
}

QueryTest::QueryTest() {
  session_.username = "SYS";
  session_.sid = 23;
  session_.serial = 7;
  session_.instance_name = "warden";
}

std::vector<std::string> QueryTest::Run(std::string_view sql) {
  CollectingSink sink;
  ExecuteStatement(sql, catalog_, session_, sink);
  columns_ = sink.columns;
  return sink.rows;
}

std::vector<std::string> QueryTest::Sorted(std::string_view sql) {
  std::vector<std::string> rows = Run(sql);
  std::sort(rows.begin(), rows.end());
  return rows;
}

int QueryTest::CodeOf(std::string_view sql) {
  try {
    Run(sql);
  } catch (const OraError& e) {
    return e.code();
  }
  ADD_FAILURE() << "no error for: " << sql;
  return 0;
}

std::string QueryTest::MessageOf(std::string_view sql) {
  try {
    Run(sql);
  } catch (const OraError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for: " << sql;
  return "";
}

}  // namespace warden::sql::testing
