#include "vfs/config/config_file.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/config/rclone_binary.h"
#include "vfs/config/obscure.h"

namespace vfs {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// rclone.conf in a fresh folder, holding `text`: for the tests that check what a refused load or
// save leaves on disk.
struct ConfigOnDisk {
  explicit ConfigOnDisk(std::string content) : text(std::move(content)) { WriteFile(path, text); }
  testing::TempDir dir;
  std::string path = dir.File("rclone.conf");
  std::string text;
};

mode_t ModeOf(const std::string& path) {
  struct stat st;
  EXPECT_EQ(stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

ConfigFile MustParse(std::string_view text, std::string path = "/etc/test.conf") {
  absl::StatusOr<ConfigFile> c = ConfigFile::Parse(text, std::move(path));
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() ? *std::move(c) : ConfigFile::InMemory();
}

TEST(ConfigFileTest, ParsesTheSpecExample) {
  ConfigFile c = MustParse(
      "# comments start with # or ; at the beginning of a line\n"
      "[myf]\n"
      "type = fichier\n"
      "api_key = ABC123\n"
      "file_password = 4B-CV8s0k0THMD8QYLKKTelQqldo2yw\n"
      "\n"
      "[loc]\n"
      "type = local\n");
  EXPECT_THAT(c.Remotes(), ElementsAre("myf", "loc"));
  EXPECT_THAT(c.Keys("myf"), ElementsAre("type", "api_key", "file_password"));
  EXPECT_THAT(c.Get("myf", "api_key"), Optional(std::string("ABC123")));
  EXPECT_THAT(c.Get("loc", "type"), Optional(std::string("local")));
  EXPECT_EQ(c.Get("loc", "api_key"), std::nullopt);
  EXPECT_EQ(c.Get("nope", "type"), std::nullopt);
  EXPECT_FALSE(c.HasRemote("MYF"));  // section names are case-sensitive
}

// Each expectation below was checked with `rclone config dump` (v1.60.1).
TEST(ConfigFileTest, ValueRulesMatchRclone) {
  ConfigFile c = MustParse(
      "[s]\n"
      "type = local\n"
      "K6 = v\n"
      "quoted = \"quoted value\"\n"
      "hash = abc # not comment\n"
      "eq = a = b\n"
      "nosp=x\n"
      "  indented = y  \n"
      "empty =\n"
      "colon: v=w\n"
      "my key = v\n"
      "triple = \"\"\"  lead \"\"\"\n"
      "bt = `  bt `\n"
      "lone = \"\"\"\n"
      "esc = x\\ty\n"
      "  # indented comment\n");
  const std::pair<const char*, const char*> kValues[] = {
      {"K6", "v"},
      {"quoted", "\"quoted value\""},
      {"hash", "abc # not comment"},
      {"eq", "a = b"},
      {"nosp", "x"},
      {"indented", "y"},
      {"empty", ""},
      {"colon", "v=w"},
      {"my key", "v"},
      {"triple", "  lead "},
      {"bt", "  bt "},
      {"lone", "\"\"\""},
      {"esc", "x\\ty"},
  };
  for (const auto& [key, value] : kValues) {
    EXPECT_THAT(c.Get("s", key), Optional(std::string(value))) << key;
  }
  EXPECT_EQ(c.Get("s", "k6"), std::nullopt);
}

TEST(ConfigFileTest, BomCrlfDefaultSectionAndMerging) {
  ConfigFile c = MustParse(
      "\xEF\xBB\xBFtop = before\r\n"
      "[s]\r\n"
      "a = 1\r\n"
      "type = local\r\n"
      "a = 2\r\n"
      "[ t ]\r\n"
      "type = local\r\n"
      "[s]\r\n"
      "extra = merged\r\n");
  EXPECT_THAT(c.Remotes(), ElementsAre("DEFAULT", "s", "t"));
  EXPECT_THAT(c.Get("DEFAULT", "top"), Optional(std::string("before")));
  EXPECT_THAT(c.Keys("s"), ElementsAre("a", "type", "extra"));
  EXPECT_THAT(c.Get("s", "a"), Optional(std::string("2")));
  EXPECT_EQ(c.Where("s", "a"), "/etc/test.conf:5");
  EXPECT_EQ(c.Where("t"), "/etc/test.conf:6");
  EXPECT_EQ(c.Get("DEFAULT", "a"), std::nullopt);  // DEFAULT is not inherited
  // Read as rclone does, but never written back merged without the user knowing.
  EXPECT_THAT(c.repeated_sections(), ElementsAre("[s] at line 8, first at line 2"));
}

TEST(ConfigFileTest, AFileWithARepeatedSectionIsNotRewritten) {
  const ConfigOnDisk file("[s]\ntype = local\n[t]\ntype = local\n[s]\nextra = 1\n");
  absl::StatusOr<ConfigFile> c = ConfigFile::Load(file.path);
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_TRUE(c->Set("t", "x", "2").ok());
  absl::Status saved = c->Save();
  EXPECT_EQ(saved.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(saved.message()), HasSubstr("[s] at line 5, first at line 1"));
  EXPECT_EQ(ReadFile(file.path), file.text);
}

TEST(ConfigFileTest, BadLinesNameFileAndLineButNotTheText) {
  struct Case {
    std::string text;
    std::string where;
    std::string why;
  };
  const std::vector<Case> cases = {
      {"[s]\ntype = local\napi_key SECRETVALUE\n", "/x/rclone.conf:3:", "could not parse line"},
      {"[s]\ntype = local\n=SECRETVALUE\n", "/x/rclone.conf:3:", "empty key"},
      {"[s\ntype = local SECRETVALUE\n", "/x/rclone.conf:1:", "could not parse line"},
      {"# c\n\n[]\nSECRETVALUE=1\n", "/x/rclone.conf:3:", "empty section name"},
      {"[s] SECRETVALUE\n", "/x/rclone.conf:1:", "could not parse line"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<ConfigFile> r = ConfigFile::Parse(c.text, "/x/rclone.conf");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr(c.where)) << c.text;
    EXPECT_THAT(r.status().message(), HasSubstr(c.why)) << c.text;
    EXPECT_THAT(r.status().message(), ::testing::Not(HasSubstr("SECRETVALUE")));
  }
}

// Parse has no password: an encrypted text is a clear error (Load decrypts, config_crypt_test).
TEST(ConfigFileTest, EncryptedConfigIsAClearError) {
  absl::StatusOr<ConfigFile> r =
      ConfigFile::Parse("RCLONE_ENCRYPT_V0:\nabcdef\n", "/x/rclone.conf");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(), HasSubstr("/x/rclone.conf"));
}

// rclone trims a line and skips `;` comments before it looks for the marker, so an indented
// marker is an encrypted file to it too; reading it as plain keys would lose it on the next save.
TEST(ConfigFileTest, IndentedMarkerAfterSemicolonCommentIsEncrypted) {
  absl::StatusOr<ConfigFile> r =
      ConfigFile::Parse("; note\n   RCLONE_ENCRYPT_V0:  \nabcdef\n", "/x/rclone.conf");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
}

// A DEFAULT key that looks like the marker is written under its header, so the saved file still
// reads as plain text with the same key (found by config_file_fuzz).
TEST(ConfigFileTest, DefaultKeyLookingLikeTheMarkerSurvivesASave) {
  ConfigFile c = MustParse("[a]\ntype = memory\n[DEFAULT]\nRCLONE_ENCRYPT_Vx = 1\n");
  const std::string written = c.Serialize();
  absl::StatusOr<ConfigFile> again = ConfigFile::Parse(written, "");
  ASSERT_TRUE(again.ok()) << again.status() << "\n" << written;
  EXPECT_EQ(again->Get("DEFAULT", "RCLONE_ENCRYPT_Vx"), "1");
  EXPECT_EQ(again->Get("a", "type"), "memory");
}

// The expected text is what `rclone config update two x 2` wrote for the same input (1.60.1):
// comments kept in front of what they preceded, blank lines normalised, `key = value`.
TEST(ConfigFileTest, SerializesLikeRclone) {
  ConfigFile c = MustParse(
      "# leading comment\n"
      "; semi comment\n"
      "\n"
      "[one]\n"
      "type = local\n"
      "# comment inside one\n"
      "K6 = v\n"
      "nosp=x\n"
      "  indented = y  \n"
      "empty =\n"
      "\n"
      "; before two\n"
      "[two]\n"
      "type = local\n"
      "x = 1\n"
      "[one]\n"
      "extra = merged\n");
  ASSERT_TRUE(c.Set("two", "x", "2").ok());
  EXPECT_EQ(c.Serialize(),
            "# leading comment\n"
            "; semi comment\n"
            "[one]\n"
            "type = local\n"
            "# comment inside one\n"
            "K6 = v\n"
            "nosp = x\n"
            "indented = y\n"
            "empty = \n"
            "extra = merged\n"
            "\n"
            "; before two\n"
            "[two]\n"
            "type = local\n"
            "x = 2\n"
            "\n");
}

TEST(ConfigFileTest, DefaultKeysAreWrittenFirstWithoutHeader) {
  ConfigFile c = MustParse("[s]\ntype = local\n[DEFAULT]\ntop = 1\n");
  EXPECT_EQ(c.Serialize(), "top = 1\n\n[s]\ntype = local\n\n");
  ConfigFile again = MustParse(c.Serialize());
  EXPECT_THAT(again.Get("DEFAULT", "top"), Optional(std::string("1")));
  EXPECT_THAT(again.Keys("s"), ElementsAre("type"));
}

TEST(ConfigFileTest, SetDeleteAndOrder) {
  ConfigFile c = MustParse("[a]\ntype = local\n");
  ASSERT_TRUE(c.Set("b", "api_key", "K").ok());
  ASSERT_TRUE(c.Set("b", "type", "fichier").ok());  // type goes first, as rclone writes it
  ASSERT_TRUE(c.Set("a", "x", "1").ok());
  EXPECT_THAT(c.Remotes(), ElementsAre("a", "b"));
  EXPECT_THAT(c.Keys("b"), ElementsAre("type", "api_key"));
  EXPECT_EQ(c.Where("b", "api_key"), "/etc/test.conf");  // not from the file: no line
  EXPECT_TRUE(c.DeleteKey("a", "x"));
  EXPECT_FALSE(c.DeleteKey("a", "x"));
  EXPECT_FALSE(c.DeleteKey("zz", "x"));
  EXPECT_TRUE(c.DeleteRemote("a"));
  EXPECT_FALSE(c.DeleteRemote("a"));
  EXPECT_EQ(c.Serialize(), "[b]\ntype = fichier\napi_key = K\n\n");
}

TEST(ConfigFileTest, AwkwardValuesSurviveAWriteAndRead) {
  ConfigFile c = ConfigFile::InMemory();
  const std::vector<std::string> values = {
      "  leading and trailing  ",
      "`ticks`",
      "\"\"\"triple\"\"\"",
      "# hash",
      "a = b",
      "",
      "\"quoted\"",
      "h\xc3\xa9llo",
      " \"\"\" inside ",
  };
  auto key = [](size_t i) { return std::string(1, static_cast<char>('a' + i)); };
  for (size_t i = 0; i < values.size(); ++i) {
    ASSERT_TRUE(c.Set("r", key(i), values[i]).ok()) << values[i];
  }
  ConfigFile back = MustParse(c.Serialize());
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_THAT(back.Get("r", key(i)), Optional(values[i]));
  }
}

TEST(ConfigFileTest, SetRejectsWhatCannotBeWrittenWithoutEchoingValues) {
  ConfigFile c = ConfigFile::InMemory();
  EXPECT_FALSE(c.Set("bad/name", "k", "v").ok());
  EXPECT_FALSE(c.Set("-dash", "k", "v").ok());
  EXPECT_FALSE(c.Set(" space", "k", "v").ok());
  EXPECT_FALSE(c.Set("", "k", "v").ok());
  EXPECT_TRUE(c.Set("ok name_1.x-y", "k", "v").ok());
  EXPECT_FALSE(c.Set("r", "", "v").ok());
  EXPECT_FALSE(c.Set("r", "a=b", "v").ok());
  EXPECT_FALSE(c.Set("r", "a:b", "v").ok());
  EXPECT_FALSE(c.Set("r", "#k", "v").ok());
  EXPECT_FALSE(c.Set("r", " k", "v").ok());
  absl::Status s = c.Set("r", "pass", "SECRET\nVALUE");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("\"pass\""));
  EXPECT_THAT(s.message(), ::testing::Not(HasSubstr("SECRET")));
  EXPECT_FALSE(c.Set("r", "pass", "\"\"\"x` ").ok());
  EXPECT_FALSE(c.HasRemote("r"));  // failed Sets create nothing
}

