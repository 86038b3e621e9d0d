// Number: exact decimal arithmetic, 38-digit rounding, range limits, text forms.
#include "sql/number.h"

#include <gtest/gtest.h>

#include <functional>

#include "common/ora_error.h"

namespace warden::sql {
namespace {

Number N(const char* text) { return Number::ParseOrThrow(text); }
std::string S(const Number& n) { return n.ToString(); }

int CodeOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const OraError& e) {
    return e.code();
  }
  return 0;
}

TEST(NumberTest, ParsesAndPrintsCanonically) {
  EXPECT_EQ(S(N("12.50")), "12.5");
  EXPECT_EQ(S(N("-3")), "-3");
  EXPECT_EQ(S(N("1e5")), "100000");
  EXPECT_EQ(S(N(".5")), "0.5");
  EXPECT_EQ(S(N("-.5")), "-0.5");
  EXPECT_EQ(S(N("5.")), "5");
  EXPECT_EQ(S(N("  +007.2500  ")), "7.25");
  EXPECT_EQ(S(N("1.5E-3")), "0.0015");
  EXPECT_EQ(S(N("0")), "0");
  EXPECT_EQ(S(N("-0.000")), "0");
  EXPECT_EQ(S(N("100")), "100");
}

TEST(NumberTest, RejectsNonNumbers) {
  Number n;
  for (const char* bad : {"", " ", ".", "-", "1e", "1.2.3", "abc", "1 2", "e5", "--1", "1e+"}) {
    EXPECT_FALSE(Number::Parse(bad, &n)) << bad;
  }
  EXPECT_EQ(CodeOf([] { N("12a"); }), 1722);
}

TEST(NumberTest, OracleTextDropsLeadingZero) {
  EXPECT_EQ(N("0.5").ToOracleText(), ".5");
  EXPECT_EQ(N("-0.05").ToOracleText(), "-.05");
  EXPECT_EQ(N("12.5").ToOracleText(), "12.5");
  EXPECT_EQ(N("1e40").ToOracleText(), "10000000000000000000000000000000000000000");
  EXPECT_EQ(N("1e100").ToOracleText(), "1E+100");
}

TEST(NumberTest, ScientificOnlyBeyond38Digits) {
  EXPECT_EQ(S(N("1e37")), "10000000000000000000000000000000000000");
  EXPECT_EQ(S(N("1e38")), "1E+38");
  EXPECT_EQ(S(N("-1.5e40")), "-1.5E+40");
  EXPECT_EQ(S(N("1e-38")), "0.00000000000000000000000000000000000001");
  EXPECT_EQ(S(N("1.5e-39")), "1.5E-39");
}

TEST(NumberTest, DecimalArithmeticIsExact) {
  EXPECT_EQ(S(Number::Add(N("0.1"), N("0.2"))), "0.3");
  EXPECT_EQ(Number::Compare(Number::Add(N("0.1"), N("0.2")), N("0.3")), 0);
  EXPECT_EQ(S(Number::Subtract(N("1"), N("0.9"))), "0.1");
  EXPECT_EQ(S(Number::Multiply(N("1.1"), N("1.1"))), "1.21");
  EXPECT_EQ(S(Number::Add(N("100"), N("1"))), "101");
  EXPECT_EQ(S(Number::Subtract(N("5"), N("7.25"))), "-2.25");
  EXPECT_EQ(S(Number::Add(N("-5"), N("5"))), "0");
  EXPECT_EQ(S(Number::Divide(N("10"), N("4"))), "2.5");
  EXPECT_EQ(S(Number::Divide(N("-9"), N("3"))), "-3");
}

