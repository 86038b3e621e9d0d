// Tests of COLUMN FORMAT number masks: Oracle's TO_CHAR results.
#include "client/number_mask.h"

#include <gtest/gtest.h>

namespace warden::client {
namespace {

std::string Fmt(std::string_view value, std::string_view mask) {
  std::optional<NumberMask> m = ParseNumberMask(mask);
  EXPECT_TRUE(m) << mask;
  return m ? FormatWithMask(value, *m) : "";
}

TEST(NumberMaskTest, WidthHasASignPosition) {
  EXPECT_EQ(MaskWidth(*ParseNumberMask("999999")), 7u);
  EXPECT_EQ(MaskWidth(*ParseNumberMask("999.99")), 7u);
  EXPECT_EQ(MaskWidth(*ParseNumberMask("9,999")), 6u);
  EXPECT_EQ(MaskWidth(*ParseNumberMask("$999")), 5u);
  EXPECT_EQ(MaskWidth(*ParseNumberMask("999MI")), 4u);
}

TEST(NumberMaskTest, IntegersAndDecimals) {
  EXPECT_EQ(Fmt("123", "999999"), "    123");
  EXPECT_EQ(Fmt("-123", "999999"), "   -123");
  EXPECT_EQ(Fmt("1.5", "999.99"), "   1.50");
  EXPECT_EQ(Fmt("2.345", "999.99"), "   2.35");  // half away from zero
  EXPECT_EQ(Fmt("-2.345", "999.99"), "  -2.35");
  EXPECT_EQ(Fmt("0.5", "999.99"), "    .50");  // no leading zero
  EXPECT_EQ(Fmt("0", "999"), "   0");
  EXPECT_EQ(Fmt("0.4", "999"), "   0");
  EXPECT_EQ(Fmt("0", "999.99"), "    .00");
  EXPECT_EQ(Fmt("999.996", "999.99"), "#######");  // rounds to 1000.00
  EXPECT_EQ(Fmt("1000", "999"), "####");
  EXPECT_EQ(Fmt("abc", "999"), "####");
}

TEST(NumberMaskTest, ZerosGroupsDollarSigns) {
  EXPECT_EQ(Fmt("5", "0999"), " 0005");
  EXPECT_EQ(Fmt("0.5", "0.99"), " 0.50");
  EXPECT_EQ(Fmt("5", "9099"), "  005");
  EXPECT_EQ(Fmt("1234567", "9,999,999"), " 1,234,567");
  EXPECT_EQ(Fmt("1234", "9,999,999"), "     1,234");
  EXPECT_EQ(Fmt("5", "$999"), "   $5");
  EXPECT_EQ(Fmt("-5", "$999"), "  -$5");
  EXPECT_EQ(Fmt("-5", "999MI"), "  5-");
  EXPECT_EQ(Fmt("5", "999MI"), "  5 ");
  EXPECT_EQ(Fmt("5", "S999"), "  +5");
  EXPECT_EQ(Fmt("0", "B999"), "    ");
}

TEST(NumberMaskTest, IllegalMasks) {
  EXPECT_FALSE(ParseNumberMask("abc"));
  EXPECT_FALSE(ParseNumberMask("99.9.9"));
  EXPECT_FALSE(ParseNumberMask(",999"));
  EXPECT_FALSE(ParseNumberMask("999,"));
  EXPECT_FALSE(ParseNumberMask(""));
  EXPECT_FALSE(ParseNumberMask("S999MI"));
}

}  // namespace
}  // namespace warden::client
