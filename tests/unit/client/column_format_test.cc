// Tests of the COLUMN command: parsing, errors, listing, CLEAR.
#include "client/column_format.h"

#include <gtest/gtest.h>

namespace warden::client {
namespace {

TEST(ColumnFormatTest, OptionsWithAbbreviations) {
  ColumnFormats c;
  EXPECT_EQ(c.Apply("ename hea 'Emp|Name' for a20 wor jus c").output, "");
  const ColumnFormat* f = c.Find("ENAME");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(*f->heading, "Emp|Name");
  EXPECT_EQ(f->char_width, 20u);
  EXPECT_EQ(f->wrap, WrapMode::kWordWrapped);
  EXPECT_EQ(f->justify, HeadingJustify::kCenter);
  EXPECT_FALSE(f->number_mask);
  c.Apply("sal format 999,999.99 truncated justify right null '-' noprint new_value s");
  f = c.Find("Sal");
  ASSERT_NE(f, nullptr);
  ASSERT_TRUE(f->number_mask);
  EXPECT_EQ(f->number_mask->decimals, 2);
  EXPECT_EQ(f->wrap, WrapMode::kTruncated);
  EXPECT_EQ(f->justify, HeadingJustify::kRight);
  EXPECT_EQ(*f->null_text, "-");
  EXPECT_FALSE(f->print);
  EXPECT_EQ(f->new_value, "s");
}

TEST(ColumnFormatTest, LaterCommandsAddToTheSettings) {
  ColumnFormats c;
  c.Apply("x format a5");
  c.Apply("X heading Ex");
  const ColumnFormat* f = c.Find("x");
  EXPECT_EQ(f->char_width, 5u);
  EXPECT_EQ(*f->heading, "Ex");
  c.Apply("x format 99");
  EXPECT_EQ(f->char_width, 0u);
  EXPECT_TRUE(f->number_mask);
}

TEST(ColumnFormatTest, Errors) {
  ColumnFormats c;
  ColumnCommandResult r = c.Apply("x format z9");
  EXPECT_TRUE(r.failed);
  EXPECT_EQ(r.output, "SP2-0246: Illegal FORMAT string \"z9\"\n");
  EXPECT_EQ(c.Apply("x bogus").output, "SP2-0158: unknown COLUMN option \"bogus\"\n");
  EXPECT_EQ(c.Apply("x heading").output, "SP2-0082: no COLUMN heading specified\n");
  EXPECT_EQ(c.Apply("x format").output, "SP2-0080: no COLUMN FORMAT value specified\n");
  EXPECT_EQ(c.Apply("x format a0").output, "SP2-0246: Illegal FORMAT string \"a0\"\n");
  EXPECT_EQ(c.Apply("y").output, "SP2-0046: COLUMN 'y' not defined\n");
  // A rejected command changes nothing.
  EXPECT_EQ(c.Apply("x heading H format bad").output, "SP2-0246: Illegal FORMAT string \"bad\"\n");
  EXPECT_EQ(c.Find("x"), nullptr);
}

TEST(ColumnFormatTest, ListingAndClear) {
  ColumnFormats c;
  c.Apply("ename format a20 heading 'Emp Name'");
  c.Apply("sal format 999.99 truncate");
  EXPECT_EQ(c.Apply("ename").output,
            "COLUMN   ename ON\nHEADING  'Emp Name' headsep '|'\nFORMAT   a20\n");
  EXPECT_EQ(c.Apply("").output,
            "COLUMN   ename ON\nHEADING  'Emp Name' headsep '|'\nFORMAT   a20\n"
            "COLUMN   sal ON\nFORMAT   999.99\ntruncate\n");
  EXPECT_EQ(c.Apply("ename clear").output, "");
  EXPECT_EQ(c.Find("ename"), nullptr);
  EXPECT_NE(c.Find("sal"), nullptr);
  c.Clear();
  EXPECT_EQ(c.Find("sal"), nullptr);
}

}  // namespace
}  // namespace warden::client
