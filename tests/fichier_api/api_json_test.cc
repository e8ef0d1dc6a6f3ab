// Answer shapes from spec/fichier-api.md, including the odd ones.
#include "backend/fichier/api_json.h"

#include <gtest/gtest.h>

namespace backend::fichier {
namespace {

constexpr char kHash[] =
    "813350ea4f5299958f338ee9c860df4546e7955f18867f5cdd9364960c68e76b15ed599a6d1758a4450d069379ba"
    "31fa7193c90ffe2f9d045d42a3526f10aea4";

// What `parse` makes of `body`, which it must accept; its envelope goes to *env when given.
template <typename T>
T Parsed(absl::Status (*parse)(std::string_view, Envelope&, T&), std::string_view body,
         Envelope* env = nullptr) {
  Envelope ignored;
  T out;
  absl::Status st = parse(body, env != nullptr ? *env : ignored, out);
  EXPECT_TRUE(st.ok()) << st << " for " << body;
  return out;
}

TEST(ApiJsonTest, UploadServerHasNoStatus) {
  Envelope env;
  UploadServer server =
      Parsed(&ParseUploadServer, R"({"url":"up2.1fichier.com","id":"Fhl1aZERQv"})", &env);
  EXPECT_FALSE(env.has_status);
  EXPECT_EQ(server.url, "up2.1fichier.com");
  EXPECT_EQ(server.id, "Fhl1aZERQv");
}

TEST(ApiJsonTest, EndPlSizeIsAString) {
  const std::string body =
      std::string(R"({"incoming":0,"links":[{"download":"https://1fichier.com/?k3v9w2x7q1m5z8b4c6d0",)"
                  R"("filename":"hello.txt","remove":"","size":"5304527242","whirlpool":")") +
      kHash + R"("}]})";
  const UploadReport report = Parsed(&ParseUploadReport, body);
  ASSERT_EQ(report.links.size(), 1u);
  EXPECT_EQ(report.links[0].size, int64_t{5304527242});
  EXPECT_EQ(report.links[0].whirlpool, kHash);
  EXPECT_EQ(report.links[0].filename, "hello.txt");
  EXPECT_EQ(report.links[0].download, "https://1fichier.com/?k3v9w2x7q1m5z8b4c6d0");
}

TEST(ApiJsonTest, FileListItemsWithHyphenatedContentType) {
  Envelope env;
  const char* body =
      R"({"status":"OK","count":2,"items":[)"
      R"({"url":"https://1fichier.com/?a","filename":"a \"q\" \u00e9.txt","size":12,)"
      R"("date":"2026-03-01 14:05:09","checksum":"abc","content-type":"text/plain","pass":0,"acl":0,"cdn":0},)"
      R"({"url":"https://1fichier.com/?b","filename":"b","size":"7","date":null,"pass":"1","extra":{"x":[1,2]}}]})";
  const FileList list = Parsed(&ParseFileList, body, &env);
  EXPECT_EQ(env.status, "OK");
  EXPECT_EQ(list.count, 2);
  ASSERT_EQ(list.items.size(), 2u);
  EXPECT_EQ(list.items[0].filename, "a \"q\" \xc3\xa9.txt");
  EXPECT_EQ(list.items[0].content_type, "text/plain");
  EXPECT_EQ(list.items[0].date, "2026-03-01 14:05:09");
  EXPECT_EQ(list.items[1].size, 7);   // numeric string
  EXPECT_EQ(list.items[1].pass, 1);   // numeric string flag
  EXPECT_EQ(list.items[1].date, "");  // null = absent
}

TEST(ApiJsonTest, FolderListWithAndWithoutSubFolders) {
  const char* body =
      R"({"status":"OK","folder_id":123456,"name":"docs","create_date":"2026-01-02 10:00:00",)"
      R"("pass":0,"files":1,"size":12,"sub_folders":[{"id":123457,"name":"2026",)"
      R"("create_date":"2026-01-02 10:01:00","pass":0}],"items":[{"url":"u","filename":"f","size":3}]})";
  const FolderList folder = Parsed(&ParseFolderList, body);
  EXPECT_EQ(folder.folder_id, 123456);
  ASSERT_EQ(folder.sub_folders.size(), 1u);
  EXPECT_EQ(folder.sub_folders[0].id, 123457);
  EXPECT_EQ(folder.sub_folders[0].name, "2026");
  ASSERT_EQ(folder.items.size(), 1u);
  EXPECT_EQ(folder.items[0].size, 3);

  EXPECT_TRUE(
      Parsed(&ParseFolderList, R"({"status":"OK","folder_id":0,"name":""})").sub_folders.empty());
  Parsed(&ParseFolderList, R"({"status":"OK","sub_folders":null})");
}

