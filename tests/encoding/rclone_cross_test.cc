// Cross-check against the rclone binary itself (Debian's rclone 1.60.1), offline: rclone's local
// backend applies the same encoder, so
//   - listing raw file names with `rclone lsf :local,encoding=M:dir` shows ToStandardName(M, name)
//     (our DecodeRclone), and
//   - `rclone copy` from an identity-listing source to `:local,encoding=M:` writes
//     FromStandardName(M, name) (our Encode) on disk.
// Skipped, with a message, when no rclone is on PATH.
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "encoding/multi_encoder.h"
#include "gtest/gtest.h"
#include "tests/encoding/test_util.h"

namespace encoding {
namespace {

namespace fs = std::filesystem;

constexpr int kNames = 1500;

bool HaveRclone() { return std::system("rclone version >/dev/null 2>&1") == 0; }

// Runs a shell command, returns its stdout; *status gets the exit status.
std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string RunCommand(const std::string& command, int* status) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    *status = -1;
    return out;
  }
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, n);
  *status = pclose(pipe);
  return out;
}

class RcloneCrossCheck : public ::testing::TestWithParam<Mask> {
 protected:
  void SetUp() override {
    if (!HaveRclone()) GTEST_SKIP() << "rclone not on PATH: cross-check against rclone skipped";
    char tmpl[] = "/tmp/fichier-encoding-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    std::ofstream(dir_ / "rclone.conf").close();  // empty config: no user remotes involved
    setenv("RCLONE_CONFIG", (dir_ / "rclone.conf").c_str(), 1);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // Random names a Linux file system can hold (no '/', no NUL, not "." or "..").
  std::vector<std::string> FileNames(uint64_t seed) {
    testing::NameGenerator gen(seed);
    std::set<std::string> names;
    while (names.size() < kNames) {
      std::string name = gen.Next();
      if (name.empty() || name == "." || name == ".." || name.size() > 200 ||
          name.find('/') != std::string::npos || name.find('\0') != std::string::npos) {
        continue;
      }
      names.insert(std::move(name));
    }
    return {names.begin(), names.end()};
  }

  static void Touch(const fs::path& path) {
    std::ofstream f(path);
    ASSERT_TRUE(f.good()) << base::HexLower(path.filename().string());
  }

  fs::path dir_;
};

TEST_P(RcloneCrossCheck, ListingMatchesToStandardName) {
  const MultiEncoder enc(GetParam());
  const fs::path src = dir_ / "src";
  fs::create_directory(src);
  std::multiset<std::string> expected;
  for (const std::string& name : FileNames(0xC0FFEE ^ GetParam())) {
    Touch(src / name);
    expected.insert(enc.DecodeRclone(name));
  }
  char mask[32];
  std::snprintf(mask, sizeof(mask), "0x%llX", static_cast<unsigned long long>(GetParam()));
  int status = 0;
  const std::string out =
      RunCommand("rclone lsf --files-only ':local,encoding=" + std::string(mask) + ":" +
                     src.string() + "' 2>" + (dir_ / "lsf.err").string(),
                 &status);
  ASSERT_EQ(status, 0) << "rclone lsf failed: " << ReadFile(dir_ / "lsf.err").substr(0, 2000);
  std::multiset<std::string> listed;
  size_t start = 0;
  for (size_t nl; (nl = out.find('\n', start)) != std::string::npos; start = nl + 1) {
    listed.insert(out.substr(start, nl - start));
  }
  EXPECT_EQ(listed.size(), expected.size());
  std::vector<std::string> only_rclone;
  std::vector<std::string> only_ours;
  std::set_difference(listed.begin(), listed.end(), expected.begin(), expected.end(),
                      std::back_inserter(only_rclone));
  std::set_difference(expected.begin(), expected.end(), listed.begin(), listed.end(),
                      std::back_inserter(only_ours));
  for (size_t i = 0; i < std::min<size_t>(only_rclone.size(), 10); ++i) {
    ADD_FAILURE() << "rclone lists " << base::HexLower(only_rclone[i]) << " which we do not predict";
  }
  for (size_t i = 0; i < std::min<size_t>(only_ours.size(), 10); ++i) {
    ADD_FAILURE() << "we predict " << base::HexLower(only_ours[i]) << " which rclone does not list";
  }
}

TEST_P(RcloneCrossCheck, WrittenNamesMatchFromStandardName) {
  const MultiEncoder enc(GetParam());
  const fs::path src = dir_ / "src";
  const fs::path dst = dir_ / "dst";
  fs::create_directory(src);
  fs::create_directory(dst);
  // A source with the Standard mask lists raw names unchanged (rclone short-circuits), so rclone
  // hands each name as-is to the destination's FromStandardName. Keep names whose encodings are
  // distinct and storable. --no-unicode-normalization: otherwise sync treats NFC "é" and NFD
  // "é" as one file, which is about matching, not encoding.
  std::set<std::string> expected;
  for (const std::string& name : FileNames(0xBEEF ^ GetParam())) {
    const std::string wire = enc.Encode(name);
    if (wire.find('/') != std::string::npos || wire == "." || wire == ".." ||
        !expected.insert(wire).second) {
      continue;
    }
    Touch(src / name);
  }
  char mask[32];
  std::snprintf(mask, sizeof(mask), "0x%llX", static_cast<unsigned long long>(GetParam()));
  int status = 0;
  RunCommand("rclone copy --no-unicode-normalization ':local,encoding=0x2018002:" + src.string() +
                 "' ':local,encoding=" + mask + ":" + dst.string() + "' 2>" +
                 (dir_ / "copy.err").string(),
             &status);
  ASSERT_EQ(status, 0) << "rclone copy failed: " << ReadFile(dir_ / "copy.err").substr(0, 2000);
  std::set<std::string> written;
  for (const auto& entry : fs::directory_iterator(dst)) written.insert(entry.path().filename());
  EXPECT_EQ(written.size(), expected.size());
  int shown = 0;
  for (const std::string& name : written) {
    if (!expected.count(name) && shown++ < 10) {
      ADD_FAILURE() << "rclone wrote " << base::HexLower(name) << " which we do not predict";
    }
  }
  for (const std::string& name : expected) {
    if (!written.count(name) && shown++ < 20) {
      ADD_FAILURE() << "we predict " << base::HexLower(name) << " which rclone did not write";
    }
  }
}

// The fichier default, the Linux local default, a Windows-like mask (with the Dot/RightPeriod
// collision) and every flag rclone 1.60.1 knows (bits 1..27).
INSTANTIATE_TEST_SUITE_P(Masks, RcloneCrossCheck,
                         ::testing::Values(kFichierDefaultMask, kLocalLinuxDefaultMask,
                                           kBaseMask | kEncodeWinMask | kBackSlash | kCtl |
                                               kRightSpace | kRightPeriod | kInvalidUtf8,
                                           Mask{0x0FFFFFFE}),
                         testing::MaskTestName);

}  // namespace
}  // namespace encoding
