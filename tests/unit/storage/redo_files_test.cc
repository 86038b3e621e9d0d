// Reading the redo stream back from online log files: across files (a frame may span two),
// a torn or bit-flipped tail ends the stream, corruption before the tail is an error, and
// leftovers of an older use of a file are not mistaken for either.
#include "storage/redo_files.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <vector>

namespace warden::storage {
namespace {

class RedoFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/warden_redo_files_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    for (int g = 0; g < 8; ++g) paths_.push_back(dir_ + "/redo0" + std::to_string(g + 1) + ".log");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // The stream of n commit records from `base`; frame_starts gets each one's position.
  std::string Stream(Lsn base, int n, std::vector<Lsn>* frame_starts) {
    std::string s;
    for (int i = 0; i < n; ++i) {
      const std::string payload = EncodeCommit({uint64_t(i + 1), 1, 1000 + i});
      frame_starts->push_back(base + s.size());
      std::string f(FrameBytes(payload.size()), '\0');
      EncodeFrame(base + s.size(), payload, reinterpret_cast<uint8_t*>(f.data()));
      s += f;
    }
    return s;
  }
  // Writes `stream` (from `base`) into files of `capacity` data bytes, sequences 1, 2, ...
  void WriteFiles(Lsn base, const std::string& stream, uint64_t capacity) {
    for (size_t k = 0; k * capacity < stream.size(); ++k) {
      ASSERT_LT(k, paths_.size());
      LogFileHeader h{uint32_t(k), k + 1, base + k * capacity, 0};
      ASSERT_TRUE(CreateLogFile(paths_[k], h, kLogHeaderBlock + capacity).ok());
      WriteAt(k, 0, stream.substr(k * capacity, capacity));
    }
  }
  void WriteAt(size_t file, uint64_t data_offset, const std::string& bytes) {
    int fd = open(paths_[file].c_str(), O_WRONLY);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(pwrite(fd, bytes.data(), bytes.size(), off_t(kLogHeaderBlock + data_offset)),
              ssize_t(bytes.size()));
    close(fd);
  }
  Status Scan(Lsn start, uint64_t max_write, std::vector<Lsn>* seen, RedoScanResult* out) {
    return ScanRedo(paths_, start, max_write,
                    [&](Lsn lsn, std::string_view) {
                      seen->push_back(lsn);
                      return Status::OK();
                    },
                    out);
  }

  std::string dir_;
  std::vector<std::string> paths_;
};

TEST_F(RedoFilesTest, ReadsAcrossFilesWithFramesSpanningThem) {
  std::vector<Lsn> starts;
  const std::string stream = Stream(512, 40, &starts);
  WriteFiles(512, stream, 300);  // 300 is no multiple of the frame size: frames span files
  std::vector<Lsn> seen;
  RedoScanResult r;
  ASSERT_TRUE(Scan(512, 1 << 16, &seen, &r).ok());
  EXPECT_EQ(seen, starts);
  EXPECT_EQ(r.end, 512 + stream.size());
  EXPECT_FALSE(r.tail_discarded);
  EXPECT_EQ(r.last_sequence, (stream.size() + 299) / 300);
  // From a later position (a checkpoint's) only the rest.
  seen.clear();
  ASSERT_TRUE(Scan(starts[20], 1 << 16, &seen, &r).ok());
  EXPECT_EQ(seen, std::vector<Lsn>(starts.begin() + 20, starts.end()));
}

TEST_F(RedoFilesTest, TornTailEndsTheStreamAtTheLastGoodRecord) {
  std::vector<Lsn> starts;
  std::string stream = Stream(512, 10, &starts);
  const uint64_t torn_at = starts[9] - 512;
  stream.resize(torn_at + 20);  // half of the last frame reached the disk
  WriteFiles(512, stream, 1 << 20);
  std::vector<Lsn> seen;
  RedoScanResult r;
  ASSERT_TRUE(Scan(512, 1 << 16, &seen, &r).ok());
  EXPECT_EQ(seen.size(), 9u);
  EXPECT_EQ(r.end, starts[9]);
  EXPECT_TRUE(r.tail_discarded);
  EXPECT_NE(r.tail_detail.find("torn or corrupt"), std::string::npos);
}

TEST_F(RedoFilesTest, BitFlipInTheLastRecordEndsTheStreamThere) {
  std::vector<Lsn> starts;
  std::string stream = Stream(512, 10, &starts);
  stream[starts[9] - 512 + 18] ^= 0x10;
  WriteFiles(512, stream, 1 << 20);
  std::vector<Lsn> seen;
  RedoScanResult r;
  ASSERT_TRUE(Scan(512, 1 << 16, &seen, &r).ok());
  EXPECT_EQ(r.end, starts[9]);
  EXPECT_TRUE(r.tail_discarded);
}

TEST_F(RedoFilesTest, CorruptionFollowedByMoreThanOneWriteOfGoodRedoIsAnError) {
  std::vector<Lsn> starts;
  std::string stream = Stream(512, 200, &starts);
  stream[starts[10] - 512 + 20] ^= 0x01;
  WriteFiles(512, stream, 1 << 20);
  std::vector<Lsn> seen;
  RedoScanResult r;
  Status s = Scan(512, 256, &seen, &r);  // LGWR never wrote more than 256 bytes at once
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().rfind("ORA-00353", 0), 0u) << s.message();
  // Within one write's reach it is a torn write, not corruption.
  seen.clear();
  EXPECT_TRUE(Scan(512, 1 << 20, &seen, &r).ok());
  EXPECT_EQ(r.end, starts[10]);
}

