// Security checks of the real fclone binary against fichier-emulator (issue 7):
// secrets never printed or logged, TLS verified, config files 0600, hostile names from the
// server confined to the local root.
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "tests/integration/fclone_runner.h"
#include "tests/security/emulator_log_process.h"

namespace {
namespace fs = std::filesystem;
using fctest::RunResult;
using fctest::Scratch;
using sectest::FichierRemote;
using sectest::LoggedEmulator;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kKey[] = "SeCrEtKeY0123456789zyxwvutsrqPONM";
constexpr char kWrongKey[] = "WrOnGkEy9876543210abcdefghijKLMN";
constexpr char kPassword[] = "pa55w0rdHunter2xyz";

std::unique_ptr<LoggedEmulator> StartEmu(const Scratch& s, std::vector<std::string> extra = {}) {
  std::vector<std::string> flags = {"--key", kKey};
  flags.insert(flags.end(), extra.begin(), extra.end());
  return LoggedEmulator::Start(flags, s.Path("emulator.log"));
}

// Every secret that must never be shown, with the text that was searched for it.
void ExpectNoSecret(const std::string& text, const std::string& where) {
  for (const char* secret : {kKey, kWrongKey, kPassword}) {
    EXPECT_THAT(text, Not(HasSubstr(secret))) << where << " shows a secret";
  }
}

// ------------------------------------------------------------------ secrets never shown

TEST(SecurityTest, ApiKeyNeverInOutputLogsOrConfigShow) {
  Scratch s;
  auto emu = StartEmu(s);
  ASSERT_NE(emu, nullptr);
  s.Write("src/a.txt", "hello");
  s.Write("src/d/b.txt", "world");
  RunResult c = s.Run({"config", "create", "f", "fichier", "api_key", kKey, "api_url",
                       emu->api_url(), "pacer_min_sleep", "1"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  ExpectNoSecret(c.out + c.err, "config create");
  RunResult p = s.Run({"config", "create", "p", "fichier", "api_key", kKey, "file_password",
                       kPassword, "folder_password", kPassword});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  ExpectNoSecret(p.out + p.err, "config create with passwords");
  EXPECT_THAT(s.Read("rclone.conf"), Not(HasSubstr(kPassword))) << "passwords stored obscured";
  RunResult show = s.Run({"config", "show"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  ExpectNoSecret(show.out + show.err, "config show");
  EXPECT_THAT(show.out, HasSubstr("api_key"));
  EXPECT_THAT(show.out, HasSubstr("folder_password"));

  // A full round at -vv through the configured remote.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"sync", "-vv", s.Path("src"), "f:dst"},
        {"lsjson", "-vv", "-R", "f:"},
        {"check", "-vv", s.Path("src"), "f:dst"},
        {"hashsum", "-vv", "whirlpool", "f:dst"},
        {"copy", "-vv", "f:dst", s.Path("back")},
        {"about", "-vv", "f:"},
        {"purge", "-vv", "f:dst"}}) {
    RunResult r = s.Run(args);
    EXPECT_EQ(r.exit_code, 0) << args[0] << ": " << r.err;
    ExpectNoSecret(r.out + r.err, "fclone " + args[0] + " -vv");
  }
  // The same through a connection string that carries the key on the command line.
  RunResult cs = s.Run({"lsf", "-vv", "-R", FichierRemote(emu->api_url(), kKey)});
  EXPECT_EQ(cs.exit_code, 0) << cs.err;
  ExpectNoSecret(cs.out + cs.err, "fclone lsf -vv on a connection string");

  // Errors: a wrong key (401 answers) and an API URL nobody listens on.
  RunResult bad_key = s.Run({"lsf", "-vv", "--retries", "1", "--low-level-retries", "1",
                             FichierRemote(emu->api_url(), kWrongKey)});
  EXPECT_NE(bad_key.exit_code, 0);
  ExpectNoSecret(bad_key.out + bad_key.err, "a 401 error");
  RunResult bad_url = s.Run(
      {"lsf", "-vv", "--retries", "1", "--low-level-retries", "1",
       FichierRemote("http://127.0.0.1:1/v1", kKey, "http_timeout=2000")});
  EXPECT_NE(bad_url.exit_code, 0);
  ExpectNoSecret(bad_url.out + bad_url.err, "a connection error");

  emu->Stop();
  const std::string log = emu->Log();
  EXPECT_THAT(log, HasSubstr("/v1/folder/ls.cgi")) << "the emulator logged requests";
  ExpectNoSecret(log, "the emulator's log");
}

// A remote whose passwords come from rclone.conf must work end to end, and never show them.
// (Failed before the backend stopped revealing secrets a second time after the config resolver.)
TEST(SecurityTest, PasswordsFromConfigWorkAndAreNeverShown) {
  Scratch s;
  auto emu = StartEmu(s);
  ASSERT_NE(emu, nullptr);
  s.Write("src/a.txt", "hello");
  ASSERT_EQ(s.Run({"config", "create", "p", "fichier", "api_key", kKey, "api_url",
                   emu->api_url(), "pacer_min_sleep", "1", "file_password", kPassword})
                .exit_code,
            0);
  RunResult r = s.Run({"copy", "-vv", s.Path("src"), "p:dst"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ExpectNoSecret(r.out + r.err, "copy -vv with a password");
  emu->Stop();
  ExpectNoSecret(emu->Log(), "the emulator's log");
}

// ------------------------------------------------------------------ TLS verified

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string cmd =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
        "-addext subjectAltName=IP:127.0.0.1 -keyout '" + s_.Path("key.pem") + "' -out '" +
        s_.Path("cert.pem") + "' >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << "openssl req failed";
    emu_ = StartEmu(s_, {"--tls-cert", s_.Path("cert.pem"), "--tls-key", s_.Path("key.pem")});
    ASSERT_NE(emu_, nullptr);
    ASSERT_EQ(emu_->base_url().rfind("https://", 0), 0u) << emu_->base_url();
    s_.Write("src/a.txt", "over tls");
    unsetenv("CURL_CA_BUNDLE");
    unsetenv("SSL_CERT_FILE");
  }
  void TearDown() override {
    unsetenv("CURL_CA_BUNDLE");
    unsetenv("SSL_CERT_FILE");
  }
  RunResult Lsf(const std::string& extra = "") {
    return s_.Run({"lsf", "--retries", "1", "--low-level-retries", "1",
                   FichierRemote(emu_->api_url(), kKey, extra)});
  }
  RunResult CopyUp(const std::string& extra) {
    return s_.Run({"copy", s_.Path("src"), FichierRemote(emu_->api_url(), kKey, extra) + "up"});
  }
  Scratch s_;
  std::unique_ptr<LoggedEmulator> emu_;
};

TEST_F(TlsTest, SelfSignedRefusedWithAClearError) {
  RunResult r = Lsf();
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("certificate")) << r.err;
  ExpectNoSecret(r.out + r.err, "a TLS failure");
}

TEST_F(TlsTest, TrustedThroughCaFileOption) {
  RunResult up = CopyUp("ca_file='" + s_.Path("cert.pem") + "'");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  RunResult r = Lsf("ca_file='" + s_.Path("cert.pem") + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "up/\n");
}

TEST_F(TlsTest, TrustedThroughCurlCaBundle) {
  setenv("CURL_CA_BUNDLE", s_.Path("cert.pem").c_str(), 1);
  RunResult up = CopyUp("");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  RunResult r = Lsf();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "up/\n");
}

TEST_F(TlsTest, TrustedThroughSslCertFile) {
  setenv("SSL_CERT_FILE", s_.Path("cert.pem").c_str(), 1);
  RunResult r = Lsf();
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(TlsTest, WrongCaStillRefused) {
  // A different self-signed certificate: trusting it must not make the server's acceptable.
  const std::string cmd =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1 -keyout '" + s_.Path("other.key") + "' -out '" +
      s_.Path("other.pem") + "' >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  RunResult r = Lsf("ca_file='" + s_.Path("other.pem") + "'");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("certificate")) << r.err;
}

// ------------------------------------------------------------------ config file mode

mode_t ModeOf(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return 0;
  return st.st_mode & 07777;
}

TEST(ConfigModeTest, ConfigWithSecretsIsCreated0600) {
  Scratch s;
  fs::remove(s.Path("rclone.conf"));
  const mode_t old_umask = umask(0);  // even a permissive umask must not widen it
  RunResult c = s.Run({"config", "create", "f", "fichier", "api_key", kKey, "file_password",
                       kPassword});
  umask(old_umask);
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(ModeOf(s.Path("rclone.conf")), 0600u);
  // Rewriting it (another remote added) keeps it private.
  RunResult u = s.Run({"config", "create", "g", "fichier", "api_key", kWrongKey});
  EXPECT_EQ(u.exit_code, 0) << u.err;
  EXPECT_EQ(ModeOf(s.Path("rclone.conf")), 0600u);
  for (const auto& e : fs::directory_iterator(s.dir())) {
    const std::string name = e.path().filename().string();
    EXPECT_FALSE(name.find("rclone.conf") != std::string::npos && name != "rclone.conf")
        << "temporary config file left behind: " << name;
  }
}

// ------------------------------------------------------------------ hostile names

std::string JsonField(const std::string& body, const std::string& field) {
  const std::string key = "\"" + field + "\":";
  size_t p = body.find(key);
  if (p == std::string::npos) return "";
  p += key.size();
  while (p < body.size() && body[p] == ' ') ++p;
  if (p < body.size() && body[p] == '"') {
    size_t e = body.find('"', p + 1);
    return body.substr(p + 1, e - p - 1);
  }
  size_t e = body.find_first_of(",}", p);
  return body.substr(p, e - p);
}

// Uploads `content` under the raw `name` into folder `did` through the upload flow
// (get_upload_server.cgi, upload.cgi multipart, end.pl), as any client could.
std::string RawUpload(const LoggedEmulator& emu, const std::string& name,
                      const std::string& content, const std::string& did = "0") {
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kKey}};
  httplib::Client api(emu.base_url());
  auto server = api.Post("/v1/upload/get_upload_server.cgi", auth, "{}", "application/json");
  if (!server || server->status != 200) return "get_upload_server failed";
  const std::string node = JsonField(server->body, "url");
  const std::string id = JsonField(server->body, "id");
  std::string escaped;
  for (char c : name) {
    if (c == '"' || c == '\\') escaped.push_back('\\');
    escaped.push_back(c);
  }
  const std::string boundary = "----secboundary7MA4YWxkTrZu0gW";
  std::string body;
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"did\"\r\n\r\n" + did +
          "\r\n";
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file[]\"; filename=\"" +
          escaped + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n";
  body += "--" + boundary + "--\r\n";
  httplib::Client up("http://" + node);
  auto sent = up.Post("/upload.cgi?id=" + id, auth, body,
                      "multipart/form-data; boundary=" + boundary);
  if (!sent || (sent->status != 302 && sent->status != 200)) return "upload.cgi failed";
  httplib::Headers end_headers = auth;
  end_headers.emplace("JSON", "1");
  auto end = up.Get("/end.pl?xid=" + id, end_headers);
  if (!end || end->status != 200) return "end.pl failed";
  return end->body;
}