TEST(ConfigFileTest, LoadMissingFileIsEmptyAndSaveCreatesItPrivately) {
  testing::TempDir dir;
  const std::string path = dir.File("sub/dir/rclone.conf");
  absl::StatusOr<ConfigFile> c = ConfigFile::Load(path);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_TRUE(c->Remotes().empty());
  ASSERT_TRUE(c->Set("r", "type", "local").ok());
  ASSERT_TRUE(c->Save().ok());
  EXPECT_EQ(ReadFile(path), "[r]\ntype = local\n\n");
  EXPECT_EQ(ModeOf(path), 0600u);
  // Only the config file is left: the temporary file was renamed, not copied.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.File("sub/dir")),
                          std::filesystem::directory_iterator()),
            1);
}

TEST(ConfigFileTest, SaveKeepsTheModeOfAnExistingFileAndReplacesSymlinkTargets) {
  testing::TempDir dir;
  const std::string real = dir.File("real.conf");
  const std::string link = dir.File("link.conf");
  WriteFile(real, "[a]\ntype = local\n");
  ASSERT_EQ(chmod(real.c_str(), 0640), 0);
  std::filesystem::create_symlink(real, link);
  absl::StatusOr<ConfigFile> c = ConfigFile::Load(link);
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_TRUE(c->Set("a", "x", "1").ok());
  ASSERT_TRUE(c->Save().ok());
  EXPECT_TRUE(std::filesystem::is_symlink(link));
  EXPECT_EQ(ReadFile(real), "[a]\ntype = local\nx = 1\n\n");
  EXPECT_EQ(ModeOf(real), 0640u);  // rclone 1.60 keeps an existing file's mode too
}

