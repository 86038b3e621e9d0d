// The format of stored rows and index keys. A row image (storage/row_store.h) holds one
// entry per column: a type tag byte, then NUMBER: Number's binary form (kBinaryBytes);
// VARCHAR2 and RAW: a 4-byte length and the bytes; DATE: 8 bytes of seconds; TIMESTAMP: 8
// bytes of microseconds; NULL: the tag alone. Index keys
// are the concatenated grouping keys (Value's AppendGroupingKey) of the key columns.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sql/value.h"
#include "storage/row_store.h"

namespace warden::sql {

std::string EncodeRow(const std::vector<Value>& values);
// Appends the row's values to *out (so a scan can decode into a wider joined row).
void DecodeRow(std::string_view bytes, std::vector<Value>* out);

// The key of `index` over a decoded row; false when every key column is NULL (Oracle does
// not index such rows, so they never collide).
bool EncodeIndexKey(const storage::IndexMeta& index, const std::vector<Value>& row,
                    std::string* key);

// Registers the key function the transaction layer uses during rollback and cleanout.
void RegisterRowCodec();

}  // namespace warden::sql
