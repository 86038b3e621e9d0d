// The SQL layer's entry point: parse one statement, plan it, run it, stream its rows to a
// ResultSink. The dedicated server calls ExecuteStatement once per simple-protocol query.
// Relation, Catalog (relation.h) and SessionContext (session_context.h) are part of this
// interface; the lead's fixed views implement Relation and Catalog.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sql/dual.h"
#include "sql/parser.h"
#include "sql/relation.h"
#include "sql/session_context.h"
#include "sql/value.h"

namespace warden::sql {

// Receives results as they are produced (the server streams them as DataRow messages).
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  virtual void Columns(const std::vector<ColumnDef>& cols) = 0;
  virtual void Row(const std::vector<Value>& row) = 0;
};

// Parses and runs one statement; returns the PostgreSQL CommandComplete tag ("SELECT 3").
// Throws OraError on failure (with position() set for parse and name-resolution errors).
// An empty statement (IsEmptyStatement) returns "" and touches neither catalog nor sink.
std::string ExecuteStatement(std::string_view sql, Catalog& catalog, SessionContext& session,
                             ResultSink& sink);

}  // namespace warden::sql