TEST(ConfigFileTest, BadFileIsNotOverwrittenAndErrorNamesIt) {
  const ConfigOnDisk file("[a]\ntype = local\nthis line is bad\n");
  absl::StatusOr<ConfigFile> c = ConfigFile::Load(file.path);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr(file.path + ":3:"));
  EXPECT_EQ(ReadFile(file.path), file.text);
}

TEST(ConfigFileTest, FailedSaveLeavesNoTemporaryAndNamesThePath) {
  // The rename fails because the config path is a non-empty directory (works even as root,
  // where permission tricks would not).
  testing::TempDir dir;
  const std::string path = dir.File("rclone.conf");
  std::filesystem::create_directory(path);
  WriteFile(path + "/keep", "x");
  absl::StatusOr<ConfigFile> c = ConfigFile::Parse("[a]\ntype = local\n", path);
  ASSERT_TRUE(c.ok());
  absl::Status s = c->Save();
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr(path));
  EXPECT_EQ(ReadFile(path + "/keep"), "x");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
}

TEST(ConfigFileTest, LoadingADirectoryIsAnErrorNamingIt) {
  testing::TempDir dir;
  absl::StatusOr<ConfigFile> c = ConfigFile::Load(dir.path());
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr(dir.path()));
}

TEST(ConfigFileTest, InMemorySaveWritesNothing) {
  ConfigFile c = ConfigFile::InMemory();
  ASSERT_TRUE(c.Set("a", "type", "local").ok());
  EXPECT_TRUE(c.Save().ok());
  EXPECT_TRUE(c.in_memory());
  EXPECT_EQ(c.Where("a", "type"), "in-memory config");
}

