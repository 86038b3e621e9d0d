// Base64: RFC 4648 vectors, round trips of every byte value, strict rejection.
#include "net/base64.h"

#include <gtest/gtest.h>

#include <string>

namespace warden::net {
namespace {

TEST(Base64, Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(Base64Encode(plain), encoded);
    std::optional<std::string> decoded = Base64Decode(encoded);
    ASSERT_TRUE(decoded.has_value()) << encoded;
    EXPECT_EQ(*decoded, plain);
  }
}

TEST(Base64, EveryByteValueRoundTrips) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (std::size_t len = 0; len <= all.size(); len += 17) {
    const std::string bytes = all.substr(0, len);
    EXPECT_EQ(Base64Decode(Base64Encode(bytes)), bytes);
  }
  EXPECT_EQ(Base64Encode(all).size(), 344u);
}

TEST(Base64, RejectsNonCanonicalText) {
  for (const char* bad : {"Zg=", "Zg", "Z===", "====", "Zm=v", "Zm9v\n", "Zm 9",
                          "Zh==", "Zm9=", "Zm9vY===", "Zm9v====", "Zm9*"}) {
    EXPECT_FALSE(Base64Decode(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace warden::net