TEST(ApiJsonTest, FileInfoAcceptsEitherContentTypeSpelling) {
  Envelope env;
  const FileInfo info =
      Parsed(&ParseFileInfo,
             R"({"url":"u","filename":"f","size":5304527242,"folder_id":"77",)"
             R"("path":"a/b","content_type":"image/png","acl":{"ip":["1.2.3.4/32"]}})",
             &env);
  EXPECT_FALSE(env.has_status);
  EXPECT_EQ(info.size, int64_t{5304527242});
  EXPECT_EQ(info.folder_id, 77);
  EXPECT_EQ(info.content_type, "image/png");
  EXPECT_EQ(info.path, "a/b");
}

TEST(ApiJsonTest, UserInfoMixesStringsAndNumbers) {
  const char* body =
      R"({"status":"OK","email":"user@example.com","offer":"1","2fa":"0","ftp_did":0,)"
      R"("cdn":"0","subscription_end":"2027-01-01 00:00:00","cold_storage":1073741824,)"
      R"("available_cold_storage":109951162777600,"overquota":0,"upload_forbidden":"0"})";
  const UserInfo user = Parsed(&ParseUserInfo, body);
  EXPECT_EQ(user.offer, 1);
  EXPECT_EQ(user.cold_storage, 1073741824);
  EXPECT_EQ(user.available_cold_storage, int64_t{109951162777600});
  EXPECT_EQ(user.upload_forbidden, 0);
  EXPECT_EQ(user.cdn, "0");
  const UserInfo numeric_cdn = Parsed(&ParseUserInfo, R"({"cdn":12.5,"offer":2})");
  EXPECT_EQ(numeric_cdn.cdn, "12.5");
  EXPECT_EQ(numeric_cdn.offer, 2);
}

TEST(ApiJsonTest, KoEnvelopeIsCollected) {
  Envelope env;
  Parsed(&ParseFileList, R"({"status":"KO","message":"Flood detected: IP Locked #374"})", &env);
  EXPECT_TRUE(env.has_status);
  EXPECT_EQ(env.status, "KO");
  EXPECT_EQ(env.message, "Flood detected: IP Locked #374");
}

TEST(ApiJsonTest, CopyMoveRenameAnswers) {
  const CopyFilesResult copy =
      Parsed(&ParseCopyFiles, R"({"status":"OK","copied":1,"urls":[{"from_url":"a","to_url":"b"}],)"
                              R"("filename":"copy.txt"})");
  ASSERT_EQ(copy.urls.size(), 1u);
  EXPECT_EQ(copy.urls[0].to_url, "b");
  const MoveFilesResult move =
      Parsed(&ParseMoveFiles, R"({"status":"OK","moved":"1","urls":["a"]})");
  EXPECT_EQ(move.moved, 1);
  EXPECT_EQ(move.urls, std::vector<std::string>{"a"});
  const RenameFilesResult rename =
      Parsed(&ParseRenameFiles, R"({"status":"OK","renamed":1,"urls":[{"url":"a",)"
                                R"("old_filename":"x","new_filename":"y"}]})");
  ASSERT_EQ(rename.urls.size(), 1u);
  EXPECT_EQ(rename.urls[0].new_filename, "y");
}

TEST(ApiJsonTest, RemoteUploadAndSharedFolder) {
  const RemoteUploadInfo info = Parsed(
      &ParseRemoteUploadInfo,
      R"({"id":4242,"request_date":"d","execution_date":"e","links":["http://x/a.bin"],)"
      R"("result":[{"status":"OK","url":"http://x/a.bin","download_link":"https://1fichier.com/?m","message":""}]})");
  EXPECT_EQ(info.id, 4242);
  ASSERT_EQ(info.result.size(), 1u);
  EXPECT_EQ(info.result[0].download_link, "https://1fichier.com/?m");
  const std::vector<RemoteUploadJob> jobs =
      Parsed(&ParseRemoteUploadJobs,
             R"({"status":"OK","data":[{"id":"4242","request_date":"d","execution_date":""}]})");
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].id, 4242);
  std::vector<SharedFile> files;
  ASSERT_TRUE(ParseSharedFolder(
                  R"([{"filename":"hello.txt","link":"https://1fichier.com/?k3","size":12}])", files)
                  .ok());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].size, 12);
}

TEST(ApiJsonTest, RejectsWhatIsNotTheExpectedJson) {
  Envelope env;
  FileList list;
  EXPECT_FALSE(ParseFileList("<html>Upload finished</html>", env, list).ok());
  EXPECT_FALSE(ParseFileList(R"({"items":[{"size":"twelve"}]})", env, list).ok());
  EXPECT_FALSE(ParseFileList(R"({"items":{"not":"an array"}})", env, list).ok());
  EXPECT_FALSE(ParseFileList(R"({"items":[)", env, list).ok());
  EXPECT_FALSE(ParseFileList(R"([1,2])", env, list).ok());
  std::vector<SharedFile> files;
  EXPECT_FALSE(ParseSharedFolder(R"({"status":"KO"})", files).ok());
}

}  // namespace
}  // namespace backend::fichier
