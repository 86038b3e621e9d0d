// OraError formatting from the message catalog.
#include "common/ora_error.h"

#include <gtest/gtest.h>

#include <exception>

namespace warden {
namespace {

TEST(OraError, FormatsNumberAndCatalogText) {
  OraError e = OraError::Make(942);
  EXPECT_EQ(e.message(), "ORA-00942: table or view does not exist");
  EXPECT_EQ(e.sqlstate(), "42P01");
  EXPECT_EQ(e.severity(), Severity::kError);
}

TEST(OraError, SubstitutesArguments) {
  OraError e = OraError::Make(904, {"\"FOO\""});
  EXPECT_EQ(e.message(), "ORA-00904: \"FOO\": invalid identifier");
  EXPECT_EQ(OraError::Make(20, {"100"}).message(),
            "ORA-00020: maximum number of processes (100) exceeded");
}

TEST(OraError, FiveDigitNumbersAndSeverity) {
  OraError e = OraError::Make(12899, {"\"T\".\"C\"", "5", "4"}, Severity::kFatal);
  EXPECT_EQ(e.message().substr(0, 10), "ORA-12899:");
  EXPECT_EQ(e.severity(), Severity::kFatal);
}

TEST(OraError, UnknownCodeBecomesOra600) {
  OraError e = OraError::Make(99999);
  EXPECT_EQ(e.code(), 600);
  EXPECT_NE(e.message().find("99999"), std::string::npos);
}

// The warm-up's throw never escapes it, and exceptions work as before afterwards.
TEST(OraError, WarmUpThrowCatchesItsOwnThrow) {
  EXPECT_NO_THROW(WarmUpThrow());
  EXPECT_EQ(std::uncaught_exceptions(), 0);
  EXPECT_THROW(throw OraError::Make(28, {}, Severity::kFatal), OraError);
}

}  // namespace
}  // namespace warden
