// libFuzzer target for the SQL front end: any bytes go through the lexer, the parser and,
// when they parse, the planner/binder (against DUAL and a small in-memory table; nothing
// runs). The only acceptable outcome is a result or an OraError: a crash, a sanitizer
// report, unbounded recursion or an uncaught exception of another kind is a bug.
// Built with clang (-DWARDEN_FUZZ=ON); tests/fuzz/run_fuzz.sh runs it for a fixed number of
// iterations from a corpus of the conformance suite's statements.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/ora_error.h"
#include "sql/executor.h"
#include "sql/parser.h"
#include "sql/rows_relation.h"

namespace {

using warden::sql::Catalog;
using warden::sql::ColumnDef;
using warden::sql::DataType;
using warden::sql::Relation;
using warden::sql::RowsRelation;
using warden::sql::Value;

// T (ID NUMBER, NAME VARCHAR2, D DATE): two rows, so planning sees real column types.
class FuzzCatalog : public Catalog {
 public:
  std::unique_ptr<Relation> Open(const std::string&, const std::string& name) override {
    if (name != "T") return nullptr;
    std::vector<ColumnDef> cols = {
        {"ID", DataType::kNumber}, {"NAME", DataType::kVarchar2}, {"D", DataType::kDate}};
    std::vector<std::vector<Value>> rows = {
        {Value::FromInt(1), Value::Varchar("a"), Value::Date(0)},
        {Value::FromInt(2), Value::Null(), Value::Null()}};
    return std::make_unique<RowsRelation>(cols, rows);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view sql(reinterpret_cast<const char*>(data), size);
  try {
    std::unique_ptr<warden::sql::Statement> stmt = warden::sql::ParseStatement(sql);
    if (stmt == nullptr) return 0;
    FuzzCatalog catalog;
    warden::sql::SessionContext session;
    session.username = "SYS";
    warden::sql::ExecContext ctx;
    ctx.session = &session;
    warden::sql::PlanQuery(*stmt, catalog, ctx);  // binds and plans queries; runs nothing
  } catch (const warden::OraError&) {
    // the expected way to reject input
  }
  return 0;
}