TEST(NumberTest, KeepsTwentyCentesimalDigitsAsOracle) {
  // 40 digits when the leading digit starts a base-100 digit, 39 otherwise.
  const std::string nines38(38, '9');
  EXPECT_EQ(S(N(nines38.c_str())), nines38);
  EXPECT_EQ(S(Number::Add(N(nines38.c_str()), N("1"))), "1E+38");
  // 41 nines: the leading digit sits alone in its base-100 digit, 39 digits kept.
  EXPECT_EQ(N("99999999999999999999999999999999999999999").ToOracleText(),
            "100000000000000000000000000000000000000000");
  // 53 digits keep 39 significant ones (AskTom's example).
  EXPECT_EQ(N("95780971304118053647396689196894323976100000000000000").ToOracleText(),
            "95780971304118053647396689196894323976100000000000000");
  EXPECT_EQ(N("95780971304118053647396689196894323976199999999999999").ToOracleText(),
            "95780971304118053647396689196894323976200000000000000");
  EXPECT_EQ(N("1234567890123456789012345678901234567891").ToOracleText(),
            "1234567890123456789012345678901234567891");
  EXPECT_EQ(S(Number::Add(N("1e100"), N("1"))), "1E+100");
  const std::string nines(40, '9');
  EXPECT_EQ(S(Number::Multiply(N(nines.c_str()), N(nines.c_str()))),
            "9.999999999999999999999999999999999999998E+79");
  EXPECT_EQ(S(Number::Multiply(N("1111111111111111111"), N("1111111111111111111"))),
            "1234567901234567900987654320987654321");
}

TEST(NumberTest, DivisionRoundsAsOracle) {
  EXPECT_EQ(N("1").ToOracleText(), "1");
  EXPECT_EQ(Number::Divide(N("1"), N("3")).ToOracleText(),
            ".3333333333333333333333333333333333333333");
  EXPECT_EQ(Number::Divide(N("2"), N("3")).ToOracleText(),
            ".6666666666666666666666666666666666666667");
  EXPECT_EQ(Number::Divide(N("-2"), N("3")).ToOracleText(),
            "-.6666666666666666666666666666666666666667");
  EXPECT_EQ(Number::Divide(N("10"), N("3")).ToOracleText(),
            "3.33333333333333333333333333333333333333");
  // AskTom "Problem with the number 1/19": 39 digits, and 1/19*19 - 1 = -6E-40.
  EXPECT_EQ(Number::Divide(N("1"), N("19")).ToOracleText(),
            ".0526315789473684210526315789473684210526");
  EXPECT_EQ(S(Number::Subtract(Number::Multiply(Number::Divide(N("1"), N("19")), N("19")), N("1"))),
            "-6E-40");
  // 1/3*3 is 40 nines (DUMP: 192,100 x 20), not 1.
  const Number third_times_three = Number::Multiply(Number::Divide(N("1"), N("3")), N("3"));
  EXPECT_EQ(third_times_three.ToOracleText(), "." + std::string(40, '9'));
  EXPECT_NE(Number::Compare(third_times_three, N("1")), 0);
  EXPECT_EQ(S(third_times_three.Round(0)), "1");
  EXPECT_EQ(CodeOf([] { Number::Divide(N("1"), N("0")); }), 1476);
}

TEST(NumberTest, PowerAndSqrt) {
  EXPECT_EQ(S(Number::PowerInt(N("2"), 10)), "1024");
  EXPECT_EQ(S(Number::PowerInt(N("2"), -2)), "0.25");
  EXPECT_EQ(S(Number::PowerInt(N("-3"), 3)), "-27");
  EXPECT_EQ(S(Number::PowerInt(N("1.5"), 2)), "2.25");
  EXPECT_EQ(S(Number::PowerInt(N("10"), 125)), "1E+125");
  EXPECT_EQ(CodeOf([] { Number::PowerInt(N("10"), 126); }), 1426);
  EXPECT_EQ(CodeOf([] { Number::PowerInt(N("0"), -1); }), 1476);
  EXPECT_EQ(S(Number::Sqrt(N("16"))), "4");
  EXPECT_EQ(Number::Sqrt(N("2")).ToOracleText(), "1.41421356237309504880168872420969807857");
  EXPECT_EQ(CodeOf([] { Number::Sqrt(N("-1")); }), 1428);
}

