// libFuzzer target for the service's answers: every api_json parser, the answer checks that
// follow them, StatusFromAnswer and DetectAnswerFormat. No crash, no sanitizer report, and the
// invariants the rest of the backend relies on: an answer that passes CheckAnswer has no
// negative size; a status built from server text never holds a raw control character.
// Input: 1 byte selecting the HTTP status and format, then the body.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "backend/fichier/answer_checks.h"
#include "backend/fichier/api_error.h"
#include "backend/fichier/api_json.h"
#include "backend/fichier/rest_api.h"
#include "tests/fuzz/fuzz_require.h"
#include "vfs/config/control_chars.h"

namespace {

using namespace backend::fichier;  // NOLINT: a fuzz target

using fuzz_support::Require;

template <typename T, typename Parse>
void ParseAndCheck(std::string_view body, Parse parse) {
  Envelope envelope;
  T out{};
  if (!parse(body, envelope, out).ok()) return;
  (void)CheckAnswer(out);
}

void CheckSizes(std::string_view body) {
  Envelope envelope;
  FolderList list;
  if (!ParseFolderList(body, envelope, list).ok() || !CheckAnswer(list).ok()) return;
  for (const FileItem& item : list.items) Require(item.size >= 0, "a checked listing has a negative size");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);

  ParseAndCheck<UploadServer>(body, &ParseUploadServer);
  ParseAndCheck<UploadReport>(body, &ParseUploadReport);
  ParseAndCheck<DownloadToken>(body, &ParseDownloadToken);
  ParseAndCheck<FileList>(body, &ParseFileList);
  ParseAndCheck<FileInfo>(body, &ParseFileInfo);
  ParseAndCheck<RemoveFilesResult>(body, &ParseRemoveFiles);
  ParseAndCheck<MoveFilesResult>(body, &ParseMoveFiles);
  ParseAndCheck<CopyFilesResult>(body, &ParseCopyFiles);
  ParseAndCheck<RenameFilesResult>(body, &ParseRenameFiles);
  ParseAndCheck<FolderList>(body, &ParseFolderList);
  ParseAndCheck<MkdirResult>(body, &ParseMkdir);
  ParseAndCheck<FolderRemoveResult>(body, &ParseFolderRemove);
  ParseAndCheck<FolderMoveResult>(body, &ParseFolderMove);
  ParseAndCheck<UserInfo>(body, &ParseUserInfo);
  ParseAndCheck<RemoteUploadJob>(body, &ParseRemoteUploadJob);
  ParseAndCheck<std::vector<RemoteUploadJob>>(body, &ParseRemoteUploadJobs);
  ParseAndCheck<RemoteUploadInfo>(body, &ParseRemoteUploadInfo);
  std::vector<SharedFile> shared;
  if (ParseSharedFolder(body, shared).ok()) (void)CheckAnswer(shared);
  CheckSizes(body);

  // The envelope as RestApi reads it, then the one mapping to a status.
  static constexpr int kHttp[] = {200, 201, 302, 400, 401, 403, 404, 410, 429, 500, 502, 503};
  Answer answer;
  answer.endpoint = "fuzz.cgi";
  answer.http_status = kHttp[selector % (sizeof(kHttp) / sizeof(kHttp[0]))];
  static constexpr const char* kTypes[] = {"application/json", "text/html", "", "text/plain"};
  answer.format = DetectAnswerFormat(kTypes[(selector >> 4) % 4], body);
  Envelope envelope;
  if (answer.format == AnswerFormat::kJson && !ParseEnvelopeOnly(body, envelope).ok()) {
    answer.format = AnswerFormat::kMalformed;
  }
  answer.has_status = envelope.has_status;
  answer.status = envelope.status;
  answer.message = envelope.message;
  absl::Status status = StatusFromAnswer(answer);
  Require(!vfs::HasControlChars(std::string(status.message())),
          "a status carries a raw control character from the server");
  (void)ParseErrorCode(body);
  return 0;
}
