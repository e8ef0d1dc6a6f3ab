// serve http --htpasswd (serve/htpasswd.h). The MD5 hashes are `openssl passwd -apr1` and
// `openssl passwd -1` outputs; the bcrypt ones Python's crypt.crypt. Which kinds are accepted
// is rclone 1.60's answer to the same file (200 for $apr1$, {SHA}, $2b$, $2y$ and $1$; 401
// for plain text, DES-crypt and $5$ SHA-crypt).
#include "serve/htpasswd.h"

#include <gtest/gtest.h>

namespace serve {
namespace {

constexpr char kFile[] =
    "# users\n"
    "plain:pw\n"
    "apr:$apr1$abcdefgh$5VEbMkemELfbhC5ck.U.z1\n"
    "sha:{SHA}GpHWL3ymc5liWkNopqtdSjuqYHM=\n"
    "bc:$2b$12$OiCH5/Gl/0Gybadq.PRuQ.fBJptnTo3ESfaub5l1h3ID.uACI60y.\n"
    "md5:$1$abcdefgh$IQtUouv7y7Q9dRWkQEPCc.\n"
    "\n"
    "y2:$2y$12$le4E0rXyVOc/L8rBaswqzeol7ZuXHkrrHdpoHc7Zw0CYOcjQxbHOK\n"
    "cr:abzlUXK5ed5rs\n"
    "s256:$5$JZ8cY.7vwwjYAC3B$X4.euUVvpY4.Nq0Wu7hfDwrAD/AyyKXAKoz/9iJN5U9\r\n";

TEST(HtpasswdTest, Md5CryptIsOpensslsAprAndMd5) {
  EXPECT_EQ(Md5Crypt("pw", "abcdefgh", "$apr1$"), "$apr1$abcdefgh$5VEbMkemELfbhC5ck.U.z1");
  EXPECT_EQ(Md5Crypt("pw", "abcdefgh", "$1$"), "$1$abcdefgh$IQtUouv7y7Q9dRWkQEPCc.");
  EXPECT_EQ(Md5Crypt("a much longer password, over 16 bytes", "x.Y/z9", "$apr1$"),
            "$apr1$x.Y/z9$R9BJ9XYKIoFc4OJHTGeaE.");
  EXPECT_EQ(Md5Crypt("a much longer password, over 16 bytes", "Q", "$1$"),
            "$1$Q$Wx3Bel9PT4.IQpDSaXTuz/");
  EXPECT_EQ(Md5Crypt("", "abcdefgh", "$apr1$"), "$apr1$abcdefgh$L.PT565ESX4Tp2bqNs7Ie.");
}

TEST(HtpasswdTest, TheKindsRcloneAcceptsMatchAndNoOther) {
  absl::StatusOr<Htpasswd> users = Htpasswd::Parse(kFile, "test");
  ASSERT_TRUE(users.ok()) << users.status();
  for (const char* user : {"apr", "sha", "bc", "md5", "y2"}) {
    EXPECT_TRUE(users->Check(user, "pw")) << user;
    EXPECT_FALSE(users->Check(user, "wrong")) << user;
    EXPECT_FALSE(users->Check(user, "")) << user;
  }
  for (const char* user : {"plain", "cr", "s256", "nobody", "", "# users"}) {
    EXPECT_FALSE(users->Check(user, "pw")) << user;
  }
}

TEST(HtpasswdTest, ALineWithoutAUserIsAnErrorNamingIt) {
  absl::StatusOr<Htpasswd> users = Htpasswd::Parse("ok:{SHA}x\nno colon here\n", "/etc/pw");
  ASSERT_FALSE(users.ok());
  EXPECT_EQ(users.status().message(), "htpasswd file /etc/pw line 2: want user:hash");
  EXPECT_FALSE(Htpasswd::Parse(":hash\n", "f").ok());
  EXPECT_FALSE(Htpasswd::Load("/nonexistent/htpasswd").ok());
}

}  // namespace
}  // namespace serve