// The instance that wrote the file had a larger log buffer than the one reading it now: its
// torn write may reach that far, and the header says so.
TEST_F(RedoFilesTest, AFilesOwnWriteSizeCountsForItsTornTail) {
  std::vector<Lsn> starts;
  std::string stream = Stream(512, 200, &starts);
  stream[starts[10] - 512 + 20] ^= 0x01;
  LogFileHeader h{0, 1, 512, 0, 1 << 20};
  ASSERT_TRUE(CreateLogFile(paths_[0], h, kLogHeaderBlock + (1 << 20)).ok());
  WriteAt(0, 0, stream);
  std::vector<Lsn> seen;
  RedoScanResult r;
  ASSERT_TRUE(Scan(512, 256, &seen, &r).ok());  // 256: today's buffer; 1 MB when written
  EXPECT_EQ(r.end, starts[10]);
  EXPECT_TRUE(r.tail_discarded);
}

TEST_F(RedoFilesTest, CorruptionInAnOlderFileIsAnError) {
  std::vector<Lsn> starts;
  std::string stream = Stream(512, 40, &starts);
  stream[starts[2] - 512 + 17] ^= 0x04;
  WriteFiles(512, stream, 400);
  std::vector<Lsn> seen;
  RedoScanResult r;
  Status s = Scan(512, 1 << 16, &seen, &r);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().rfind("ORA-00353", 0), 0u) << s.message();
}

TEST_F(RedoFilesTest, LeftoversOfAnOlderUseAreNotATornTail) {
  std::vector<Lsn> old_starts;
  WriteFiles(512, Stream(512, 30, &old_starts), 1 << 20);  // sequence 1 in file 1
  // File 1 reused for sequence 1 again from a later position, with fewer records.
  std::vector<Lsn> starts;
  const std::string fresh = Stream(100000, 5, &starts);
  LogFileHeader h{0, 1, 100000, 0};
  ASSERT_TRUE(CreateLogFile(paths_[0], h, kLogHeaderBlock + (1 << 20)).ok());
  WriteAt(0, 0, fresh);
  std::vector<Lsn> seen;
  RedoScanResult r;
  ASSERT_TRUE(Scan(100000, 1 << 16, &seen, &r).ok());
  EXPECT_EQ(seen, starts);
  EXPECT_FALSE(r.tail_discarded);
}

