#include "backend/fichier/api_json.h"

#include <simdjson.h>

#include <cmath>
#include <functional>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/string_views.h"

namespace backend::fichier {
namespace {

using simdjson::ondemand::json_type;
using Value = simdjson::ondemand::value;
using FieldFn = std::function<absl::Status(std::string_view key, Value& value)>;

absl::Status JsonError(std::string_view what, simdjson::error_code error) {
  return absl::InvalidArgumentError(
      absl::StrCat("bad JSON answer (", base::ToAbsl(what), "): ", simdjson::error_message(error)));
}

absl::Status FieldError(std::string_view key, std::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("bad JSON answer: \"", base::ToAbsl(key), "\" ", base::ToAbsl(why)));
}

// Walks an object's members; `on_field` sees each key (unescaped) and value.
absl::Status ForEachField(simdjson::ondemand::object object, const FieldFn& on_field) {
  for (auto member : object) {
    simdjson::ondemand::field field;
    if (auto e = std::move(member).get(field)) return JsonError("member", e);
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return JsonError("key", e);
    if (absl::Status s = on_field(key, field.value()); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status ReadInt(std::string_view key, Value& value, int64_t& out) {
  json_type type;
  if (auto e = value.type().get(type)) return JsonError(key, e);
  switch (type) {
    case json_type::number: {
      simdjson::ondemand::number number;
      if (auto e = value.get_number().get(number)) return JsonError(key, e);
      if (number.is_int64()) {
        out = number.get_int64();
      } else if (number.is_uint64()) {
        return FieldError(key, "is out of range");
      } else {
        const double d = number.get_double();
        if (!std::isfinite(d) || std::fabs(d) > 9.2e18) return FieldError(key, "is out of range");
        out = static_cast<int64_t>(d);
      }
      return absl::OkStatus();
    }
    case json_type::string: {
      std::string_view text;
      if (auto e = value.get_string().get(text)) return JsonError(key, e);
      absl::string_view trimmed = absl::StripAsciiWhitespace(base::ToAbsl(text));
      if (trimmed.empty()) {
        out = 0;
        return absl::OkStatus();
      }
      if (absl::SimpleAtoi(trimmed, &out)) return absl::OkStatus();
      double d = 0;
      if (absl::SimpleAtod(trimmed, &d) && std::isfinite(d) && std::fabs(d) < 9.2e18) {
        out = static_cast<int64_t>(d);
        return absl::OkStatus();
      }
      return FieldError(key, "is not a number");
    }
    case json_type::boolean: {
      bool b = false;
      if (auto e = value.get_bool().get(b)) return JsonError(key, e);
      out = b ? 1 : 0;
      return absl::OkStatus();
    }
    case json_type::null:
      out = 0;
      return absl::OkStatus();
    default:
      return FieldError(key, "is not a number");
  }
}

absl::Status ReadString(std::string_view key, Value& value, std::string& out) {
  json_type type;
  if (auto e = value.type().get(type)) return JsonError(key, e);
  switch (type) {
    case json_type::string: {
      std::string_view text;
      if (auto e = value.get_string().get(text)) return JsonError(key, e);
      out.assign(text);
      return absl::OkStatus();
    }
    case json_type::number: {
      std::string_view raw = value.raw_json_token();
      out = std::string(absl::StripAsciiWhitespace(base::ToAbsl(raw)));
      return absl::OkStatus();
    }
    case json_type::boolean: {
      bool b = false;
      if (auto e = value.get_bool().get(b)) return JsonError(key, e);
      out = b ? "1" : "0";
      return absl::OkStatus();
    }
    case json_type::null:
      out.clear();
      return absl::OkStatus();
    default:
      return FieldError(key, "is not a string");
  }
}

// Calls `on_element` for each element of an array; null counts as empty.
absl::Status ForEachElement(std::string_view key, Value& value,
                            const std::function<absl::Status(Value&)>& on_element) {
  json_type type;
  if (auto e = value.type().get(type)) return JsonError(key, e);
  if (type == json_type::null) return absl::OkStatus();
  if (type != json_type::array) return FieldError(key, "is not an array");
  simdjson::ondemand::array array;
  if (auto e = value.get_array().get(array)) return JsonError(key, e);
  for (auto element : array) {
    Value v;
    if (auto e = std::move(element).get(v)) return JsonError(key, e);
    if (absl::Status s = on_element(v); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status ForEachObject(std::string_view key, Value& value, const FieldFn& on_field,
                           const std::function<void()>& on_begin) {
  return ForEachElement(key, value, [&](Value& element) -> absl::Status {
    simdjson::ondemand::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS) {
      return FieldError(key, "holds a non-object");
    }
    on_begin();
    return ForEachField(object, on_field);
  });
}

absl::Status ReadStrings(std::string_view key, Value& value, std::vector<std::string>& out) {
  return ForEachElement(key, value, [&](Value& element) {
    return ReadString(key, element, out.emplace_back());
  });
}

// The parser is reused per thread: ondemand parsers keep their buffers between documents, and
// are not thread-safe.
simdjson::ondemand::parser& Parser() {
  thread_local simdjson::ondemand::parser parser;
  return parser;
}

// Parses `body` as one object; status/message go to the envelope, the rest to `on_field`.
absl::Status ParseObject(std::string_view body, Envelope& envelope, const FieldFn& on_field) {
  simdjson::padded_string padded(body);
  simdjson::ondemand::document doc;
  if (auto e = Parser().iterate(padded).get(doc)) return JsonError("document", e);
  simdjson::ondemand::object object;
  if (auto e = doc.get_object().get(object)) return JsonError("top level is not an object", e);
  absl::Status status = ForEachField(object, [&](std::string_view key, Value& value) {
    if (key == "status") {
      envelope.has_status = true;
      return ReadString(key, value, envelope.status);
    }
    if (key == "message") return ReadString(key, value, envelope.message);
    return on_field(key, value);
  });
  return status;
}

absl::Status Ignore(std::string_view, Value&) { return absl::OkStatus(); }

// Fields of a file item, shared by file/ls.cgi and folder/ls.cgi.
absl::Status FileItemField(FileItem& item, std::string_view key, Value& value) {
  if (key == "url") return ReadString(key, value, item.url);
  if (key == "filename") return ReadString(key, value, item.filename);
  if (key == "size") return ReadInt(key, value, item.size);
  if (key == "date") return ReadString(key, value, item.date);
  if (key == "checksum") return ReadString(key, value, item.checksum);
  if (key == "content-type" || key == "content_type") {
    return ReadString(key, value, item.content_type);
  }
  if (key == "pass") return ReadInt(key, value, item.pass);
  if (key == "acl") return ReadInt(key, value, item.acl);
  if (key == "cdn") return ReadInt(key, value, item.cdn);
  return absl::OkStatus();
}

absl::Status ReadFileItems(std::string_view key, Value& value, std::vector<FileItem>& items) {
  return ForEachObject(
      key, value,
      [&](std::string_view k, Value& v) { return FileItemField(items.back(), k, v); },
      [&] { items.emplace_back(); });
}

}  // namespace

absl::Status ParseEnvelopeOnly(std::string_view body, Envelope& envelope) {
  return ParseObject(body, envelope, &Ignore);
}

absl::Status ParseUploadServer(std::string_view body, Envelope& envelope, UploadServer& out) {
  return ParseObject(body, envelope, [&](std::string_view key, Value& value) {
    if (key == "url") return ReadString(key, value, out.url);
    if (key == "id") return ReadString(key, value, out.id);
    return absl::OkStatus();
  });
}

absl::Status ParseUploadReport(std::string_view body, Envelope& envelope, UploadReport& out) {
  return ParseObject(body, envelope, [&](std::string_view key, Value& value) {
    if (key == "incoming") return ReadInt(key, value, out.incoming);
    if (key == "links") {
      return ForEachObject(
          key, value,
          [&](std::string_view k, Value& v) {
            UploadedLink& link = out.links.back();
            if (k == "download") return ReadString(k, v, link.download);
            if (k == "filename") return ReadString(k, v, link.filename);
            if (k == "remove") return ReadString(k, v, link.remove);
            if (k == "size") return ReadInt(k, v, link.size);
            if (k == "whirlpool") return ReadString(k, v, link.whirlpool);
            return absl::OkStatus();
          },
          [&] { out.links.emplace_back(); });
    }
    return absl::OkStatus();
  });
}

absl::Status ParseDownloadToken(std::string_view body, Envelope& envelope, DownloadToken& out) {
  return ParseObject(body, envelope, [&](std::string_view key, Value& value) {
    if (key == "url") return ReadString(key, value, out.url);
    return absl::OkStatus();
  });
}

absl::Status ParseFileList(std::string_view body, Envelope& envelope, FileList& out) {
  return ParseObject(body, envelope, [&](std::string_view key, Value& value) {
    if (key == "count") return ReadInt(key, value, out.count);
    if (key == "items") return ReadFileItems(key, value, out.items);
    return absl::OkStatus();
  });
}

absl::Status ParseFileInfo(std::string_view body, Envelope& envelope, FileInfo& out) {
  return ParseObject(body, envelope, [&](std::string_view key, Value& value) {
    if (key == "url") return ReadString(key, value, out.url);
    if (key == "filename") return ReadString(key, value, out.filename);
    if (key == "size") return ReadInt(key, value, out.size);
    if (key == "date") return ReadString(key, value, out.date);
    if (key == "folder_id") return ReadInt(key, value, out.folder_id);
    if (key == "path") return ReadString(key, value, out.path);
    if (key == "checksum") return ReadString(key, value, out.checksum);
    if (key == "content-type" || key == "content_type") {
      return ReadString(key, value, out.content_type);
    }
    if (key == "description") return ReadString(key, value, out.description);
    if (key == "pass") return ReadInt(key, value, out.pass);
    if (key == "no_ssl") return ReadInt(key, value, out.no_ssl);
    if (key == "inline") return ReadInt(key, value, out.inline_);
    if (key == "cdn") return ReadInt(key, value, out.cdn);
    return absl::OkStatus();  // acl is an object; not needed
  });
}

absl::Status ParseRemoveFiles(std::string_view body, Envelope& envelope, RemoveFilesResult& out) {
  return ParseObject(body, envelope, [&](std::string_view key, Value& value) {
    if (key == "removed") return ReadInt(key, value, out.removed);
    return absl::OkStatus();
  });
}

absl::Status ParseMoveFiles(std::string_view body, Envelope& envelope, MoveFilesResult& out) {
  return ParseObject(body, envelope, [&](std::string_view key, Value& value) {
    if (key == "moved") return ReadInt(key, value, out.moved);
    if (key == "urls") return ReadStrings(key, value, out.urls);
    if (key == "filename") return ReadString(key, value, out.filename);
    return absl::OkStatus();
  });
}

absl::Status ParseCopyFiles(std::string_view body, Envelope& envelope, CopyFilesResult& out) {
  return ParseObject(body, envelope, [&](std::string_view key, Value& value) {
    if (key == "copied") return ReadInt(key, value, out.copied);
    if (key == "filename") return ReadString(key, value, out.filename);
    if (key == "urls") {
      return ForEachObject(
          key, value,
          [&](std::string_view k, Value& v) {
            if (k == "from_url") return ReadString(k, v, out.urls.back().from_url);
            if (k == "to_url") return ReadString(k, v, out.urls.back().to_url);
            return absl::OkStatus();
          },
          [&] { out.urls.emplace_back(); });
    }
    return absl::OkStatus();
  });
}

absl::Status ParseRenameFiles(std::string_view body, Envelope& envelope, RenameFilesResult& out) {
  return ParseObject(body, envelope, [&](std::string_view key, Value& value) {
    if (key == "renamed") return ReadInt(key, value, out.renamed);
    if (key == "urls") {
      return ForEachObject(
          key, value,
          [&](std::string_view k, Value& v) {
            RenamedFile& r = out.urls.back();
            if (k == "url") return ReadString(k, v, r.url);
            if (k == "old_filename") return ReadString(k, v, r.old_filename);
            if (k == "new_filename") return ReadString(k, v, r.new_filename);
            return absl::OkStatus();
          },
          [&] { out.urls.emplace_back(); });
    }
    return absl::OkStatus();
  });
}

absl::Status ParseFolderList(std::string_view body, Envelope& envelope, FolderList& out) {
  return ParseObject(body, envelope, [&](std::string_view key, Value& value) {
    if (key == "folder_id") return ReadInt(key, value, out.folder_id);
    if (key == "name") return ReadString(key, value, out.name);
    if (key == "create_date") return ReadString(key, value, out.create_date);
    if (key == "pass") return ReadInt(key, value, out.pass);
    if (key == "shared") return ReadString(key, value, out.shared);
    if (key == "files") return ReadInt(key, value, out.files);
    if (key == "size") return ReadInt(key, value, out.size);
    if (key == "items") return ReadFileItems(key, value, out.items);
    if (key == "sub_folders") {
      return ForEachObject(
          key, value,
          [&](std::string_view k, Value& v) {
            SubFolder& f = out.sub_folders.back();
            if (k == "id") return ReadInt(k, v, f.id);
            if (k == "name") return ReadString(k, v, f.name);
            if (k == "create_date") return ReadString(k, v, f.create_date);
            if (k == "pass") return ReadInt(k, v, f.pass);
            return absl::OkStatus();
          },
          [&] { out.sub_folders.emplace_back(); });
    }
    return absl::OkStatus();
  });
}

absl::Status ParseMkdir(std::string_view body, Envelope& envelope, MkdirResult& out) {
  return ParseObject(body, envelope, [&](std::string_view key, Value& value) {
    if (key == "folder_id") return ReadInt(key, value, out.folder_id);
    if (key == "name") return ReadString(key, value, out.name);
    return absl::OkStatus();
  });
}

absl::Status ParseFolderRemove(std::string_view body, Envelope& envelope,
                               FolderRemoveResult& out) {
  absl::Status s = ParseObject(body, envelope, &Ignore);
  out.message = envelope.message;
  return s;
}

absl::Status ParseFolderMove(std::string_view body, Envelope& envelope, FolderMoveResult& out) {
  absl::Status s = ParseObject(body, envelope, [&](std::string_view key, Value& value) {
    if (key == "old_name") return ReadString(key, value, out.old_name);
    if (key == "new_name") return ReadString(key, value, out.new_name);
    return absl::OkStatus();
  });
  out.message = envelope.message;
  return s;
}

absl::Status ParseUserInfo(std::string_view body, Envelope& envelope, UserInfo& out) {
  return ParseObject(body, envelope, [&](std::string_view key, Value& value) {
    if (key == "email") return ReadString(key, value, out.email);
    if (key == "offer") return ReadInt(key, value, out.offer);
    if (key == "subscription_end") return ReadString(key, value, out.subscription_end);
    if (key == "hot_storage") return ReadInt(key, value, out.hot_storage);
    if (key == "cold_storage") return ReadInt(key, value, out.cold_storage);
    if (key == "allowed_cold_storage") return ReadInt(key, value, out.allowed_cold_storage);
    if (key == "available_cold_storage") return ReadInt(key, value, out.available_cold_storage);
    if (key == "available_storage") return ReadInt(key, value, out.available_storage);
    if (key == "overquota") return ReadInt(key, value, out.overquota);
    if (key == "upload_forbidden") return ReadInt(key, value, out.upload_forbidden);
    if (key == "cdn") return ReadString(key, value, out.cdn);
    return absl::OkStatus();
  });
}

namespace {
absl::Status RemoteJobField(RemoteUploadJob& job, std::string_view key, Value& value) {
  if (key == "id") return ReadInt(key, value, job.id);
  if (key == "request_date") return ReadString(key, value, job.request_date);
  if (key == "execution_date") return ReadString(key, value, job.execution_date);
  return absl::OkStatus();
}
}  // namespace

absl::Status ParseRemoteUploadJob(std::string_view body, Envelope& envelope,
                                  RemoteUploadJob& out) {
  return ParseObject(body, envelope, [&](std::string_view key, Value& value) {
    if (key == "date") return ReadString(key, value, out.request_date);
    return RemoteJobField(out, key, value);
  });
}

absl::Status ParseRemoteUploadJobs(std::string_view body, Envelope& envelope,
                                   std::vector<RemoteUploadJob>& out) {
  return ParseObject(body, envelope, [&](std::string_view key, Value& value) {
    if (key == "data") {
      return ForEachObject(
          key, value,
          [&](std::string_view k, Value& v) { return RemoteJobField(out.back(), k, v); },
          [&] { out.emplace_back(); });
    }
    return absl::OkStatus();
  });
}

absl::Status ParseRemoteUploadInfo(std::string_view body, Envelope& envelope,
                                   RemoteUploadInfo& out) {
  return ParseObject(body, envelope, [&](std::string_view key, Value& value) {
    if (key == "id") return ReadInt(key, value, out.id);
    if (key == "request_date") return ReadString(key, value, out.request_date);
    if (key == "execution_date") return ReadString(key, value, out.execution_date);
    if (key == "links") return ReadStrings(key, value, out.links);
    if (key == "result") {
      return ForEachObject(
          key, value,
          [&](std::string_view k, Value& v) {
            RemoteUploadResult& r = out.result.back();
            if (k == "status") return ReadString(k, v, r.status);
            if (k == "url") return ReadString(k, v, r.url);
            if (k == "download_link") return ReadString(k, v, r.download_link);
            if (k == "message") return ReadString(k, v, r.message);
            return absl::OkStatus();
          },
          [&] { out.result.emplace_back(); });
    }
    return absl::OkStatus();
  });
}

absl::Status ParseSharedFolder(std::string_view body, std::vector<SharedFile>& out) {
  simdjson::padded_string padded(body);
  simdjson::ondemand::document doc;
  if (auto e = Parser().iterate(padded).get(doc)) return JsonError("document", e);
  simdjson::ondemand::array array;
  if (auto e = doc.get_array().get(array)) return JsonError("top level is not an array", e);
  for (auto element : array) {
    simdjson::ondemand::object object;
    if (auto e = element.get_object().get(object)) return JsonError("shared file", e);
    SharedFile& file = out.emplace_back();
    absl::Status s = ForEachField(object, [&](std::string_view key, Value& value) {
      if (key == "filename") return ReadString(key, value, file.filename);
      if (key == "link") return ReadString(key, value, file.link);
      if (key == "size") return ReadInt(key, value, file.size);
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace backend::fichier
