// CRC-32C: the published check value, and that extending a checksum piecewise equals one pass.
#include "common/crc32c.h"

#include <gtest/gtest.h>

#include <string>

namespace warden {
namespace {

TEST(Crc32cTest, CheckValue) {
  EXPECT_EQ(Crc32c("123456789", 9), 0xE3069283u);  // RFC 3720 / iSCSI check value
  EXPECT_EQ(Crc32c("", 0), 0u);
}

TEST(Crc32cTest, PiecewiseEqualsWhole) {
  std::string data;
  for (int i = 0; i < 1000; ++i) data.push_back(static_cast<char>(i * 7));
  for (size_t cut : {size_t{0}, size_t{1}, size_t{7}, size_t{8}, size_t{500}, size_t{999}}) {
    uint32_t c = Crc32c(data.data(), cut);
    c = Crc32c(data.data() + cut, data.size() - cut, c);
    EXPECT_EQ(c, Crc32c(data.data(), data.size())) << cut;
  }
}

TEST(Crc32cTest, EveryBitFlipIsSeen) {
  std::string data(64, 'x');
  const uint32_t good = Crc32c(data.data(), data.size());
  for (size_t bit = 0; bit < data.size() * 8; ++bit) {
    std::string bad = data;
    bad[bit / 8] = static_cast<char>(bad[bit / 8] ^ (1 << (bit % 8)));
    EXPECT_NE(Crc32c(bad.data(), bad.size()), good) << bit;
  }
}

}  // namespace
}  // namespace warden