// LGWR's write that crosses a log switch: the first part of a frame is in the older file
// (synced before the switch), the newest file's header is written, then a crash before the
// rest reached the disk. That is a torn tail, not corruption of a complete file.
TEST_F(RedoFilesTest, TornFrameSpanningIntoTheNewestFileIsATornTail) {
  std::vector<Lsn> starts;
  const std::string stream = Stream(512, 10, &starts);  // frames of 40 bytes
  ASSERT_EQ(starts[1] - starts[0], 40u);
  WriteFiles(512, stream, 300);  // file 2 starts at 812, inside the frame at 792
  WriteAt(1, 0, std::string(100, '\0'));  // its data never written
  std::vector<Lsn> seen;
  RedoScanResult r;
  Status s = Scan(512, 1 << 16, &seen, &r);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(r.end, starts[7]);
  EXPECT_TRUE(r.tail_discarded);
  EXPECT_EQ(r.last_sequence, 2u);
  // A frame wholly inside the older file that is bad stays corruption.
  WriteFiles(512, stream, 300);
  std::string bad = stream.substr(starts[5] - 512, 40);
  bad[20] ^= 0x01;
  WriteAt(0, starts[5] - 512, bad);
  seen.clear();
  s = Scan(512, 1 << 16, &seen, &r);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().rfind("ORA-00353", 0), 0u) << s.message();
}

// A damaged frame whose position field happens to look like an older use of the file (one
// bit flipped) must not silently end the stream when acknowledged redo follows it.
TEST_F(RedoFilesTest, DamagedPositionFollowedByGoodRedoIsAnError) {
  std::vector<Lsn> starts;
  std::string stream = Stream(512, 200, &starts);
  ASSERT_EQ(starts[10], 912u);  // 0x390: clearing bit 4 gives 0x380, 16 bytes earlier
  stream[starts[10] - 512 + 8] ^= 0x10;
  WriteFiles(512, stream, 1 << 20);
  std::vector<Lsn> seen;
  RedoScanResult r;
  Status s = Scan(512, 256, &seen, &r);
  ASSERT_FALSE(s.ok()) << "stream silently ended at " << r.end;
  EXPECT_EQ(s.message().rfind("ORA-00353", 0), 0u) << s.message();
}

// A block of zeros in the middle of the newest file (a lost write) followed by good redo:
// corruption, not the end of the stream.
TEST_F(RedoFilesTest, ZerosFollowedByGoodRedoIsAnError) {
  std::vector<Lsn> starts;
  std::string stream = Stream(512, 400, &starts);
  const uint64_t at = starts[10] - 512;
  std::fill(stream.begin() + at, stream.begin() + at + 4800, '\0');
  WriteFiles(512, stream, 1 << 20);
  std::vector<Lsn> seen;
  RedoScanResult r;
  Status s = Scan(512, 256, &seen, &r);
  ASSERT_FALSE(s.ok()) << "stream silently ended at " << r.end;
  EXPECT_EQ(s.message().rfind("ORA-00353", 0), 0u) << s.message();
}

TEST_F(RedoFilesTest, RedoNotInTheFilesIsAnError) {
  std::vector<Lsn> starts;
  WriteFiles(4096, Stream(4096, 3, &starts), 1 << 20);
  std::vector<Lsn> seen;
  RedoScanResult r;
  Status s = Scan(512, 1 << 16, &seen, &r);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().rfind("ORA-00314", 0), 0u) << s.message();
}

TEST_F(RedoFilesTest, HeaderRoundTripAndUnusedFile) {
  LogFileHeader h{2, 7, 123456, 99, 1 << 20}, back;
  ASSERT_TRUE(DecodeLogHeader(EncodeLogHeader(h), &back));
  EXPECT_EQ(back.group, 2u);
  EXPECT_EQ(back.sequence, 7u);
  EXPECT_EQ(back.first_lsn, 123456u);
  EXPECT_EQ(back.max_write, 1u << 20);
  ASSERT_TRUE(CreateLogFile(paths_[1], LogFileHeader{1, 0, 0, 0}, 4096).ok());
  EXPECT_FALSE(ReadLogHeader(paths_[1], &back));  // sequence 0: never used
  std::string bad = EncodeLogHeader(h);
  bad[20] ^= 1;
  EXPECT_FALSE(DecodeLogHeader(bad, &back));
}

}  // namespace
}  // namespace warden::storage
