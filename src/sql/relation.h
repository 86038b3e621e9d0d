// The executor's view of tables: a Relation is something scannable (a fixed view, DUAL,
// later a stored table), a Catalog resolves names to relations. The dedicated server hands
// ExecuteStatement a Catalog (FixedViewCatalog); tests use their own.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/value.h"

namespace warden::sql {

struct ColumnDef {
  std::string name;
  DataType type;
};

// A scannable table. Fixed views (V$SESSION...) and DUAL implement it.
class Relation {
 public:
  virtual ~Relation() = default;
  virtual const std::vector<ColumnDef>& columns() const = 0;
  // Fills *row with the next row (size == columns().size()); false at the end.
  virtual bool Next(std::vector<Value>* row) = 0;
};

// Resolves a table name (already upper-cased, schema stripped or "SYS.") to a relation.
class Catalog {
 public:
  virtual ~Catalog() = default;
  // nullptr if no such table -> the executor raises ORA-00942.
  virtual std::unique_ptr<Relation> Open(const std::string& schema, const std::string& name) = 0;
};

}  // namespace warden::sql
