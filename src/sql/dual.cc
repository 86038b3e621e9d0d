// DUAL (see dual.h).
#include "sql/dual.h"

namespace warden::sql {

const std::vector<ColumnDef>& DualRelation::columns() const {
  static const std::vector<ColumnDef> kColumns = {{"DUMMY", DataType::kVarchar2}};
  return kColumns;
}

bool DualRelation::Next(std::vector<Value>* row) {
  if (done_) return false;
  done_ = true;
  *row = {Value::Varchar("X")};
  return true;
}

}  // namespace warden::sql
