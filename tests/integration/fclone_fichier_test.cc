// The real fclone binary against a fichier remote on fichier-emulator (started per test on
// 127.0.0.1): awkward names up and back byte for byte, ls/lsjson/check/sync, a duplicate made
// through the emulator's own upload flow reported and resolved by dedupe, copyurl of a file
// served on loopback by the test (with and without Content-Length), rcat, the hash commands on a
// Whirlpool-only remote, cleanup and backend features, exit codes, and the API key never in any
// output.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "simdjson.h"
#include "absl/strings/str_split.h"
#include "absl/strings/match.h"
#include "tests/integration/emulator_remote_test.h"
#include "tests/integration/fclone_runner.h"
#include "tests/support/loopback_file_server.h"

namespace fctest {
namespace {

using ::emulator::testing::kPremiumKey;
using ::testing::AnyOf;
using ::testing::HasSubstr;
using ::testing::Not;

int CountOf(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

class FcloneFichierTest : public EmulatorRemoteTest {
 protected:
  // One POST to the emulated API with the key in the Authorization header.
  std::string Api(const std::string& endpoint, const std::string& json) {
    httplib::Client c("127.0.0.1", emu_->port());
    httplib::Headers h = {{"Authorization", std::string("Bearer ") + kPremiumKey}};
    auto res = c.Post("/v1/" + endpoint, h, json, "application/json");
    EXPECT_TRUE(res) << endpoint;
    if (!res) return "";
    EXPECT_EQ(res->status, 200) << endpoint << ": " << res->body;
    return res->body;
  }

  // The id of the top-level folder `name`.
  int64_t FolderId(const std::string& name) {
    simdjson::dom::parser parser;
    std::string body = Api("folder/ls.cgi", R"({"folder_id":0})");
    simdjson::dom::element doc = parser.parse(body);
    for (simdjson::dom::element f : doc["sub_folders"].get_array()) {
      if (std::string_view(f["name"].get_string()) == name) return f["id"].get_int64();
    }
    ADD_FAILURE() << "no folder " << name << " in " << body;
    return -1;
  }

  // Uploads `content` as `name` into folder `did` the way any client would (get_upload_server,
  // upload.cgi, end.pl): the backend's replace-on-put is bypassed, so a duplicate name appears.
  void UploadDirect(int64_t did, const std::string& name, const std::string& content) {
    simdjson::dom::parser parser;
    std::string body = Api("upload/get_upload_server.cgi", "{}");
    simdjson::dom::element srv = parser.parse(body);
    std::string node(std::string_view(srv["url"].get_string()));
    std::string id(std::string_view(srv["id"].get_string()));
    httplib::Client c("http://" + node);
    httplib::Headers h = {{"Authorization", std::string("Bearer ") + kPremiumKey}};
    httplib::MultipartFormDataItems items = {
        {"did", std::to_string(did), "", ""},
        {"file[]", content, name, "application/octet-stream"}};
    auto up = c.Post("/upload.cgi?id=" + id, h, items);
    ASSERT_TRUE(up);
    ASSERT_EQ(up->status, 302) << up->body;
    h.emplace("JSON", "1");
    auto end = c.Get("/end.pl?xid=" + id, h);
    ASSERT_TRUE(end);
    ASSERT_EQ(end->status, 200);
    EXPECT_THAT(end->body, HasSubstr(name));
  }
};

TEST_F(FcloneFichierTest, AwkwardNamesGoUpAndComeBackByteForByte) {
  const std::vector<std::string> names = {
      "a$b", "<x>", " leading", "trailing ", "café ünïcödé", "日本語", "quote\"d", "it's",
      "back\\slash", "emoji 🎉", "percent%20", ".hidden", "dot."};
  for (size_t i = 0; i < names.size(); ++i) {
    s_.Write("src/" + names[i], "content of " + names[i] + "\n");
    s_.Write("src/ nested dir /" + names[i], RandomBytes(100 + i * 37, i));
    s_.Write("src/<sub>/ünï/" + names[i], RandomBytes(5000 + i, 100 + i));
  }
  s_.Write("src/big.bin", RandomBytes(3 * 1024 * 1024 + 5, 7));

  RunResult up = Run({"copy", s_.Path("src"), "f:tree"});
  ASSERT_EQ(up.exit_code, 0) << up.err;

  RunResult ls = Run({"ls", "f:tree"});
  ASSERT_EQ(ls.exit_code, 0) << ls.err;
  EXPECT_EQ(CountOf(ls.out, "\n"), 3 * static_cast<int>(names.size()) + 1) << ls.out;
  EXPECT_THAT(ls.out, HasSubstr("  3145733 big.bin\n"));
  EXPECT_THAT(ls.out, HasSubstr(" a$b\n"));
  EXPECT_THAT(ls.out, HasSubstr(" <x>\n"));
  EXPECT_THAT(ls.out, HasSubstr("  leading\n"));  // size column, one space, then the name
  EXPECT_THAT(ls.out, HasSubstr(" trailing \n"));
  EXPECT_THAT(ls.out, HasSubstr(" <sub>/ünï/日本語\n"));
  EXPECT_THAT(ls.out, HasSubstr("  nested dir /a$b\n"));

  RunResult lsjson = Run({"lsjson", "-R", "f:tree"});
  ASSERT_EQ(lsjson.exit_code, 0) << lsjson.err;
  simdjson::dom::parser parser;
  simdjson::dom::element arr = parser.parse(lsjson.out);
  std::map<std::string, int64_t> sizes;
  for (simdjson::dom::element e : arr.get_array()) {
    if (bool(e["IsDir"])) continue;
    sizes[std::string(std::string_view(e["Path"].get_string()))] = int64_t(e["Size"]);
  }
  EXPECT_EQ(sizes.size(), 3 * names.size() + 1);
  EXPECT_EQ(sizes["a$b"], static_cast<int64_t>(std::string("content of a$b\n").size()));
  EXPECT_EQ(sizes["trailing "], static_cast<int64_t>(std::string("content of trailing \n").size()));
  EXPECT_EQ(sizes.count(" nested dir / leading"), 1u);

  RunResult check = Run({"check", s_.Path("src"), "f:tree"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_THAT(check.err, HasSubstr("0 differences found"));

  RunResult back = Run({"sync", "f:tree", s_.Path("back")});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_EQ(ReadTree(s_.dir() / "back"), ReadTree(s_.dir() / "src"));

  // A change on one side is found by check (exit 1) and fixed by sync.
  s_.Write("src/a$b", "changed\n");
  RunResult differ = Run({"check", s_.Path("src"), "f:tree"});
  EXPECT_EQ(differ.exit_code, 1) << differ.err;
  EXPECT_THAT(differ.err, HasSubstr("1 differences found"));
  ASSERT_EQ(Run({"sync", s_.Path("src"), "f:tree"}).exit_code, 0);
  RunResult cat = Run({"cat", "f:tree/a$b"});
  EXPECT_EQ(cat.exit_code, 0) << cat.err;
  EXPECT_EQ(cat.out, "changed\n");
}

TEST_F(FcloneFichierTest, DuplicateIsReportedAndResolvedByDedupe) {
  s_.Write("src/readme.txt", "the original\n");
  s_.Write("src/other.txt", "other\n");
  ASSERT_EQ(Run({"copy", s_.Path("src"), "f:dup"}).exit_code, 0);
  ASSERT_TRUE(emu_->AdvanceClock(120).ok());  // the duplicate is dated later
  UploadDirect(FolderId("dup"), "readme.txt", "a newer, different readme\n");

  RunResult ls = Run({"ls", "f:dup"});
  ASSERT_EQ(ls.exit_code, 0) << ls.err;
  EXPECT_EQ(CountOf(ls.out, " readme.txt\n"), 2) << ls.out;

  RunResult list = Run({"dedupe", "list", "f:dup"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out + list.err, HasSubstr("readme.txt"));

  // check counts the duplicate as a difference and points at dedupe (rclone ignores it).
  RunResult check = Run({"check", s_.Path("src"), "f:dup"});
  EXPECT_EQ(check.exit_code, 1) << check.err;
  EXPECT_THAT(check.err, HasSubstr("readme.txt: Duplicate object found in destination (2 "
                                   "copies), not checked: resolve with \"fclone dedupe\""));
  EXPECT_THAT(check.err, HasSubstr("1 differences found"));
  EXPECT_THAT(check.err, HasSubstr("1 matching files"));

  // sync leaves copies that differ from the source alone and fails; copy just reports them.
  RunResult sync = Run({"sync", s_.Path("src"), "f:dup"});
  EXPECT_EQ(sync.exit_code, 1) << sync.err;
  EXPECT_THAT(sync.err, HasSubstr("not all identical to the source) - left alone"));
  RunResult copy = Run({"copy", s_.Path("src"), "f:dup"});
  EXPECT_EQ(copy.exit_code, 0) << copy.err;
  EXPECT_THAT(copy.err, HasSubstr("readme.txt: Duplicate object found in destination - ignoring"));
  EXPECT_EQ(CountOf(Run({"ls", "f:dup"}).out, " readme.txt\n"), 2);

  RunResult dedupe = Run({"dedupe", "newest", "f:dup"});
  ASSERT_EQ(dedupe.exit_code, 0) << dedupe.err;
  RunResult after = Run({"ls", "f:dup"});
  EXPECT_EQ(CountOf(after.out, " readme.txt\n"), 1) << after.out;
  RunResult cat = Run({"cat", "f:dup/readme.txt"});
  EXPECT_EQ(cat.exit_code, 0) << cat.err;
  EXPECT_EQ(cat.out, "a newer, different readme\n");
  RunResult differs = Run({"check", s_.Path("src"), "f:dup"});
  EXPECT_EQ(differs.exit_code, 1) << differs.err;
  EXPECT_THAT(differs.err, HasSubstr("1 differences found"));

  // sync puts the original back; check passes again.
  ASSERT_EQ(Run({"sync", s_.Path("src"), "f:dup"}).exit_code, 0);
  RunResult ok = Run({"check", s_.Path("src"), "f:dup"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  RunResult again = Run({"ls", "f:dup"});
  EXPECT_EQ(CountOf(again.out, " readme.txt\n"), 1) << again.out;

  // An extra copy identical to the source (same Whirlpool) is removed by sync.
  UploadDirect(FolderId("dup"), "readme.txt", "the original\n");
  ASSERT_EQ(CountOf(Run({"ls", "f:dup"}).out, " readme.txt\n"), 2);
  RunResult dedupe_sync = Run({"sync", "-v", s_.Path("src"), "f:dup"});
  EXPECT_EQ(dedupe_sync.exit_code, 0) << dedupe_sync.err;
  EXPECT_THAT(dedupe_sync.err, HasSubstr("readme.txt: Deleted (duplicate)"));
  EXPECT_EQ(CountOf(Run({"ls", "f:dup"}).out, " readme.txt\n"), 1);
  EXPECT_EQ(Run({"check", s_.Path("src"), "f:dup"}).exit_code, 0);
}

using FileServer = test_support::LoopbackFileServer;

TEST_F(FcloneFichierTest, CopyUrlStoresTheServedFile) {
  const std::string content = RandomBytes(300 * 1000 + 3, 42);
  FileServer server(content);

  RunResult r = Run({"copyurl", "-v", server.url("/files/data.bin"), "f:cu/got.bin"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  RunResult cat = Run({"cat", "f:cu/got.bin"});
  ASSERT_EQ(cat.exit_code, 0) << cat.err;
  EXPECT_EQ(cat.out, content);
  auto stats = emu_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_GE((*stats)["/v1/remote/request.cgi"], 1);  // the service fetched it itself

  // -a takes the URL's file name; --print-filename prints it.
  RunResult a = Run({"copyurl", "-a", "--print-filename", server.url("/files/data.bin"), "f:cu"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, "data.bin\n");
  RunResult ls = Run({"ls", "f:cu"});
  EXPECT_THAT(ls.out, HasSubstr("   300003 data.bin\n"));
  EXPECT_THAT(ls.out, HasSubstr("   300003 got.bin\n"));

  // To a local path: streamed through fclone.
  RunResult local = Run({"copyurl", server.url("/files/data.bin"), s_.Path("local/x.bin")});
  ASSERT_EQ(local.exit_code, 0) << local.err;
  EXPECT_EQ(s_.Read("local/x.bin"), content);

  // Errors: a URL that answers 404, a non-http URL (usage, 2), a directory without -a.
  RunResult missing = Run({"--retries", "1", "copyurl", server.url("/missing"), "f:cu/m.bin"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_THAT(missing.err, HasSubstr("Failed to copyurl"));
  EXPECT_EQ(Run({"copyurl", "ftp://127.0.0.1/x", "f:cu/y"}).exit_code, 2);
  EXPECT_NE(Run({"copyurl", server.url("/files/data.bin"), "f:"}).exit_code, 0);
  EXPECT_THAT(Run({"ls", "f:cu"}).out, Not(HasSubstr("m.bin")));
}

TEST_F(FcloneFichierTest, ExitCodes) {
  EXPECT_EQ(Run({"ls", "f:no/such/dir"}).exit_code, 3);
  s_.Write("src/a", "a\n");
  ASSERT_EQ(Run({"copy", s_.Path("src"), "f:d"}).exit_code, 0);
  RunResult nofile = Run({"cat", "f:d/nothing"});
  EXPECT_NE(nofile.exit_code, 0);
  // A wrong key is a permanent error: not retried for ever, the key not printed.
  RunResult bad = Run({"--retries", "1", "ls", ":fichier,api_key=wrongKey0123456789,api_url='" +
                                                   emu_->api_url() + "':"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_THAT(bad.err, Not(HasSubstr("wrongKey0123456789")));
}

// rcat: stdin of unknown length, spooled under --temp-dir (this user's folder there) then
// uploaded and verified.
TEST_F(FcloneFichierTest, RcatRoundTripsStdin) {
  const std::string big = RandomBytes(30 << 20, 30);
  const std::string temp = s_.Path("tmp");
  std::filesystem::create_directories(temp);
  for (const auto& [name, data] : std::vector<std::pair<std::string, std::string>>{
           {"four", "abcd"}, {"thirty", big}}) {
    RunResult r = s_.Run({"rcat", "--temp-dir", temp, "f:rc/" + name}, data);
    ASSERT_EQ(r.exit_code, 0) << name << ": " << r.err;
    RunResult cat = Run({"cat", "f:rc/" + name});
    ASSERT_EQ(cat.exit_code, 0) << cat.err;
    EXPECT_TRUE(cat.out == data) << name << ": " << cat.out.size() << " bytes back";
  }
  // --size sends the stream straight to upload.cgi.
  RunResult sized = s_.Run({"rcat", "--size", "5", "f:rc/sized"}, "12345");
  ASSERT_EQ(sized.exit_code, 0) << sized.err;
  EXPECT_EQ(Run({"cat", "f:rc/sized"}).out, "12345");
  // The 30 MiB stream went through the spool folder, which is left empty (the spool file has
  // no name).
  const std::filesystem::path spool = temp + "/fclone-spool-" + std::to_string(::getuid());
  EXPECT_TRUE(std::filesystem::is_directory(spool));
  EXPECT_EQ((std::filesystem::status(spool).permissions() & std::filesystem::perms::all),
            std::filesystem::perms::owner_all);
  EXPECT_TRUE(std::filesystem::is_empty(spool));
}

// A stream that breaks stores nothing: stdin that fails to read (a directory: EISDIR) after
// nothing, and a stream shorter than its --size (upload.cgi gets fewer bytes than announced).
TEST_F(FcloneFichierTest, RcatOfABrokenStreamStoresNothing) {
  int fd = ::open(s_.dir().c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_GE(fd, 0);
  pid_t pid = s_.Start({"rcat", "f:rc/broken", "--log-file", s_.Path("broken.log")}, fd);
  ::close(fd);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_NE(WEXITSTATUS(status), 0);
  EXPECT_THAT(s_.Read("broken.log"), HasSubstr("failed to read standard input"));
  RunResult short_stream = s_.Run({"--retries", "1", "rcat", "--size", "100", "f:rc/short"},
                                  std::string(50, 'x'));
  EXPECT_NE(short_stream.exit_code, 0);
  EXPECT_THAT(Run({"lsf", "-R", "f:"}).out, Not(AnyOf(HasSubstr("broken"), HasSubstr("short"))));
}

TEST_F(FcloneFichierTest, RcatOfNothingStoresNothing) {
  RunResult r = s_.Run({"rcat", "f:rc/empty"}, "");
  EXPECT_EQ(r.exit_code, 6) << r.err;
  EXPECT_THAT(r.err, HasSubstr("can't upload empty files to this remote"));
  EXPECT_THAT(Run({"lsf", "-R", "f:"}).out, Not(HasSubstr("empty")));
}

TEST_F(FcloneFichierTest, HashCommandsAnswerLikeRcloneForAWhirlpoolOnlyRemote) {
  s_.Write("src/a", "hello\n");
  ASSERT_EQ(Run({"copy", s_.Path("src"), "f:h"}).exit_code, 0);
  RunResult whirl = Run({"hashsum", "whirlpool", "f:h"});
  ASSERT_EQ(whirl.exit_code, 0) << whirl.err;
  RunResult local = Run({"hashsum", "whirlpool", s_.Path("src")});
  EXPECT_EQ(whirl.out, local.out);
  RunResult md5 = Run({"md5sum", "f:h"});
  EXPECT_EQ(md5.exit_code, 1);
  EXPECT_EQ(md5.out, "");
  EXPECT_THAT(md5.err, HasSubstr("ERROR : a: hash unsupported: hash type not supported"));
  RunResult downloaded = Run({"md5sum", "--download", "f:h"});
  EXPECT_EQ(downloaded.out, Run({"md5sum", s_.Path("src")}).out);
  s_.Write("sums", local.out);
  EXPECT_EQ(Run({"checksum", "whirlpool", s_.Path("sums"), "f:h"}).exit_code, 0);
  RunResult no_md5 = Run({"check", "-C", "md5", s_.Path("sums"), "f:h"});
  EXPECT_EQ(no_md5.exit_code, 1);
  EXPECT_THAT(no_md5.err, HasSubstr("md5: hash type is not supported by file system: 1Fichier"));
}

TEST_F(FcloneFichierTest, CleanupAndFeatures) {
  RunResult cleanup = Run({"--retries", "1", "cleanup", "f:"});
  EXPECT_EQ(cleanup.exit_code, 1);
  EXPECT_THAT(cleanup.err, HasSubstr("Failed to cleanup: 1Fichier root '' doesn't support cleanup"));
  RunResult features = Run({"backend", "features", "f:"});
  ASSERT_EQ(features.exit_code, 0) << features.err;
  EXPECT_THAT(features.out, HasSubstr("\t\"Hashes\": [\n\t\t\"whirlpool\"\n\t],\n"));
  EXPECT_THAT(features.out, HasSubstr("\t\t\"PutStream\": true,\n"));
  EXPECT_THAT(features.out, HasSubstr("\t\t\"DuplicateFiles\": true,\n"));
}

TEST_F(FcloneFichierTest, CopyUrlWithoutContentLength) {
  const std::string content = RandomBytes(200 * 1000 + 1, 9);
  FileServer server(content);
  RunResult local = Run({"copyurl", server.url("/chunked/data.bin"), s_.Path("cu/x.bin")});
  ASSERT_EQ(local.exit_code, 0) << local.err;
  EXPECT_EQ(s_.Read("cu/x.bin"), content);
  RunResult remote = Run({"copyurl", server.url("/chunked/data.bin"), "f:cu/x.bin"});
  ASSERT_EQ(remote.exit_code, 0) << remote.err;
  EXPECT_EQ(Run({"cat", "f:cu/x.bin"}).out, content);
}

}  // namespace
}  // namespace fctest

namespace fctest {
namespace {

// The emulator's call counts since the last reset, as "endpoint=n" lines (for failure output).
std::string Describe(const std::map<std::string, int64_t>& stats) {
  std::string out;
  for (const auto& [endpoint, n] : stats) out += endpoint + "=" + std::to_string(n) + "\n";
  return out;
}

TEST_F(FcloneFichierTest, TrackRenamesIsOneServerSideMoveAndNoUpload) {
  const std::string big = RandomBytes(8 << 20, 7);
  s_.Write("tr/big.bin", big);
  s_.Write("tr/small.txt", "small\n");
  ASSERT_EQ(Run({"sync", s_.Path("tr"), "f:tr"}).exit_code, 0);
  std::filesystem::create_directories(s_.Path("tr/moved"));
  std::filesystem::rename(s_.Path("tr/big.bin"), s_.Path("tr/moved/renamed.bin"));
  ASSERT_TRUE(emu_->ResetStats().ok());

  RunResult r = Run({"sync", "-v", "--track-renames", s_.Path("tr"), "f:tr"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("moved/renamed.bin: Renamed from \"big.bin\""));
  auto stats = emu_->Stats();
  ASSERT_TRUE(stats.ok());
  // Local and fichier share Whirlpool: the renamed file is matched by hash and moved once.
  EXPECT_EQ((*stats)["/v1/file/mv.cgi"], 1) << Describe(*stats);
  EXPECT_EQ((*stats)["/v1/upload/get_upload_server.cgi"], 0) << Describe(*stats);
  EXPECT_EQ((*stats)["/upload.cgi"], 0) << Describe(*stats);
  EXPECT_EQ((*stats)["/v1/file/rm.cgi"], 0) << Describe(*stats);
  std::cout << "track-renames sync of an 8 MiB renamed file, API calls:\n" << Describe(*stats);
  RunResult ls = Run({"lsf", "-R", "f:tr"});
  EXPECT_EQ(ls.out, "moved/\nmoved/renamed.bin\nsmall.txt\n");
  EXPECT_EQ(Run({"cat", "f:tr/moved/renamed.bin"}).out, big);
}

TEST_F(FcloneFichierTest, BackupDirMovesServerSide) {
  s_.Write("bk/a.txt", "version 1\n", 1000);
  s_.Write("bk/gone.txt", "gone\n");
  ASSERT_EQ(Run({"sync", s_.Path("bk"), "f:live"}).exit_code, 0);
  s_.Write("bk/a.txt", "version 2.0\n", 2000);  // fichier keeps no mod times: sizes differ
  std::filesystem::remove(s_.Path("bk/gone.txt"));
  ASSERT_TRUE(emu_->ResetStats().ok());

  RunResult r = Run({"sync", s_.Path("bk"), "f:live", "--backup-dir", "f:old", "--suffix",
                     "-1", "--suffix-keep-extension"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto stats = emu_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ((*stats)["/v1/file/mv.cgi"], 2) << Describe(*stats);  // no download, no re-upload
  EXPECT_EQ(Run({"cat", "f:old/a-1.txt"}).out, "version 1\n");
  EXPECT_EQ(Run({"cat", "f:old/gone-1.txt"}).out, "gone\n");
  EXPECT_EQ(Run({"cat", "f:live/a.txt"}).out, "version 2.0\n");

  // Overlapping the destination is fatal (exit 7), as in rclone.
  RunResult overlap = Run({"sync", s_.Path("bk"), "f:live", "--backup-dir", "f:live/old"});
  EXPECT_EQ(overlap.exit_code, 7);
  EXPECT_THAT(overlap.err, HasSubstr("destination and parameter to --backup-dir mustn't overlap"));
}

// --disable Copy: a copy within the remote downloads and uploads instead of file/cp.cgi; the
// same copy without it is server-side.
TEST_F(FcloneFichierTest, DisableCopyTurnsAServerSideCopyIntoATransfer) {
  s_.Write("dc/a.txt", "copy me\n");
  ASSERT_EQ(Run({"copyto", s_.Path("dc/a.txt"), "f:dc/a.txt"}).exit_code, 0);
  ASSERT_TRUE(emu_->ResetStats().ok());
  RunResult plain = Run({"copyto", "f:dc/a.txt", "f:dc/b.txt", "-v"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_THAT(plain.err, HasSubstr("Copied (server-side copy)"));
  auto stats = emu_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ((*stats)["/v1/file/cp.cgi"], 1) << Describe(*stats);

  ASSERT_TRUE(emu_->ResetStats().ok());
  RunResult disabled = Run({"copyto", "f:dc/a.txt", "f:dc/c.txt", "-vv", "--disable", "copy"});
  ASSERT_EQ(disabled.exit_code, 0) << disabled.err;
  EXPECT_THAT(disabled.err, HasSubstr("Reset feature \"copy\""));
  EXPECT_THAT(disabled.err, Not(HasSubstr("server-side")));
  stats = emu_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ((*stats)["/v1/file/cp.cgi"], 0) << Describe(*stats);
  EXPECT_EQ((*stats)["/v1/download/get_token.cgi"], 1) << Describe(*stats);
  EXPECT_EQ(Run({"cat", "f:dc/c.txt"}).out, "copy me\n");
}

TEST_F(FcloneFichierTest, DumpHeadersRedactsTheKey) {
  RunResult r = Run({"lsf", "f:", "--dump", "headers,bodies"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr(">>>>>> HTTP REQUEST"));
  EXPECT_THAT(r.err, HasSubstr("Authorization: XXXX"));
  EXPECT_THAT(r.err, HasSubstr("<<<<<< HTTP RESPONSE"));
  // --user-agent reaches the wire.
  RunResult ua = Run({"lsf", "f:", "--dump", "requests", "--user-agent", "scripted/1.0"});
  EXPECT_THAT(ua.err, HasSubstr("User-Agent: scripted/1.0"));
  EXPECT_EQ(Run({"lsf", "f:", "--dump", "nonsense"}).exit_code, 2);
}

// --header reaches every request, --header-upload only upload.cgi, --header-download only the
// file's GET (seen in --dump headers); a header with a line break is refused before any call.
TEST_F(FcloneFichierTest, HeaderFlagsReachTheirRequestsOnly) {
  s_.Write("h/a.txt", "headers\n");
  const std::vector<std::string> flags = {"--dump", "headers", "--header", "X-All: 1",
                                          "--header-upload", "X-Up: 2", "--header-download",
                                          "X-Down: 3"};
  auto with_flags = [&](std::vector<std::string> args) {
    args.insert(args.end(), flags.begin(), flags.end());
    return Run(args);
  };
  RunResult up = with_flags({"copyto", s_.Path("h/a.txt"), "f:h/a.txt"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  RunResult down = with_flags({"cat", "f:h/a.txt"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(down.out, "headers\n");
  int uploads = 0, file_gets = 0, api_calls = 0;
  for (const std::string& log : {up.err, down.err}) {
    for (absl::string_view block : absl::StrSplit(log, ">>>>>> HTTP REQUEST")) {
      const size_t end = block.find("<<<<<< HTTP RESPONSE");
      if (end == absl::string_view::npos) continue;
      const absl::string_view request = block.substr(0, end);
      const bool upload = absl::StrContains(request, "/upload.cgi");
      const bool file_get = absl::StrContains(request, "GET /") &&
                            !absl::StrContains(request, "/v1/") &&
                            !absl::StrContains(request, "/end.pl");
      uploads += upload;
      file_gets += file_get;
      api_calls += absl::StrContains(request, "/v1/");
      EXPECT_TRUE(absl::StrContains(request, "X-All: 1")) << request;
      EXPECT_EQ(absl::StrContains(request, "X-Up: 2"), upload) << request;
      EXPECT_EQ(absl::StrContains(request, "X-Down: 3"), file_get) << request;
    }
  }
  EXPECT_EQ(uploads, 1);
  EXPECT_EQ(file_gets, 1);
  EXPECT_GE(api_calls, 3);
  RunResult bad = Run({"lsf", "f:", "--header", "X-Bad: a\r\nInjected: b"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("control characters are not allowed"));
  EXPECT_EQ(Run({"lsf", "f:", "--header", "no colon"}).exit_code, 2);
}

// --bind picks the local address of connections (an address not on this machine fails at
// once, saying so); --disable-http2 keeps HTTP/1.1, which the emulator speaks anyway.
TEST_F(FcloneFichierTest, BindAndDisableHttp2) {
  RunResult ok = Run({"lsf", "f:", "--bind", "127.0.0.1", "--disable-http2"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  RunResult elsewhere =
      Run({"lsf", "f:", "--bind", "192.0.2.1", "--low-level-retries", "1", "--retries", "1"});
  EXPECT_NE(elsewhere.exit_code, 0);
  EXPECT_THAT(elsewhere.err, HasSubstr("binding local connection end"));
}

TEST_F(FcloneFichierTest, BareBooleanBackendFlagTakesNoValue) {
  s_.Write("bb/a", "a\n");
  ASSERT_EQ(Run({"copy", s_.Path("bb"), "f:bb"}).exit_code, 0);
  // --fichier-cdn must not swallow "f:bb" as its value.
  RunResult r = Run({"lsf", "--fichier-cdn", "f:bb"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "a\n");
}

}  // namespace
}  // namespace fctest