std::string RawMkdir(const LoggedEmulator& emu, const std::string& name) {
  httplib::Client api(emu.base_url());
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kKey}};
  std::string json_name;
  for (unsigned char c : name) {
    if (c == '"' || c == '\\') {
      json_name.push_back('\\');
      json_name.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      json_name += buf;
    } else {
      json_name.push_back(static_cast<char>(c));
    }
  }
  auto r = api.Post("/v1/folder/mkdir.cgi", auth,
                    "{\"name\":\"" + json_name + "\",\"folder_id\":0}", "application/json");
  if (!r || r->status != 200) return "";
  return JsonField(r->body, "folder_id");
}

// Every path below `root` (files, directories, links), relative.
std::set<std::string> AllPaths(const fs::path& root) {
  std::set<std::string> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    out.insert(fs::relative(it->path(), root).string());
  }
  return out;
}

TEST(HostileNamesTest, ServerNamesCannotEscapeTheLocalRoot) {
  Scratch s;
  auto emu = StartEmu(s);
  ASSERT_NE(emu, nullptr);
  const std::vector<std::string> names = {
      "..",
      ".",
      "..\xEF\xBC\x8F..\xEF\xBC\x8F" "escaped-fw-slash",   // ..／..／ decodes to ../../
      "\xEF\xBC\x8F" "tmp\xEF\xBC\x8F" "escaped-abs",       // ／tmp／... decodes to /tmp/...
      "\xEF\xBC\x8E\xEF\xBC\x8E",                            // ．． decodes to ..
      "..\\..\\escaped-backslash",
      std::string("nul\0" "escaped-nul", 15),
      "ctl\x01\x1b[31m\x7f" "name",
      "cr\rlf\nname",
      "bad\xff\xfeutf8",
      "ok.txt",
  };
  std::vector<std::string> uploaded;
  for (const std::string& n : names) {
    const std::string end = RawUpload(*emu, n, "content of a hostile name");
    ASSERT_THAT(end, HasSubstr("\"links\"")) << end;
  }
  // Folders too (mkdir refuses '/', so only the names it keeps), each holding a file.
  for (const std::string& folder :
       {std::string(".."), std::string("..\xEF\xBC\x8F.."), std::string("\xEF\xBC\x8E\xEF\xBC\x8E")}) {
    const std::string id = RawMkdir(*emu, folder);
    ASSERT_FALSE(id.empty()) << folder;
    ASSERT_THAT(RawUpload(*emu, "escaped-from-folder", "x", id), HasSubstr("\"links\""));
  }

  // The local root is three levels down; everything above it is watched.
  fs::create_directories(s.Path("w1/w2/root"));
  const std::set<std::string> before = AllPaths(s.dir());
  RunResult r = s.Run({"sync", "-v", "--retries", "1", FichierRemote(emu->api_url(), kKey),
                       s.Path("w1/w2/root")});
  std::cerr << "fclone sync exit " << r.exit_code << "\n" << r.err << "\n";
  std::set<std::string> after = AllPaths(s.dir());
  std::vector<std::string> new_outside;
  for (const std::string& p : after) {
    if (before.count(p) != 0) continue;
    if (p.rfind("w1/w2/root/", 0) == 0) continue;
    if (p == ".stdout" || p == ".stderr" || p == ".stdin" || p == "emulator.log") continue;
    new_outside.push_back(p);
  }
  EXPECT_THAT(new_outside, ::testing::IsEmpty()) << "written outside the local root";
  for (const char* leak : {"escaped-fw-slash", "escaped-abs", "escaped-backslash"}) {
    EXPECT_FALSE(fs::exists(fs::path("/tmp") / leak)) << leak;
    EXPECT_FALSE(fs::exists(s.dir() / leak)) << leak;
    EXPECT_FALSE(fs::exists(s.dir() / "w1" / leak)) << leak;
  }
  EXPECT_FALSE(fs::exists("/tmp/escaped-abs"));
  EXPECT_FALSE(fs::exists(s.dir() / "w1" / "w2" / "escaped-from-folder"));

  // Inside the root: the ordinary file arrived; a NUL never truncated a name into another.
  const std::set<std::string> local = AllPaths(s.Path("w1/w2/root"));
  for (const std::string& p : local) std::cerr << "  local: " << p << "\n";
  EXPECT_EQ(local.count("ok.txt"), 1u);
  EXPECT_EQ(local.count("nul"), 0u) << "a name cut at its NUL byte";
  // Whatever was refused was refused with a message naming the reason.
  if (r.exit_code != 0) {
    EXPECT_THAT(r.err, ::testing::AnyOf(HasSubstr(".."), HasSubstr("NUL"), HasSubstr("invalid")))
        << r.err;
  }
  ExpectNoSecret(r.out + r.err, "sync of hostile names");
}

}  // namespace
