// A Relation over rows computed up front (SHOW's answer and similar small results).
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "sql/relation.h"

namespace warden::sql {

class RowsRelation : public Relation {
 public:
  RowsRelation(std::vector<ColumnDef> columns, std::vector<std::vector<Value>> rows)
      : columns_(std::move(columns)), rows_(std::move(rows)) {}
  const std::vector<ColumnDef>& columns() const override { return columns_; }
  bool Next(std::vector<Value>* row) override {
    if (next_ >= rows_.size()) return false;
    *row = std::move(rows_[next_++]);
    return true;
  }

 private:
  std::vector<ColumnDef> columns_;
  std::vector<std::vector<Value>> rows_;
  size_t next_ = 0;
};

}  // namespace warden::sql
