// Tests of the SQL*Plus result layout: exact text.
#include "client/result_formatter.h"

#include <gtest/gtest.h>

namespace warden::client {
namespace {

std::vector<ResultColumn> EmpColumns() {
  return {{"EMPNO", ColumnKind::kNumber, 0},
          {"ENAME", ColumnKind::kCharacter, 0},
          {"COMM", ColumnKind::kNumber, 0}};
}

std::vector<ResultRow> EmpRows(int n) {
  std::vector<ResultRow> rows;
  for (int i = 1; i <= n; ++i) {
    rows.push_back({std::to_string(7000 + i), "E" + std::to_string(i),
                    i % 2 == 0 ? std::optional<std::string>("0.5") : std::nullopt});
  }
  return rows;
}

TEST(ResultFormatterTest, HeadingsDashesJustificationNulls) {
  std::vector<ResultRow> rows = {{"7369", "SMITH", std::nullopt}, {"7499", "ALLEN", "300"}};
  EXPECT_EQ(FormatQueryResult(EmpColumns(), rows, DisplaySettings{}),
            "\n"
            "     EMPNO ENAME       COMM\n"
            "---------- ----- ----------\n"
            "      7369 SMITH\n"
            "      7499 ALLEN        300\n"
            "\n");
}

TEST(ResultFormatterTest, CharacterWidthFromLongestValueOrHeading) {
  std::vector<ResultColumn> cols = {{"D", ColumnKind::kCharacter, 0},
                                    {"LONGNAME", ColumnKind::kCharacter, 0}};
  std::vector<ResultRow> rows = {{"XYZ", "a"}, {"é", std::nullopt}};
  EXPECT_EQ(FormatQueryResult(cols, rows, DisplaySettings{}),
            "\n"
            "D   LONGNAME\n"
            "--- --------\n"
            "XYZ a\n"
            "é\n"
            "\n");
}

TEST(ResultFormatterTest, LongNumberHeadingWidensColumn) {
  std::vector<ResultColumn> cols = {{"A_LONG_NUMBER_HEADING", ColumnKind::kNumber, 0}};
  EXPECT_EQ(FormatQueryResult(cols, {{"1"}}, DisplaySettings{}),
            "\n"
            "A_LONG_NUMBER_HEADING\n"
            "---------------------\n"
            "                    1\n"
            "\n");
}

TEST(ResultFormatterTest, DateHeadingTruncatedToValueWidth) {
  std::vector<ResultColumn> cols = {{"A_VERY_LONG_DATE_HEADING", ColumnKind::kDate, 0}};
  EXPECT_EQ(FormatQueryResult(cols, {{"2024-01-02 03:04:05"}}, DisplaySettings{}),
            "\n"
            "A_VERY_LONG_DATE_HE\n"
            "-------------------\n"
            "2024-01-02 03:04:05\n"
            "\n");
}

TEST(ResultFormatterTest, FeedbackThreshold) {
  DisplaySettings s;  // FEEDBACK 6
  std::string five = FormatQueryResult(EmpColumns(), EmpRows(5), s);
  EXPECT_EQ(five.find("selected"), std::string::npos);
  std::string six = FormatQueryResult(EmpColumns(), EmpRows(6), s);
  EXPECT_TRUE(six.ends_with("      7006 E6            .5\n\n6 rows selected.\n\n")) << six;
  s.feedback = 1;
  EXPECT_TRUE(FormatQueryResult(EmpColumns(), EmpRows(1), s).ends_with("\n\n1 row selected.\n\n"));
  s.feedback = 0;
  EXPECT_EQ(FormatQueryResult(EmpColumns(), EmpRows(6), s).find("selected"), std::string::npos);
}

TEST(ResultFormatterTest, NoRowsSelected) {
  DisplaySettings s;
  EXPECT_EQ(FormatQueryResult(EmpColumns(), {}, s), "\nno rows selected\n\n");
  s.feedback = 20;
  EXPECT_EQ(FormatQueryResult(EmpColumns(), {}, s), "\nno rows selected\n\n");
  s.feedback = 0;
  EXPECT_EQ(FormatQueryResult(EmpColumns(), {}, s), "");
}

TEST(ResultFormatterTest, PageBreaksRepeatHeadings) {
  DisplaySettings s;
  s.pagesize = 6;  // blank + heading + dashes + 3 rows
  s.feedback = 0;
  EXPECT_EQ(FormatQueryResult(EmpColumns(), EmpRows(4), s),
            "\n"
            "     EMPNO ENAME       COMM\n"
            "---------- ----- ----------\n"
            "      7001 E1\n"
            "      7002 E2            .5\n"
            "      7003 E3\n"
            "\n"
            "     EMPNO ENAME       COMM\n"
            "---------- ----- ----------\n"
            "      7004 E4            .5\n"
            "\n");
}

TEST(ResultFormatterTest, DefaultPagesizeHoldsElevenRows) {
  std::string out = FormatQueryResult(EmpColumns(), EmpRows(14), DisplaySettings{});
  std::size_t second_heading = out.find("     EMPNO", 10);
  ASSERT_NE(second_heading, std::string::npos);
  EXPECT_NE(out.find("      7011 E11\n\n     EMPNO"), std::string::npos) << out;
  EXPECT_TRUE(out.ends_with("      7014 E14           .5\n\n14 rows selected.\n\n")) << out;
}

TEST(ResultFormatterTest, HeadingOffKeepsPageBlankLines) {
  DisplaySettings s;
  s.heading = false;
  s.pagesize = 3;  // blank + 2 rows
  s.feedback = 0;
  EXPECT_EQ(FormatQueryResult(EmpColumns(), EmpRows(3), s),
            "\n      7001 E1\n      7002 E2            .5\n\n      7003 E3\n\n");
}

TEST(ResultFormatterTest, PagesizeZeroIsBareRows) {
  DisplaySettings s;
  s.pagesize = 0;
  s.feedback = 0;
  EXPECT_EQ(FormatQueryResult(EmpColumns(), EmpRows(2), s),
            "      7001 E1\n      7002 E2            .5\n");
  s.feedback = 1;
  EXPECT_EQ(FormatQueryResult(EmpColumns(), EmpRows(1), s), "      7001 E1\n\n1 row selected.\n");
}

TEST(ResultFormatterTest, FixedWidthWrapsLongValues) {
  std::vector<ResultColumn> cols = {{"NAME", ColumnKind::kCharacter, 4},
                                    {"VALUE", ColumnKind::kCharacter, 3}};
  DisplaySettings s;
  s.feedback = 0;
  EXPECT_EQ(FormatQueryResult(cols, {{"abcdef", "x"}}, s),
            "\n"
            "NAME VAL\n"
            "---- ---\n"
            "abcd x\n"
            "ef\n"
            "\n"  // RECSEP WRAPPED
            "\n");
}

TEST(ResultFormatterTest, MultiLineValues) {
  std::vector<ResultColumn> cols = {{"T", ColumnKind::kCharacter, 0},
                                    {"N", ColumnKind::kNumber, 0}};
  EXPECT_EQ(FormatQueryResult(cols, {{"ab\nc", "1"}}, DisplaySettings{}),
            "\n"
            "T           N\n"
            "-- ----------\n"
            "ab          1\n"
            "c\n"
            "\n"
            "\n");
}

TEST(ResultFormatterTest, ColumnHeadingsFormatsAndJustify) {
  ColumnFormats f;
  f.Apply("ename heading 'Emp|Name' format a6 justify center");
  f.Apply("comm format 9,999.99 heading C");
  EXPECT_EQ(
      FormatQueryResult(EmpColumns(), {{"7369", "SMITH", "1234.5"}, {"7499", "AL", std::nullopt}},
                        DisplaySettings{}, true, &f),
      "\n"
      "     EMPNO  Emp           C\n"
      "            Name\n"
      "---------- ------ ---------\n"
      "      7369 SMITH   1,234.50\n"
      "      7499 AL\n"
      "\n");
}

TEST(ResultFormatterTest, NumberColumnNeverTruncatesItsHeading) {
  ColumnFormats f;
  f.Apply("empno format 99 heading EMPLOYEE_NO");
  std::vector<ResultColumn> cols = {{"EMPNO", ColumnKind::kNumber, 0}};
  EXPECT_EQ(FormatQueryResult(cols, {{"7"}, {"123"}}, DisplaySettings{}, true, &f),
            "\n"
            "EMPLOYEE_NO\n"
            "-----------\n"
            "          7\n"
            "        ###\n"
            "\n");
}

TEST(ResultFormatterTest, CharacterFormatTruncatesHeadingAndWraps) {
  ColumnFormats f;
  f.Apply("description format a8");
  std::vector<ResultColumn> cols = {{"DESCRIPTION", ColumnKind::kCharacter, 0},
                                    {"N", ColumnKind::kNumber, 0}};
  DisplaySettings s;
  s.feedback = 0;
  // RECSEP WRAPPED: a blank line after each wrapped record.
  EXPECT_EQ(FormatQueryResult(
                cols, {{"the quick brown fox", "1"}, {"short", "2"}, {"jumps over it", "3"}}, s,
                true, &f),
            "\n"
            "DESCRIPT          N\n"
            "-------- ----------\n"
            "the quic          1\n"
            "k brown\n"
            "fox\n"
            "\n"
            "short             2\n"
            "jumps ov          3\n"
            "er it\n"
            "\n"
            "\n");
}

TEST(ResultFormatterTest, WrapModes) {
  EXPECT_EQ(WrapText("the quick brown fox", 8, WrapMode::kWrapped),
            (std::vector<std::string>{"the quic", "k brown", "fox"}));
  EXPECT_EQ(WrapText("the quick brown fox", 8, WrapMode::kWordWrapped),
            (std::vector<std::string>{"the", "quick", "brown", "fox"}));
  EXPECT_EQ(WrapText("abcdefghijkl mn", 5, WrapMode::kWordWrapped),
            (std::vector<std::string>{"abcde", "fghij", "kl mn"}));
  EXPECT_EQ(WrapText("the quick brown fox", 8, WrapMode::kTruncated),
            (std::vector<std::string>{"the quic"}));
  EXPECT_EQ(WrapText("ab\ncdefg", 3, WrapMode::kTruncated),
            (std::vector<std::string>{"ab", "cde"}));
}

TEST(ResultFormatterTest, NullTextNoprintAndColsep) {
  ColumnFormats f;
  f.Apply("comm null (none)");
  f.Apply("empno noprint");
  DisplaySettings s;
  s.colsep = " | ";
  EXPECT_EQ(FormatQueryResult(EmpColumns(), {{"1", "A", std::nullopt}}, s, true, &f),
            "\n"
            "ENAME |       COMM\n"
            "----- | ----------\n"
            "A     |     (none)\n"
            "\n");
}

TEST(ResultFormatterTest, LinesizeWrapsRecordsAndHeadings) {
  std::vector<ResultColumn> cols = {{"A", ColumnKind::kCharacter, 0},
                                    {"B", ColumnKind::kCharacter, 0},
                                    {"N", ColumnKind::kNumber, 0}};
  DisplaySettings s;
  s.linesize = 20;
  s.feedback = 1;
  EXPECT_EQ(FormatQueryResult(cols, {{"aaaaaaaaaaaa", "bbbbbbbb", "1"}, {"x", "y", "2"}}, s),
            "\n"
            "A\n"
            "------------\n"
            "B                 N\n"
            "-------- ----------\n"
            "aaaaaaaaaaaa\n"
            "bbbbbbbb          1\n"
            "\n"
            "x\n"
            "y                 2\n"
            "\n"
            "\n"
            "2 rows selected.\n"
            "\n");
}

TEST(ResultFormatterTest, NumwidthSetsNumberWidth) {
  DisplaySettings s;
  s.numwidth = 4;
  std::vector<ResultColumn> cols = {{"N", ColumnKind::kNumber, 0}};
  EXPECT_EQ(FormatQueryResult(cols, {{"12"}, {"123456"}}, s), "\n   N\n----\n  12\n####\n\n");
}

TEST(ResultFormatterTest, NewpageUnderlineAndWrapOff) {
  std::vector<ResultColumn> cols = {{"C", ColumnKind::kCharacter, 3}};
  DisplaySettings s;
  s.feedback = 0;
  s.pagesize = 4;
  s.newpage = 2;  // 2 blank lines + heading + underline: no room, one row a page
  s.underline = '=';
  EXPECT_EQ(FormatQueryResult(cols, {{"a"}, {"b"}}, s), "\n\nC\n===\na\n\n\nC\n===\nb\n\n");
  s.newpage = kNewpageNone;
  s.underline_on = false;
  s.wrap = false;
  EXPECT_EQ(FormatQueryResult(cols, {{"abcdef"}, {"b"}}, s), "C\nabc\nb\n\n");
  s.newpage = 0;
  EXPECT_EQ(FormatQueryResult(cols, {{"a"}}, s), "\fC\na\n\n");
  // A COLUMN wrap option wins over SET WRAP OFF.
  ColumnFormats f;
  f.Apply("c wrapped");
  s.newpage = kNewpageNone;
  EXPECT_EQ(FormatQueryResult(cols, {{"abcdef"}}, s, true, &f), "C\nabc\ndef\n\n\n");
}

TEST(ResultFormatterTest, BreakBlanksRepeatsAndSkips) {
  std::vector<ResultColumn> cols = {{"DEPT", ColumnKind::kNumber, 0},
                                    {"JOB", ColumnKind::kCharacter, 0},
                                    {"NAME", ColumnKind::kCharacter, 0}};
  std::vector<ResultRow> rows = {
      {"10", "CLERK", "A"}, {"10", "CLERK", "B"}, {"10", "MGR", "C"}, {"20", "MGR", "D"}};
  BreakSettings b;
  bool failed = false;
  b.Apply("on dept skip 1 on job", &failed);
  DisplaySettings s;
  s.feedback = 0;
  EXPECT_EQ(FormatQueryResult(cols, rows, s, true, nullptr, &b),
            "\n"
            "      DEPT JOB   NAME\n"
            "---------- ----- ----\n"
            "        10 CLERK A\n"
            "                 B\n"
            "           MGR   C\n"
            "\n"
            "        20 MGR   D\n"  // a change of DEPT shows JOB again
            "\n");
  b.Apply("on dept skip page", &failed);
  s.pagesize = 10;
  EXPECT_EQ(FormatQueryResult(cols, rows, s, true, nullptr, &b),
            "\n"
            "      DEPT JOB   NAME\n"
            "---------- ----- ----\n"
            "        10 CLERK A\n"
            "           CLERK B\n"
            "           MGR   C\n"
            "\n"
            "      DEPT JOB   NAME\n"
            "---------- ----- ----\n"
            "        20 MGR   D\n"
            "\n");
  b.Apply("on row skip 1", &failed);
  s.pagesize = 0;
  EXPECT_EQ(FormatQueryResult(cols, {rows[0], rows[3]}, s, true, nullptr, &b),
            "        10 CLERK A\n\n        20 MGR   D\n\n");
}

TEST(ResultFormatterTest, TypeOids) {
  EXPECT_EQ(ColumnKindForTypeOid(1700), ColumnKind::kNumber);
  EXPECT_EQ(ColumnKindForTypeOid(23), ColumnKind::kNumber);
  EXPECT_EQ(ColumnKindForTypeOid(25), ColumnKind::kCharacter);
  EXPECT_EQ(ColumnKindForTypeOid(1043), ColumnKind::kCharacter);
  EXPECT_EQ(ColumnKindForTypeOid(1114), ColumnKind::kDate);
}

TEST(ResultFormatterTest, SelectFeedbackWords) {
  EXPECT_EQ(SelectFeedback(0, 6), "no rows selected");
  EXPECT_EQ(SelectFeedback(5, 6), "");
  EXPECT_EQ(SelectFeedback(1, 1), "1 row selected.");
  EXPECT_EQ(SelectFeedback(7, 6), "7 rows selected.");
  EXPECT_EQ(SelectFeedback(7, 0), "");
}

}  // namespace
}  // namespace warden::client
