// Tests of DESCRIBE's layout and type names.
#include "client/describe_format.h"

#include <gtest/gtest.h>

namespace warden::client {
namespace {

TEST(DescribeFormatTest, SqlPlusLayout) {
  EXPECT_EQ(FormatDescribe({{"EMPNO", true, "NUMBER(4)"}, {"ENAME", false, "VARCHAR2(10)"}}),
            " Name                                      Null?    Type\n"
            " ----------------------------------------- -------- ----------------------------\n"
            " EMPNO                                     NOT NULL NUMBER(4)\n"
            " ENAME                                              VARCHAR2(10)\n"
            "\n");
}

TEST(DescribeFormatTest, CatalogTypes) {
  using O = std::optional<std::string>;
  EXPECT_EQ(CatalogTypeText("NUMBER", "22", O(), O()), "NUMBER");
  EXPECT_EQ(CatalogTypeText("NUMBER", "22", O(), "0"), "NUMBER(38)");
  EXPECT_EQ(CatalogTypeText("NUMBER", "22", "4", "0"), "NUMBER(4)");
  EXPECT_EQ(CatalogTypeText("NUMBER", "22", "7", "2"), "NUMBER(7,2)");
  EXPECT_EQ(CatalogTypeText("VARCHAR2", "30", O(), O()), "VARCHAR2(30)");
  EXPECT_EQ(CatalogTypeText("CHAR", "1", O(), O()), "CHAR(1)");
  EXPECT_EQ(CatalogTypeText("RAW", "8", O(), O()), "RAW(8)");
  EXPECT_EQ(CatalogTypeText("DATE", "7", O(), O()), "DATE");
  EXPECT_EQ(CatalogTypeText("TIMESTAMP(6)", "11", O(), O()), "TIMESTAMP(6)");
}

TEST(DescribeFormatTest, WireTypes) {
  EXPECT_EQ(WireTypeText(1700, -1), "NUMBER");
  EXPECT_EQ(WireTypeText(1700, ((7 << 16) | 2) + 4), "NUMBER(7,2)");
  EXPECT_EQ(WireTypeText(1700, (10 << 16) + 4), "NUMBER(10)");
  EXPECT_EQ(WireTypeText(1043, 64 + 4), "VARCHAR2(64)");
  EXPECT_EQ(WireTypeText(1043, -1), "VARCHAR2");
  EXPECT_EQ(WireTypeText(25, -1), "VARCHAR2");
  EXPECT_EQ(WireTypeText(1114, -1), "DATE");
  EXPECT_EQ(WireTypeText(23, -1), "NUMBER(38)");
}

}  // namespace
}  // namespace warden::client
