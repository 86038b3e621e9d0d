// DUAL: Oracle's one-row, one-column table (DUMMY VARCHAR2(1) = 'X'). ExecuteStatement
// resolves DUAL, SYS.DUAL and PUBLIC.DUAL itself before asking the Catalog.
#pragma once

#include <vector>

#include "sql/relation.h"

namespace warden::sql {

class DualRelation : public Relation {
 public:
  const std::vector<ColumnDef>& columns() const override;
  bool Next(std::vector<Value>* row) override;

 private:
  bool done_ = false;
};

}  // namespace warden::sql
