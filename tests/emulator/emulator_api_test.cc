// HTTP-level tests of the JSON API (spec §§2-3, 7-9): shapes, types, errors, duplicates.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/emulator/emulator_test_util.h"

namespace emulator::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

class ApiTest : public SharedEmulatorTest {};

void ExpectKo(const Reply& r, int status, const std::string& message) {
  EXPECT_EQ(r.status, status) << r.body;
  Json j(r.body);
  ASSERT_TRUE(j.ok()) << r.body;
  EXPECT_EQ(Str(j["status"]), "KO");
  EXPECT_EQ(Str(j["message"]), message);
}

TEST_F(ApiTest, MissingWrongAndFreeKeys) {
  auto c = client();
  ExpectKo(c.Api("file/ls.cgi", "{}", ""), 401, "Not authenticated #247");
  ExpectKo(c.Api("file/ls.cgi", "{}", "wrong-key"), 401, "Not authenticated #247");
  ExpectKo(c.Api("file/ls.cgi", "{}", kFreeKey), 403, "Must be a customer (Premium, Access) #200");
  EXPECT_EQ(c.Api("file/ls.cgi", "{}").status, 200);
}

TEST_F(ApiTest, UserInfoHasRcloneTypes) {
  auto c = client();
  ASSERT_FALSE(c.UploadFile("a.bin", std::string(1000, 'x')).empty());
  // rclone sends no body at all.
  httplib::Client hc = c.Client();
  auto res = hc.Post("/v1/user/info.cgi", {{"Authorization", std::string("Bearer ") + kPremiumKey}},
                     "", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  Json j(res->body);
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(Str(j["status"]), "OK");
  EXPECT_EQ(Str(j["offer"]), "1");
  for (const char* s : {"email", "2fa", "mail_rm", "ftp_mode", "ftp_report", "ru_report",
                        "default_port", "default_port_files", "use_cdn", "download_menu", "cdn",
                        "subscription_end", "stats_date", "upload_forbidden"}) {
    EXPECT_TRUE(IsString(j[s])) << s;
  }
  for (const char* n : {"ftp_did", "default_domain", "page_limit", "default_quota",
                        "default_cold_storage_quota", "hot_storage", "cold_storage",
                        "allowed_cold_storage", "available_cold_storage", "available_storage",
                        "overquota"}) {
    EXPECT_TRUE(IsInt(j[n])) << n;
  }
  EXPECT_EQ(Int(j["cold_storage"]), 1000);
  EXPECT_THAT(Str(j["subscription_end"]), MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}"));
}

TEST_F(ApiTest, UserInfoSettingsChange) {
  auto c = client();
  ASSERT_EQ(c.Api("user/info.cgi", R"({"use_cdn":1,"page_limit":"50"})").status, 200);
  Json j(c.Api("user/info.cgi", "").body);
  EXPECT_EQ(Str(j["use_cdn"]), "1");
  EXPECT_EQ(Int(j["page_limit"]), 50);
}

TEST_F(ApiTest, RequestToleranceAndBadRequests) {
  auto c = client();
  // Empty body, null fields, unknown fields and numeric strings are accepted (§2.2).
  EXPECT_EQ(c.Api("folder/ls.cgi", "").status, 200);
  EXPECT_EQ(c.Api("folder/ls.cgi", R"({"folder_id":null,"whatever":[1,2]})").status, 200);
  EXPECT_EQ(c.Api("folder/ls.cgi", R"({"folder_id":"0"})").status, 200);
  // Malformed JSON, wrong types, missing fields: 400 KO, never a crash.
  ExpectKo(c.Api("folder/ls.cgi", R"({"folder_id":)"), 400, "Bad request #1");
  ExpectKo(c.Api("folder/ls.cgi", R"([1,2])"), 400, "Bad request #1");
  ExpectKo(c.Api("folder/ls.cgi", R"({"folder_id":"abc"})"), 400, "Bad request #1");
  ExpectKo(c.Api("folder/ls.cgi", R"({"folder_id":{"a":1}})"), 400, "Bad request #1");
  ExpectKo(c.Api("folder/mkdir.cgi", R"({"folder_id":0})"), 400, "Bad request #1");
  ExpectKo(c.Api("file/rm.cgi", R"({"files":"x"})"), 400, "Bad request #1");
  ExpectKo(c.Api("file/mv.cgi", R"({"urls":["https://1fichier.com/?abcdefghij"]})"), 400,
           "Bad request #1");
  ExpectKo(c.Api("file/info.cgi", "\x01\x02garbage"), 400, "Bad request #1");
  // The server still answers afterwards.
  EXPECT_EQ(c.Api("folder/ls.cgi", "{}").status, 200);
}

TEST_F(ApiTest, HostileBodiesNeverCrashOrHang) {
  auto c = client();
  const std::string url = c.UploadFile("a.txt", "abc");
  const std::vector<std::string> endpoints = {
      "download/get_token.cgi", "file/ls.cgi",     "file/info.cgi",      "file/scan.cgi",
      "file/rm.cgi",            "file/mv.cgi",     "file/cp.cgi",        "file/rename.cgi",
      "file/chattr.cgi",        "folder/ls.cgi",   "folder/mkdir.cgi",   "folder/rm.cgi",
      "folder/mv.cgi",          "folder/share.cgi", "user/info.cgi",     "remote/request.cgi",
      "remote/ls.cgi",          "remote/info.cgi", "upload/get_upload_server.cgi"};
  const std::vector<std::string> bodies = {
      "null", "true", "42", "\"str\"", "{\"a\":", std::string(100, '['), std::string(5000, '{'),
      R"({"folder_id":99999999999999999999999})", R"({"folder_id":-5,"files":"x"})",
      R"({"urls":[1,2,3],"files":[1],"url":7,"name":[],"id":{}})",
      R"({"urls":[{"url":[]}],"files":[{"url":{}}],"acl":"x","headers":3})",
      R"({"urls":[""],"destination_folder_id":0,"rename":""})",
      R"({"name":"","folder_id":0})", R"({"name":"a/b"})",
      "{\"name\":\"" + std::string(300, 'n') + "\"}",
      R"({"urls":[")" + url + R"(",")" + url + R"("],"rename":"x","destination_folder_id":0})",
      std::string("{\"a\":\"\xff\xfe\"}"), std::string("\0\0\0", 3)};
  for (const std::string& e : endpoints) {
    for (const std::string& b : bodies) {
      Reply r = c.Api(e, b);
      ASSERT_NE(r.status, 0) << e << " " << b.substr(0, 40) << ": " << r.error;
      EXPECT_LT(r.status, 500) << e << " " << b.substr(0, 40);
      if (r.status != 200) {
        Json j(r.body);
        ASSERT_TRUE(j.ok()) << e << " " << r.body;
        EXPECT_EQ(Str(j["status"]), "KO");
      }
    }
  }
  // Malformed multipart bodies get HTML errors, not crashes.
  for (const std::string& b : {std::string("--b\r\n\r\n\r\n--b--"), std::string("garbage"),
                               std::string("--b\r\nContent-Disposition: form-data; name=\"file[]\"; "
                                           "filename=\"x\"\r\n\r\nabc")}) {
    httplib::Client hc = c.Client();
    auto res = hc.Post("/upload.cgi?id=" + c.UploadId(), b, "multipart/form-data; boundary=b");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << b;
  }
  EXPECT_EQ(c.Api("file/info.cgi", UrlBody(url)).status, 200);
}

TEST_F(ApiTest, UnknownEndpointIsKo) {
  auto c = client();
  ExpectKo(c.Api("file/nothing.cgi", "{}"), 404, "Unknown endpoint #705");
}

TEST_F(ApiTest, FolderTreeShapes) {
  auto c = client();
  const int64_t docs = c.Mkdir("docs");
  ASSERT_GE(docs, 1000000);
  const int64_t year = c.Mkdir("2026", docs);
  ASSERT_GT(year, docs);
  const std::string url = c.UploadFile("hello.txt", "hello world\n", docs);
  ASSERT_FALSE(url.empty());

  Reply r = c.Api("folder/ls.cgi", "{\"folder_id\":" + std::to_string(docs) + ",\"files\":1}");
  ASSERT_EQ(r.status, 200) << r.body;
  Json j(r.body);
  EXPECT_EQ(Str(j["status"]), "OK");
  EXPECT_EQ(Int(j["folder_id"]), docs);
  EXPECT_EQ(Str(j["name"]), "docs");
  EXPECT_EQ(Int(j["files"]), 1);
  EXPECT_EQ(Int(j["size"]), 12);
  EXPECT_EQ(Int(j["pass"]), 0);
  auto subs = j["sub_folders"].get_array().value();
  ASSERT_EQ(subs.size(), 1u);
  EXPECT_EQ(Int(subs.at(0)["id"].value()), year);
  EXPECT_EQ(Str(subs.at(0)["name"].value()), "2026");
  EXPECT_TRUE(IsString(subs.at(0)["create_date"].value()));
  EXPECT_EQ(Int(subs.at(0)["pass"].value()), 0);
  auto items = j["items"].get_array().value();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(Str(items.at(0)["url"].value()), url);
  EXPECT_EQ(Str(items.at(0)["content-type"].value()), "text/plain; charset=utf-8");  // base/mime_type.h

  // Without files:1 there is no items array; the root is 0 with an empty name.
  Json root(c.Api("folder/ls.cgi", "{}").body);
  EXPECT_EQ(Int(root["folder_id"]), 0);
  EXPECT_EQ(Str(root["name"]), "");
  EXPECT_TRUE(root.root()["items"].error() == simdjson::NO_SUCH_FIELD);
}

TEST_F(ApiTest, FolderErrors) {
  auto c = client();
  const int64_t a = c.Mkdir("a");
  ExpectKo(c.Api("folder/mkdir.cgi", R"({"name":"a"})"), 403, "Folder already exists #701");
  ExpectKo(c.Api("folder/ls.cgi", R"({"folder_id":999})"), 404, "Resource not found #469");
  ExpectKo(c.Api("folder/mkdir.cgi", R"({"name":"x","folder_id":999})"), 404,
           "Resource not found #469");
  const int64_t b = c.Mkdir("b", a);
  ExpectKo(c.Api("folder/rm.cgi", "{\"folder_id\":" + std::to_string(a) + "}"), 403,
           "Folder not empty #702");
  ExpectKo(c.Api("folder/rm.cgi", R"({"folder_id":0})"), 403, "Root folder cannot be changed #703");
  ExpectKo(c.Api("folder/mv.cgi", "{\"folder_id\":" + std::to_string(a) +
                                      ",\"destination_folder_id\":" + std::to_string(b) + "}"),
           403, "Cannot move a folder into itself #704");
  Reply rm = c.Api("folder/rm.cgi", "{\"folder_id\":" + std::to_string(b) + "}");
  EXPECT_EQ(rm.status, 200);
  EXPECT_EQ(Str(Json(rm.body)["status"]), "OK");
  ExpectKo(c.Api("folder/rm.cgi", "{\"folder_id\":" + std::to_string(b) + "}"), 404,
           "Resource not found #469");
}

TEST_F(ApiTest, FolderMoveAndRename) {
  auto c = client();
  const int64_t a = c.Mkdir("a");
  const int64_t b = c.Mkdir("b");
  Reply mv = c.Api("folder/mv.cgi", "{\"folder_id\":" + std::to_string(b) +
                                        ",\"destination_folder_id\":" + std::to_string(a) + "}");
  ASSERT_EQ(mv.status, 200) << mv.body;
  Json root(c.Api("folder/ls.cgi", "{}").body);
  EXPECT_EQ(root["sub_folders"].get_array().value().size(), 1u);
  // rename wins over the destination (spec §8.4).
  Reply rn = c.Api("folder/mv.cgi", "{\"folder_id\":" + std::to_string(b) +
                                        ",\"destination_folder_id\":0,\"destination_user\":\"\","
                                        "\"rename\":\"c\"}");
  ASSERT_EQ(rn.status, 200) << rn.body;
  Json j(rn.body);
  EXPECT_EQ(Str(j["old_name"]), "b");
  EXPECT_EQ(Str(j["new_name"]), "c");
  Json inside(c.Api("folder/ls.cgi", "{\"folder_id\":" + std::to_string(a) + "}").body);
  EXPECT_EQ(Str(inside["sub_folders"].at(0)["name"].value()), "c");
}

TEST_F(ApiTest, FileListAndInfoShapes) {
  auto c = client();
  const std::string url = c.UploadFile("hello.txt", "hello world\n");
  ASSERT_THAT(url, MatchesRegex("https://1fichier\\.com/\\?[a-z0-9]{20}"));
  Reply ls = c.Api("file/ls.cgi", R"({"folder_id":0})");
  ASSERT_EQ(ls.status, 200);
  Json j(ls.body);
  EXPECT_EQ(Int(j["count"]), 1);
  auto item = j["items"].at(0).value();
  EXPECT_EQ(Str(item["url"].value()), url);
  EXPECT_EQ(Str(item["filename"].value()), "hello.txt");
  EXPECT_EQ(Int(item["size"].value()), 12);
  EXPECT_EQ(Str(item["checksum"].value()),
            "813350ea4f5299958f338ee9c860df4546e7955f18867f5cdd9364960c68e76b15ed599a6d1758a4450d0"
            "69379ba31fa7193c90ffe2f9d045d42a3526f10aea4");
  EXPECT_THAT(Str(item["date"].value()),
              MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}"));
  EXPECT_EQ(Int(item["pass"].value()), 0);
  EXPECT_EQ(Int(item["acl"].value()), 0);
  EXPECT_EQ(Int(item["cdn"].value()), 0);

  Reply info = c.Api("file/info.cgi", UrlBody(url));
  ASSERT_EQ(info.status, 200);
  Json i(info.body);
  EXPECT_EQ(Str(i["filename"]), "hello.txt");
  EXPECT_EQ(Int(i["folder_id"]), 0);
  EXPECT_EQ(Str(i["path"]), "");
  EXPECT_EQ(Str(i["content-type"]), "text/plain; charset=utf-8");
  EXPECT_EQ(Int(i["size"]), 12);
  ExpectKo(c.Api("file/info.cgi", R"({"url":"https://1fichier.com/?aaaaaaaaaaaaaaaaaaaa"})"), 404,
           "Resource not found #469");
  ExpectKo(c.Api("file/info.cgi", R"({"url":"not a url"})"), 404, "Resource not found #469");
  ExpectKo(c.Api("file/ls.cgi", R"({"folder_id":424242})"), 404, "Resource not found #469");
}

TEST_F(ApiTest, WholeAccountListingAndDateFilters) {
  auto c = client();
  const int64_t d = c.Mkdir("d");
  ASSERT_FALSE(c.UploadFile("root.txt", "1").empty());
  ASSERT_FALSE(c.UploadFile("deep.txt", "2", d).empty());
  Json all(c.Api("file/ls.cgi", R"({"folder_id":-1})").body);
  EXPECT_EQ(Int(all["count"]), 2);
  Json before(c.Api("file/ls.cgi", R"({"folder_id":-1,"sent_before":"2000-01-01 00:00:00"})").body);
  EXPECT_EQ(Int(before["count"]), 0);
  Json after(c.Api("file/ls.cgi", R"({"folder_id":-1,"sent_after":"2000-01-01 00:00:00"})").body);
  EXPECT_EQ(Int(after["count"]), 2);
  ExpectKo(c.Api("file/ls.cgi", R"({"sent_after":"yesterday"})"), 400, "Bad request #1");
}

TEST_F(ApiTest, DuplicateNamesAreAllowed) {
  auto c = client();
  const std::string a = c.UploadFile("same.txt", "one");
  const std::string b = c.UploadFile("same.txt", "two!");
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  EXPECT_NE(a, b);
  Json j(c.Api("file/ls.cgi", "{}").body);
  ASSERT_EQ(Int(j["count"]), 2);
  EXPECT_EQ(Str(j["items"].at(0)["filename"].value()), "same.txt");
  EXPECT_EQ(Str(j["items"].at(1)["filename"].value()), "same.txt");
  EXPECT_EQ(Int(j["items"].at(0)["size"].value()), 3);  // upload order
  EXPECT_EQ(Int(j["items"].at(1)["size"].value()), 4);
}

TEST_F(ApiTest, RemoveFiles) {
  auto c = client();
  const std::string a = c.UploadFile("a", "a");
  const std::string b = c.UploadFile("b", "b");
  Reply r = c.Api("file/rm.cgi", "{\"files\":[{\"url\":\"" + a + "\"},{\"url\":\"" + b +
                                     "\"},{\"url\":\"https://1fichier.com/?zzzzzzzzzzzzzzzzzzzz\"}]}");
  ASSERT_EQ(r.status, 200) << r.body;
  Json j(r.body);
  EXPECT_EQ(Int(j["removed"]), 2);
  EXPECT_EQ(Int(Json(c.Api("file/ls.cgi", "{}").body)["count"]), 0);
  ExpectKo(c.Api("file/rm.cgi", "{\"files\":[{\"url\":\"" + a + "\"}]}"), 404,
           "Resource not found #469");
}

TEST_F(ApiTest, MoveKeepsUrlAndRenameToSameNameFails) {
  auto c = client();
  const int64_t d = c.Mkdir("d");
  const std::string url = c.UploadFile("a.txt", "abc");
  Reply mv = c.Api("file/mv.cgi", UrlsBody(url, "\"destination_folder_id\":" + std::to_string(d) +
                                                    ",\"rename\":\"b.txt\""));
  ASSERT_EQ(mv.status, 200) << mv.body;
  Json j(mv.body);
  EXPECT_EQ(Int(j["moved"]), 1);
  EXPECT_EQ(Str(j["urls"].at(0).value()), url);
  EXPECT_EQ(Str(j["filename"]), "b.txt");
  Json info(c.Api("file/info.cgi", UrlBody(url)).body);
  EXPECT_EQ(Int(info["folder_id"]), d);
  EXPECT_EQ(Str(info["path"]), "d");
  EXPECT_EQ(Str(info["filename"]), "b.txt");
  ExpectKo(c.Api("file/mv.cgi", UrlsBody(url, "\"destination_folder_id\":0,\"rename\":\"b.txt\"")),
           403, "No file has been renamed #312");
  ExpectKo(c.Api("file/mv.cgi", UrlsBody(url, "\"destination_folder_id\":77")), 404,
           "Resource not found #469");
}

TEST_F(ApiTest, CopyMakesNewUrlSameContent) {
  auto c = client();
  const int64_t d = c.Mkdir("d");
  const std::string url = c.UploadFile("a.txt", "abc");
  // rclone passes rename even when unchanged.
  Reply cp = c.Api("file/cp.cgi",
                   UrlsBody(url, "\"folder_id\":" + std::to_string(d) + ",\"rename\":\"a.txt\""));
  ASSERT_EQ(cp.status, 200) << cp.body;
  Json j(cp.body);
  EXPECT_EQ(Int(j["copied"]), 1);
  EXPECT_EQ(Str(j["urls"].at(0)["from_url"].value()), url);
  const std::string to = Str(j["urls"].at(0)["to_url"].value());
  EXPECT_NE(to, url);
  Json a(c.Api("file/info.cgi", UrlBody(url)).body);
  Json b(c.Api("file/info.cgi", UrlBody(to)).body);
  EXPECT_EQ(Str(a["checksum"]), Str(b["checksum"]));
  EXPECT_EQ(Int(b["folder_id"]), d);
  // Removing the original leaves the copy readable.
  ASSERT_EQ(c.Api("file/rm.cgi", "{\"files\":[{\"url\":\"" + url + "\"}]}").status, 200);
  Json t(c.Api("download/get_token.cgi", UrlBody(to)).body);
  EXPECT_EQ(c.Get(Str(t["url"])).body, "abc");
}

TEST_F(ApiTest, RenameShapesAndNoop) {
  auto c = client();
  const std::string url = c.UploadFile("a.txt", "abc");
  Reply r = c.Api("file/rename.cgi",
                  "{\"urls\":[{\"url\":\"" + url + "\",\"filename\":\"b.txt\"}],\"pretty\":0}");
  ASSERT_EQ(r.status, 200) << r.body;
  Json j(r.body);
  EXPECT_EQ(Int(j["renamed"]), 1);
  EXPECT_EQ(Str(j["urls"].at(0)["url"].value()), url);
  EXPECT_EQ(Str(j["urls"].at(0)["old_filename"].value()), "a.txt");
  EXPECT_EQ(Str(j["urls"].at(0)["new_filename"].value()), "b.txt");
  ExpectKo(c.Api("file/rename.cgi",
                 "{\"urls\":[{\"url\":\"" + url + "\",\"filename\":\"b.txt\"}]}"),
           403, "No file has been renamed #312");
}

TEST_F(ApiTest, ChattrAndPasswordProtection) {
  auto c = client();
  const std::string url = c.UploadFile("a.txt", "abc");
  Reply r = c.Api("file/chattr.cgi", UrlsBody(url,
                                              "\"description\":\"d\",\"pass\":\"secret1\","
                                              "\"inline\":1,\"acl\":{\"country\":[\"FR\"]}"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Int(Json(r.body)["updated"]), 1);
  Json info(c.Api("file/info.cgi", UrlBody(url)).body);
  EXPECT_EQ(Int(info["pass"]), 1);
  EXPECT_EQ(Int(info["inline"]), 1);
  EXPECT_EQ(Str(info["description"]), "d");
  EXPECT_EQ(Str(info["acl"]["country"].at(0).value()), "FR");
  ExpectKo(c.Api("file/chattr.cgi", UrlsBody(url, "\"pass\":\"short\"")), 400, "Bad request #1");
}

TEST_F(ApiTest, PrettyOutputIsIndented) {
  auto c = client();
  Reply r = c.Api("folder/ls.cgi", R"({"pretty":1})");
  EXPECT_THAT(r.body, HasSubstr("\n  \"status\": \"OK\""));
  EXPECT_TRUE(Json(r.body).ok());
}

TEST_F(ApiTest, NamesAreStoredAsSent) {
  auto c = client();
  const std::string name = "＼ｕｎｉ＂code ☃ é.txt";
  const std::string url = c.UploadFile(name, "x");
  ASSERT_FALSE(url.empty());
  Json info(c.Api("file/info.cgi", UrlBody(url)).body);
  EXPECT_EQ(Str(info["filename"]), name);
}

TEST_F(ApiTest, NamePolicies) {
  {
    auto emu = StartOrDie({"--name-policy", "reject"});
    ASSERT_NE(emu, nullptr);
    EmulatorClient c(*emu);
    ExpectKo(c.Api("folder/mkdir.cgi", R"({"name":"a$b"})"), 400, "Bad request #1");
    EXPECT_EQ(c.Api("folder/mkdir.cgi", R"({"name":"plain"})").status, 200);
  }
  {
    auto emu = StartOrDie({"--name-policy", "strip"});
    ASSERT_NE(emu, nullptr);
    EmulatorClient c(*emu);
    Reply r = c.Api("folder/mkdir.cgi", R"({"name":" a<b>'c` "})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Str(Json(r.body)["name"]), "abc");
    // end.pl reports the name as stored, which is how a client notices the change.
    const std::string id = c.UploadId();
    ASSERT_EQ(c.UploadParts(id, {{"x$y.txt", "1"}}).status, 302);
    EXPECT_EQ(Str(Json(c.EndPl(id).body)["links"].at(0)["filename"].value()), "xy.txt");
  }
}

TEST_F(ApiTest, AccountsAreSeparate) {
  auto emu = StartOrDie({"--key", "keyA", "--key", "keyB"});
  ASSERT_NE(emu, nullptr);
  EmulatorClient c(*emu);
  const std::string url = c.UploadFile("a.txt", "abc", 0, "keyA");
  ASSERT_FALSE(url.empty());
  EXPECT_EQ(Int(Json(c.Api("file/ls.cgi", "{}", "keyA").body)["count"]), 1);
  EXPECT_EQ(Int(Json(c.Api("file/ls.cgi", "{}", "keyB").body)["count"]), 0);
  // Another account can read a public file but not remove it.
  EXPECT_EQ(c.Api("file/info.cgi", UrlBody(url), "keyB").status, 200);
  ExpectKo(c.Api("file/rm.cgi", "{\"files\":[{\"url\":\"" + url + "\"}]}", "keyB"), 404,
           "Resource not found #469");
}

TEST_F(ApiTest, StatsCountEveryCall) {
  auto c = client();
  ASSERT_FALSE(c.UploadFile("a.txt", "abc").empty());
  c.Api("file/ls.cgi", "{}");
  c.Api("file/ls.cgi", "{}");
  auto stats = emu_->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ((*stats)["/v1/upload/get_upload_server.cgi"], 1);
  EXPECT_EQ((*stats)["/upload.cgi"], 1);
  EXPECT_EQ((*stats)["/end.pl"], 1);
  EXPECT_EQ((*stats)["/v1/file/ls.cgi"], 2);
  ASSERT_TRUE(emu_->ResetStats().ok());
  EXPECT_TRUE(emu_->Stats()->empty());
}

TEST_F(ApiTest, AdminNeedsToken) {
  auto c = client();
  Reply r = c.Get("/_emulator/stats");
  EXPECT_EQ(r.status, 401);
  httplib::Client hc = c.Client();
  auto bad = hc.Get("/_emulator/tree", {{"X-Admin-Token", "nope"}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 401);
  // An API key is not an admin token.
  auto key = hc.Post("/_emulator/reset", {{"Authorization", std::string("Bearer ") + kPremiumKey}},
                     "", "application/json");
  ASSERT_TRUE(key);
  EXPECT_EQ(key->status, 401);
}

TEST_F(ApiTest, TreeDump) {
  auto c = client();
  const int64_t d = c.Mkdir("dir");
  ASSERT_FALSE(c.UploadFile("f.txt", "abc", d).empty());
  auto tree = emu_->Tree();
  ASSERT_TRUE(tree.ok());
  Json j(*tree);
  ASSERT_TRUE(j.ok()) << *tree;
  auto root = j["accounts"].at(0)["root"].value();
  EXPECT_EQ(Str(root["folders"].at(0)["name"].value()), "dir");
  EXPECT_EQ(Int(root["folders"].at(0)["files"].at(0)["size"].value()), 3);
  EXPECT_EQ(Str(root["folders"].at(0)["files"].at(0)["checksum"].value()).size(), 128u);
}

}  // namespace
}  // namespace emulator::testing
