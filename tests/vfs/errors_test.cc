#include "vfs/errors.h"

#include "gtest/gtest.h"

namespace vfs {
namespace {

TEST(ErrorsTest, MessagesAreRclonesPrefixedWithThePath) {
  absl::Status s = ObjectNotFound("dir/file.txt");
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "dir/file.txt: object not found");
  EXPECT_EQ(RcloneMessage(s), "object not found");
  EXPECT_EQ(DirNotFound().message(), "directory not found");
  EXPECT_EQ(RcloneMessage(DirNotEmpty("d")), "directory not empty");
  EXPECT_EQ(RcloneMessage(CantMove()), "can't move object - incompatible remotes");
  EXPECT_EQ(RcloneMessage(DirExists()), "can't copy directory - destination already exists");
  EXPECT_EQ(RcloneMessage(CantUploadEmptyFiles()), "can't upload empty files to this remote");
  EXPECT_EQ(RcloneMessage(IsFileError()), "is a file not a directory");
}

TEST(ErrorsTest, KindsSharingACodeAreToldApart) {
  absl::Status object = ObjectNotFound("x");
  absl::Status dir = DirNotFound("x");
  EXPECT_EQ(object.code(), dir.code());
  EXPECT_TRUE(IsObjectNotFound(object));
  EXPECT_FALSE(IsDirNotFound(object));
  EXPECT_TRUE(IsDirNotFound(dir));
  EXPECT_FALSE(IsObjectNotFound(dir));
  EXPECT_TRUE(absl::IsNotFound(dir));
  // A plain absl error of the same code has no kind.
  EXPECT_FALSE(IsObjectNotFound(absl::NotFoundError("object not found")));
  EXPECT_EQ(KindOf(absl::OkStatus()), ErrorKind::kUnknown);
}

TEST(ErrorsTest, ClassesFollowCodes) {
  EXPECT_TRUE(IsRetryable(Retryable("upload", "503")));
  EXPECT_TRUE(IsRetryable(absl::UnavailableError("reset")));
  EXPECT_TRUE(IsRateLimited(RateLimited("ls", "#374")));
  EXPECT_TRUE(IsRetryable(RateLimited("ls")));
  EXPECT_TRUE(IsBadCredentials(BadCredentials()));
  EXPECT_TRUE(absl::IsPermissionDenied(NotPremium()));
  EXPECT_TRUE(IsDataCorruption(DataCorruption("f", "whirlpool differs")));
  EXPECT_TRUE(absl::IsUnimplemented(CantCopy()));
  EXPECT_TRUE(absl::IsUnimplemented(NotImplemented("Purge")));
  EXPECT_FALSE(IsRetryable(ObjectNotFound()));
  EXPECT_EQ(BadInput("x").code(), absl::StatusCode::kInvalidArgument);
}

TEST(ErrorsTest, WithContextKeepsCodeAndKind) {
  absl::Status s = WithContext(DirNotFound("a"), "listing");
  EXPECT_TRUE(IsDirNotFound(s));
  EXPECT_EQ(s.message(), "listing: a: directory not found");
  EXPECT_TRUE(WithContext(absl::OkStatus(), "x").ok());
}

TEST(ErrorsTest, DetailIsAppended) {
  EXPECT_EQ(PermissionDenied("/x/y", "open").message(), "/x/y: permission denied: open");
}

}  // namespace
}  // namespace vfs
