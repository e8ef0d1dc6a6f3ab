// serve http --htpasswd FILE: basic-auth users from an Apache htpasswd file, with the hash kinds
// rclone 1.60 accepts (checked against it): bcrypt ($2a$, $2b$, $2y$), MD5-crypt ($1$), Apache's
// MD5 ($apr1$) and {SHA}. Plain-text, DES-crypt and SHA-crypt entries never match, as in rclone.
#ifndef FICHIER_SERVE_HTPASSWD_H_
#define FICHIER_SERVE_HTPASSWD_H_

#include <map>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace serve {

class Htpasswd {
 public:
  // "user:hash" lines; blank lines and lines starting with '#' are skipped. A line without ':'
  // is an error naming the file and line.
  static absl::StatusOr<Htpasswd> Load(const std::string& path);
  static absl::StatusOr<Htpasswd> Parse(std::string_view text, std::string_view name);

  // Whether `user` is in the file and `password` matches its hash.
  bool Check(std::string_view user, std::string_view password) const;

 private:
  std::map<std::string, std::string, std::less<>> hashes_;
};

// Apache's "$apr1$" and the "$1$" MD5-crypt of `password` with `salt` (at most 8 characters),
// e.g. Md5Crypt("pw", "abcdefgh", "$apr1$") = "$apr1$abcdefgh$5VEbMkemELfbhC5ck.U.z1".
std::string Md5Crypt(std::string_view password, std::string_view salt, std::string_view magic);

}  // namespace serve

#endif  // FICHIER_SERVE_HTPASSWD_H_
