// Shared by the emulator's HTTP-level tests: a client for the emulator started by the
// EmulatorProcess helper, and small JSON accessors over simdjson's DOM.
#ifndef FICHIER_TESTS_EMULATOR_EMULATOR_TEST_UTIL_H_
#define FICHIER_TESTS_EMULATOR_EMULATOR_TEST_UTIL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "emulator/testing/emulator_process.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "simdjson.h"

namespace emulator::testing {

struct Reply {
  int status = 0;  // 0 = transport error
  std::string body;
  httplib::Headers headers;
  std::string error;  // transport error text
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// A parsed JSON body; owns its parser so elements stay valid.
class Json {
 public:
  explicit Json(const std::string& text) : parser_(std::make_unique<simdjson::dom::parser>()) {
    ok_ = parser_->parse(text).get(root_) == simdjson::SUCCESS;
  }
  bool ok() const { return ok_; }
  simdjson::dom::element root() const { return root_; }
  simdjson::dom::element operator[](const char* key) const { return root_[key].value(); }

 private:
  std::unique_ptr<simdjson::dom::parser> parser_;
  simdjson::dom::element root_;
  bool ok_ = false;
};

inline std::string Str(simdjson::dom::element e) { return std::string(e.get_string().value()); }
inline int64_t Int(simdjson::dom::element e) { return e.get_int64().value(); }
inline bool IsString(simdjson::dom::element e) { return e.is_string(); }
inline bool IsInt(simdjson::dom::element e) { return e.is_int64(); }

// {"url":"URL"}: the body of the calls that name one file (info, get_token).
inline std::string UrlBody(const std::string& url) { return "{\"url\":\"" + url + "\"}"; }
// {"urls":["URL"],FIELDS}: mv, cp and chattr naming one file; `fields` are more members (or "").
inline std::string UrlsBody(const std::string& url, const std::string& fields = "") {
  return "{\"urls\":[\"" + url + "\"]" + (fields.empty() ? "" : "," + fields) + "}";
}

// A client bound to one emulator.
class EmulatorClient {
 public:
  explicit EmulatorClient(const EmulatorProcess& emu) : base_url_(emu.base_url()) {}

  httplib::Client Client() const {
    httplib::Client c(base_url_);
    c.set_connection_timeout(5);
    c.set_read_timeout(20);
    c.set_write_timeout(20);
    return c;
  }

  // POST /v1/<endpoint> with a JSON body and a Bearer key ("" = no Authorization).
  Reply Api(const std::string& endpoint, const std::string& body,
            const std::string& key = kPremiumKey) const {
    httplib::Client c = Client();
    httplib::Headers h;
    if (!key.empty()) h.emplace("Authorization", "Bearer " + key);
    return Convert(c.Post("/v1/" + endpoint, h, body, "application/json"));
  }

  Reply Get(const std::string& path_or_url, httplib::Headers h = {}) const {
    httplib::Client c = Client();
    return Convert(c.Get(PathOf(path_or_url), h));
  }

  // get_upload_server, upload.cgi with `files` (name, content) and optional did, then
  // returns the upload id (the end.pl call is the caller's).
  std::string UploadId(const std::string& key = kPremiumKey) const {
    Reply r = Api("upload/get_upload_server.cgi", "", key);
    Json j(r.body);
    if (!j.ok()) return "";
    return Str(j["id"]);
  }

  Reply UploadParts(const std::string& id, const std::vector<std::pair<std::string, std::string>>& files,
                    const std::string& did = "", const std::string& key = kPremiumKey,
                    const std::string& dpass = "") const {
    httplib::Client c = Client();
    httplib::Headers h;
    if (!key.empty()) h.emplace("Authorization", "Bearer " + key);
    httplib::MultipartFormDataItems items;
    if (!did.empty()) items.push_back({"did", did, "", ""});
    if (!dpass.empty()) items.push_back({"dpass", dpass, "", ""});
    for (const auto& [name, content] : files) {
      items.push_back({"file[]", content, name, "application/octet-stream"});
    }
    return Convert(c.Post("/upload.cgi?id=" + id, h, items));
  }

  Reply EndPl(const std::string& id, httplib::Headers h = {{"JSON", "1"}}) const {
    return Get("/end.pl?xid=" + id, std::move(h));
  }

  // The whole flow for one file; returns the file URL ("" on failure).
  std::string UploadFile(const std::string& name, const std::string& content,
                         int64_t folder_id = 0, const std::string& key = kPremiumKey) const {
    const std::string id = UploadId(key);
    Reply up = UploadParts(id, {{name, content}}, std::to_string(folder_id), key);
    if (up.status != 302) return "";
    Reply end = EndPl(id);
    Json j(end.body);
    if (!j.ok()) return "";
    simdjson::dom::array links;
    if (j["links"].get_array().get(links) != simdjson::SUCCESS || links.size() == 0) return "";
    return Str(links.at(0)["download"].value());
  }

  int64_t Mkdir(const std::string& name, int64_t parent = 0) const {
    Reply r = Api("folder/mkdir.cgi",
                  "{\"name\":\"" + name + "\",\"folder_id\":" + std::to_string(parent) + "}");
    Json j(r.body);
    if (r.status != 200 || !j.ok()) return -1;
    return Int(j["folder_id"]);
  }

  const std::string& base_url() const { return base_url_; }

  // A result as a Reply (status 0 and the error text on a transport error).
  static Reply Convert(const httplib::Result& res) {
    Reply r;
    if (!res) {
      r.error = httplib::to_string(res.error());
      return r;
    }
    r.status = res->status;
    r.body = res->body;
    r.headers = res->headers;
    return r;
  }

 private:
  std::string PathOf(const std::string& path_or_url) const {
    if (path_or_url.rfind("http", 0) != 0) return path_or_url;
    const size_t slash = path_or_url.find('/', path_or_url.find("://") + 3);
    return slash == std::string::npos ? "/" : path_or_url.substr(slash);
  }
  std::string base_url_;
};

// Starts an emulator for a test suite; fails the test when it cannot.
inline std::unique_ptr<EmulatorProcess> StartOrDie(std::vector<std::string> flags = {}) {
  auto emu = EmulatorProcess::Start(std::move(flags));
  EXPECT_TRUE(emu.ok()) << emu.status();
  return emu.ok() ? *std::move(emu) : nullptr;
}

// A suite that shares one emulator: started once, reset before each test, and stopped at the
// end with a clean exit (status 0, so no sanitizer report from the emulator either).
class SharedEmulatorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { emu_ = StartOrDie().release(); }
  static void TearDownTestSuite() {
    if (emu_ != nullptr) {
      const absl::Status stopped = emu_->Stop();
      EXPECT_TRUE(stopped.ok()) << stopped;
    }
    delete emu_;
    emu_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(emu_, nullptr);
    ASSERT_TRUE(emu_->Reset().ok());
  }
  EmulatorClient client() const { return EmulatorClient(*emu_); }

  static inline EmulatorProcess* emu_ = nullptr;
};

}  // namespace emulator::testing

#endif  // FICHIER_TESTS_EMULATOR_EMULATOR_TEST_UTIL_H_
