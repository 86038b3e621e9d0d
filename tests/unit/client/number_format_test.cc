// Tests of SQL*Plus's NUMBER display.
#include "client/number_format.h"

#include <gtest/gtest.h>

namespace warden::client {
namespace {

TEST(NumberFormatTest, InsignificantZerosDropped) {
  EXPECT_EQ(FormatNumber("0.5", 10), ".5");
  EXPECT_EQ(FormatNumber("-0.25", 10), "-.25");
  EXPECT_EQ(FormatNumber("1.50", 10), "1.5");
  EXPECT_EQ(FormatNumber("100", 10), "100");
  EXPECT_EQ(FormatNumber("0", 10), "0");
  EXPECT_EQ(FormatNumber("-0.000", 10), "0");
  EXPECT_EQ(FormatNumber("007", 10), "7");
}

TEST(NumberFormatTest, FitsExactly) {
  EXPECT_EQ(FormatNumber("1234567890", 10), "1234567890");
  EXPECT_EQ(FormatNumber("-123456789", 10), "-123456789");
}

TEST(NumberFormatTest, DecimalsRoundedToFit) {
  EXPECT_EQ(FormatNumber("3.14159265358979", 10), "3.14159265");
  EXPECT_EQ(FormatNumber("2.718281828459", 10), "2.71828183");
  EXPECT_EQ(FormatNumber("-1.99999999999", 10), "-2");
  EXPECT_EQ(FormatNumber("123456789.6", 10), "123456790");
}

TEST(NumberFormatTest, ScientificWhenIntegerPartDoesNotFit) {
  EXPECT_EQ(FormatNumber("12345678901", 10), "1.2346E+10");
  EXPECT_EQ(FormatNumber("-12345678901", 10), "-1.235E+10");
  EXPECT_EQ(FormatNumber("10000000000", 10), "1.0000E+10");
  EXPECT_EQ(FormatNumber("99999999999", 10), "1.0000E+11");
}

TEST(NumberFormatTest, ScientificForTinyValues) {
  EXPECT_EQ(FormatNumber("0.0000000000123", 10), "1.2300E-11");
  EXPECT_EQ(FormatNumber("0.000000001", 10), ".000000001");
}

TEST(NumberFormatTest, NotPlainDecimal) {
  EXPECT_EQ(FormatNumber("NaN", 10), "NaN");
  EXPECT_EQ(FormatNumber("1e+20", 10), "1e+20");
  EXPECT_EQ(FormatNumber("-Infinity", 5), "#####");
}

TEST(NumberFormatTest, TooNarrowForAnything) { EXPECT_EQ(FormatNumber("123456", 3), "###"); }

}  // namespace
}  // namespace warden::client