TEST(NumberTest, OverflowAndUnderflow) {
  EXPECT_EQ(CodeOf([] { N("1e126"); }), 1426);
  EXPECT_EQ(CodeOf([] { Number::Multiply(N("1e100"), N("1e30")); }), 1426);
  EXPECT_EQ(CodeOf([] { N("9.99e125"); }), 0);
  EXPECT_TRUE(N("1e-131").is_zero());
  EXPECT_TRUE(Number::Divide(N("1e-100"), N("1e100")).is_zero());
}

TEST(NumberTest, CompareOrders) {
  EXPECT_LT(Number::Compare(N("-2"), N("-1.5")), 0);
  EXPECT_GT(Number::Compare(N("10"), N("9.99")), 0);
  EXPECT_EQ(Number::Compare(N("1.50"), N("1.5")), 0);
  EXPECT_LT(Number::Compare(N("0"), N("0.0001")), 0);
  EXPECT_GT(Number::Compare(N("0"), N("-0.0001")), 0);
  EXPECT_LT(Number::Compare(N("123"), N("1230")), 0);
  EXPECT_TRUE(N("2.0") == N("2"));
}

TEST(NumberTest, Int64RoundTrip) {
  for (int64_t v : {int64_t{0}, int64_t{1}, int64_t{-1}, int64_t{1000}, INT64_MAX, INT64_MIN}) {
    int64_t back = 0;
    ASSERT_TRUE(Number::FromInt64(v).ToInt64(&back)) << v;
    EXPECT_EQ(back, v);
  }
  int64_t out = 0;
  EXPECT_FALSE(N("1.5").ToInt64(&out));
  EXPECT_FALSE(N("1e19").ToInt64(&out));
  EXPECT_EQ(N("-7.9").ToInt64Saturating(), -7);
  EXPECT_EQ(N("1e30").ToInt64Saturating(), INT64_MAX);
  EXPECT_EQ(S(Number::FromInt64(INT64_MIN)), "-9223372036854775808");
}

TEST(NumberTest, RoundTruncFloorCeilMod) {
  EXPECT_EQ(S(N("2.5").Round(0)), "3");
  EXPECT_EQ(S(N("-2.5").Round(0)), "-3");  // half away from zero
  EXPECT_EQ(S(N("1.2345").Round(2)), "1.23");
  EXPECT_EQ(S(N("1.235").Round(2)), "1.24");
  EXPECT_EQ(S(N("1234").Round(-2)), "1200");
  EXPECT_EQ(S(N("1250").Round(-2)), "1300");
  EXPECT_EQ(S(N("0.05").Round(0)), "0");
  EXPECT_EQ(S(N("0.5").Round(0)), "1");
  EXPECT_EQ(S(N("9.99").Round(1)), "10");
  EXPECT_EQ(S(N("-2.7").Trunc(0)), "-2");
  EXPECT_EQ(S(N("1.999").Trunc(2)), "1.99");
  EXPECT_EQ(S(N("1999").Trunc(-3)), "1000");
  EXPECT_EQ(S(N("-2.1").Floor()), "-3");
  EXPECT_EQ(S(N("2.1").Ceil()), "3");
  EXPECT_EQ(S(N("2").Floor()), "2");
  EXPECT_EQ(S(Number::Mod(N("11"), N("4"))), "3");
  EXPECT_EQ(S(Number::Mod(N("-11"), N("4"))), "-3");  // sign of the dividend, as Oracle
  EXPECT_EQ(S(Number::Mod(N("5.5"), N("2"))), "1.5");
  EXPECT_EQ(S(Number::Mod(N("7"), N("0"))), "7");
}

}  // namespace
}  // namespace warden::sql
