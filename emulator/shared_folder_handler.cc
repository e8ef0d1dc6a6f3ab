// The public shared-folder page (spec §13): GET /dir/<id>?json=1, or POST /dir/<id> with the
// form json=1&pass=... for a password-protected share. JSON only on success; errors are HTML.
#include "absl/strings/str_cat.h"
#include "emulator/api_error.h"
#include "base/json_writer.h"
#include "emulator/server_internal.h"

namespace emulator {

void HandleSharedFolder(Server::Impl& s, const httplib::Request& req, httplib::Response& res,
                        absl::string_view share_id, absl::string_view form_body) {
  s.stats.Count("/dir");
  auto fault = s.faults.Next("/dir");
  if (fault && ApplyCommonFault(s, req, res, *fault, false)) return;

  httplib::Params form;
  if (req.method == "POST" && !form_body.empty()) {
    httplib::detail::parse_query_text(std::string(form_body), form);
  }
  auto value = [&](const std::string& key) -> std::optional<std::string> {
    if (auto it = form.find(key); it != form.end()) return it->second;
    if (req.has_param(key)) return req.get_param_value(key);
    return std::nullopt;
  };
  if (!share_id.empty() && share_id.back() == '/') share_id.remove_suffix(1);
  const bool json = value("json").value_or("") == "1";

  auto listing = s.store.PublicListing(share_id, value("pass"));
  if (!listing.ok()) {
    NoteForLog(listing.status().message());
    if (listing.status().code() == absl::StatusCode::kNotFound) {
      SetHtml(res, 404, "Folder not found", "This folder does not exist.");
    } else {
      SetHtml(res, 403, "Password required",
              "This folder is protected by a password. Please enter it.");
    }
    return;
  }
  if (json) {
    base::JsonWriter w;
    w.BeginArray();
    for (const FileView& f : *listing) {
      w.BeginObject()
          .Field("filename", f.name)
          .Field("link", f.url)
          .Field("size", f.size)
          .EndObject();
    }
    w.EndArray();
    res.status = 200;
    res.set_content(w.Take(), "application/json");
    return;
  }
  std::string body = "<!DOCTYPE html>\n<html><head><title>Shared folder</title></head><body><table>";
  for (const FileView& f : *listing) {
    absl::StrAppend(&body, "<tr><td><a href=\"", f.url, "\">", HtmlEscape(f.name), "</a></td><td>",
                    f.size, "</td></tr>");
  }
  body += "</table></body></html>\n";
  res.status = 200;
  res.set_content(body, "text/html; charset=utf-8");
}

}  // namespace emulator
