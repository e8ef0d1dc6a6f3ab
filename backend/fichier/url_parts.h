// Pieces of URLs the service hands us (upload node names, the end.pl Location) or that we build
// from user input (shared folder ids, form bodies). Separate from RestApi so they can be fuzzed.
#ifndef FICHIER_BACKEND_FICHIER_URL_PARTS_H_
#define FICHIER_BACKEND_FICHIER_URL_PARTS_H_

#include <string>
#include <string_view>

namespace backend::fichier {

// Non-empty and only ASCII letters and digits (upload ids, shared folder ids).
bool IsAlnum(std::string_view s);
// A node name goes straight into a URL: host[:port] characters only, at most 255.
bool IsHostPort(std::string_view s);
// application/x-www-form-urlencoded value (RFC 3986 unreserved characters kept).
std::string UrlEncode(std::string_view s);
// The value of `name` in the query of a URL or path ("/end.pl?xid=abc"); "" when absent.
std::string QueryParam(std::string_view url, std::string_view name);

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_URL_PARTS_H_
