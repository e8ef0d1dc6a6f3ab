// A config file rclone 1.60 encrypted (its wizard's `s) Set configuration password`, password
// "pw1"); the clear text is kRcloneEncryptedPlain. Shared by the format and the binary tests.
#ifndef FICHIER_TESTS_CONFIG_RCLONE_ENCRYPTED_VECTOR_H_
#define FICHIER_TESTS_CONFIG_RCLONE_ENCRYPTED_VECTOR_H_

namespace vfs::testing {

inline constexpr char kRcloneEncryptedPassword[] = "pw1";
inline constexpr char kRcloneEncrypted[] =
    "# Encrypted rclone configuration File\n\nRCLONE_ENCRYPT_V0:\n"
    "1vLpuCb3YmksZRlyHAXRSpIqJVjPN4vr8vT/ko//LPnry0fA8kYIllE2+TejEuX4olsywScDMPk6IhdctCAgPtA1xvTtU"
    "+v7bw3Q4gWqw9gbLgPJW7zF";
inline constexpr char kRcloneEncryptedPlain[] =
    "[remote]\ntype = fichier\napi_key = example_key\n\n";

}  // namespace vfs::testing

#endif  // FICHIER_TESTS_CONFIG_RCLONE_ENCRYPTED_VECTOR_H_
