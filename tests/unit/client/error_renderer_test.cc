// Tests of SQL*Plus-style error rendering with the '*' marker.
#include "client/error_renderer.h"

#include <gtest/gtest.h>

namespace warden::client {
namespace {

constexpr const char* kNoTable = "ORA-00942: table or view does not exist";

TEST(ErrorRendererTest, MarkerUnderPositionOnFirstLine) {
  EXPECT_EQ(RenderError("select * from nosuch", kNoTable, 15),
            "select * from nosuch\n"
            "              *\n"
            "ERROR at line 1:\n"
            "ORA-00942: table or view does not exist\n\n\n");
}

TEST(ErrorRendererTest, MarkerOnLaterLine) {
  EXPECT_EQ(RenderError("select *\n  from nosuch\n where 1=1", kNoTable, 17),
            "  from nosuch\n"
            "       *\n"
            "ERROR at line 2:\n"
            "ORA-00942: table or view does not exist\n\n\n");
}

TEST(ErrorRendererTest, PositionAtStartAndPastEnd) {
  EXPECT_EQ(RenderError("selec 1", "ORA-00900: invalid SQL statement", 1),
            "selec 1\n*\nERROR at line 1:\nORA-00900: invalid SQL statement\n\n\n");
  EXPECT_EQ(RenderError("select 1 from\nt where", "ORA-00936: missing expression", 99),
            "t where\n       *\nERROR at line 2:\nORA-00936: missing expression\n\n\n");
}

TEST(ErrorRendererTest, PositionOnNewlineBelongsToTheLineItEnds) {
  // Character 3 is the '\n' after "ab".
  EXPECT_EQ(RenderError("ab\ncd", "ORA-00936: missing expression", 3),
            "ab\n  *\nERROR at line 1:\nORA-00936: missing expression\n\n\n");
}

TEST(ErrorRendererTest, CountsCharactersNotBytesAndKeepsTabs) {
  // "é" is two bytes; the server's position counts it as one character.
  EXPECT_EQ(RenderError("select 'é' x from t", kNoTable, 19),
            "select 'é' x from t\n                  *\nERROR at line 1:\n" + std::string(kNoTable) +
                "\n\n\n");
  EXPECT_EQ(RenderError("\tselect * from t", kNoTable, 16),
            "\tselect * from t\n\t              *\nERROR at line 1:\n" + std::string(kNoTable) +
                "\n\n\n");
}

TEST(ErrorRendererTest, WithoutPosition) {
  EXPECT_EQ(RenderError("select 1 from dual", "ORA-03114: not connected to ORACLE\n", 0),
            "ERROR:\nORA-03114: not connected to ORACLE\n\n\n");
}

}  // namespace
}  // namespace warden::client
