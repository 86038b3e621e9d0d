// Fixed views (V$...): relations computed from the SGA arrays at the moment they are opened,
// so a query sees the truth at that moment (not read-consistent across rows, as in Oracle).
// FixedViewCatalog is the Catalog the dedicated server hands the executor.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/relation.h"

namespace warden::sql {

class FixedViewCatalog : public Catalog {
 public:
  // V$PROCESS, V$SESSION, V$PARAMETER, V$INSTANCE (schema SYS or none; also as V_$... and
  // GV$... with INST_ID = 1 are not provided yet). nullptr for any other name.
  std::unique_ptr<Relation> Open(const std::string& schema, const std::string& name) override;
  // The names Open knows, for tests and docs.
  static std::vector<std::string> ViewNames();
};

}  // namespace warden::sql