// The acceptance test: a file written by the real rclone, with a password it obscured,
// is read by us, the password revealed, and a file we write is read back by rclone.
TEST(ConfigFileTest, RoundTripsAConfigWrittenByRclone) {
  std::optional<std::string> rclone = testing::FindRclone();
  if (!rclone) GTEST_SKIP() << "rclone is not on PATH; round trip with the real binary not tested";
  testing::TempDir dir;
  const std::string path = dir.File("rclone.conf");
  const std::string password = "p@ss w0rd! h\xc3\xa9llo";
  // ftp's `pass` is a password option: rclone obscures it on the way in. Nothing connects.
  testing::ProcessResult r =
      testing::RunProcess({*rclone, "--config", path, "config", "create", "myftp", "ftp", "host",
                           "ftp.example.com", "user", "bob", "pass", password});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = testing::RunProcess(
      {*rclone, "--config", path, "config", "create", "loc", "local", "nounc", "true"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string written_by_rclone = ReadFile(path);

  absl::StatusOr<ConfigFile> c = ConfigFile::Load(path);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_THAT(c->Remotes(), ElementsAre("myftp", "loc"));
  EXPECT_THAT(c->Get("myftp", "type"), Optional(std::string("ftp")));
  EXPECT_THAT(c->Get("myftp", "user"), Optional(std::string("bob")));
  std::optional<std::string> stored = c->Get("myftp", "pass");
  ASSERT_TRUE(stored.has_value());
  EXPECT_NE(*stored, password);
  EXPECT_THAT(Reveal(*stored), ::testing::Eq(absl::StatusOr<std::string>(password)));
  // Our writer produces exactly what rclone wrote.
  EXPECT_EQ(c->Serialize(), written_by_rclone);

  // Now we write: a new remote with a password we obscured, and a changed key.
  absl::StatusOr<std::string> ours = Obscure("hunter2");
  ASSERT_TRUE(ours.ok());
  ASSERT_TRUE(c->Set("mine", "type", "ftp").ok());
  ASSERT_TRUE(c->Set("mine", "host", "h.example.com").ok());
  ASSERT_TRUE(c->Set("mine", "pass", *ours).ok());
  ASSERT_TRUE(c->Set("loc", "nounc", "false").ok());
  ASSERT_TRUE(c->Save().ok());
  r = testing::RunProcess({*rclone, "--config", path, "config", "dump"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"pass\": \"" + *ours + "\""));
  EXPECT_THAT(r.out, HasSubstr("\"pass\": \"" + *stored + "\""));
  EXPECT_THAT(r.out, HasSubstr("\"nounc\": \"false\""));
  EXPECT_THAT(r.out, HasSubstr("\"mine\": {"));

  // rclone updates the file we wrote; we read its change back.
  r = testing::RunProcess({*rclone, "--config", path, "config", "update", "mine", "user", "eve"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  absl::StatusOr<ConfigFile> again = ConfigFile::Load(path);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_THAT(again->Get("mine", "user"), Optional(std::string("eve")));
  EXPECT_THAT(Reveal(*again->Get("mine", "pass")),
              ::testing::Eq(absl::StatusOr<std::string>("hunter2")));
}

// Reading is linear in the file size (sections and keys are looked up by name, not by scan):
// a 100k-section file took 17 s before. No time bound here (see README for the timing); the
// test makes sure such files load whole and that merges still find the first copy.
TEST(ConfigFileTest, HugeFilesLoadWhole) {
  constexpr int kSections = 100000;
  std::string text;
  for (int i = 0; i < kSections; ++i) text += "[r" + std::to_string(i) + "]\ntype = local\n";
  text += "[r0]\nextra = yes\n";  // a repeated section merges into the first
  text += "[big]\n";
  for (int i = 0; i < kSections; ++i) text += "k = " + std::to_string(i) + "\n";  // one key
  absl::StatusOr<ConfigFile> config = ConfigFile::Parse(text, "");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->Remotes().size(), static_cast<size_t>(kSections) + 1);
  EXPECT_EQ(config->Get("r99999", "type"), "local");
  EXPECT_EQ(config->Get("r0", "extra"), "yes");
  EXPECT_EQ(config->Keys("big").size(), 1u);
  EXPECT_EQ(config->Get("big", "k"), std::to_string(kSections - 1));
  EXPECT_TRUE(config->DeleteRemote("r5"));
  EXPECT_FALSE(config->HasRemote("r5"));
  EXPECT_EQ(config->Get("r6", "type"), "local");
  EXPECT_EQ(config->Get("r99999", "type"), "local");
}

// Found by config_file_fuzz: a CR inside a value (rclone reads it as part of the value) was
// written back as an empty value, so editing another remote wiped it.
TEST(ConfigFileTest, ACarriageReturnInsideAValueSurvivesAnEdit) {
  absl::StatusOr<ConfigFile> config = ConfigFile::Parse("[a]\nk = x\ry\nt = \"\"\"z\r\"\"\"\n", "");
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_EQ(config->Get("a", "k"), "x\ry");
  ASSERT_EQ(config->Get("a", "t"), "z\r");
  ASSERT_TRUE(config->Set("b", "type", "local").ok());
  absl::StatusOr<ConfigFile> again = ConfigFile::Parse(config->Serialize(), "");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->Get("a", "k"), "x\ry");
  EXPECT_EQ(again->Get("a", "t"), "z\r");
  EXPECT_FALSE(config->Set("b", "k", "x\ry").ok()) << "Set still refuses line breaks";
}

// Found by config_file_fuzz: a key of DEFAULT starting with a second BOM lost it on re-read.
TEST(ConfigFileTest, AKeyStartingWithABomSurvivesARoundTrip) {
  absl::StatusOr<ConfigFile> config = ConfigFile::Parse("\xEF\xBB\xBF\xEF\xBB\xBFk = v\n", "");
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_EQ(config->Keys("DEFAULT"), std::vector<std::string>{"\xEF\xBB\xBFk"});
  absl::StatusOr<ConfigFile> again = ConfigFile::Parse(config->Serialize(), "");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->Keys("DEFAULT"), std::vector<std::string>{"\xEF\xBB\xBFk"});
}

}  // namespace
}  // namespace vfs
