// Every row of tests/data/encoder-vectors.tsv (rclone v1.60.1 observations and rclone's own unit
// test data), in the direction it was observed and in the reverse one.
#include <map>
#include <string>

#include "encoding/multi_encoder.h"
#include "gtest/gtest.h"
#include "tests/encoding/rclone_quirks.h"
#include "tests/encoding/test_util.h"

namespace encoding {
namespace {

using testing::LoadVectors;
using testing::VectorRow;

std::vector<VectorRow> Rows() {
  std::string error;
  std::vector<VectorRow> rows = LoadVectors(FICHIER_ENCODER_VECTORS, &error);
  EXPECT_EQ(error, "");
  return rows;
}

MultiEncoder MaskOf(const VectorRow& row) {
  absl::StatusOr<MultiEncoder> enc = MultiEncoder::Parse(row.mask);
  EXPECT_TRUE(enc.ok()) << "line " << row.line << ": " << enc.status();
  return enc.ok() ? *enc : MultiEncoder();
}

std::string Where(const VectorRow& row) {
  return "line " + std::to_string(row.line) + " [" + row.mask + "] " + row.note;
}

bool IsRcloneDecodeDefect(const MultiEncoder& enc, std::string_view wire) {
  return testing::IsRcloneDecodeDefect(enc.mask(), wire);
}

// A standard name rclone itself could produce (Standard.Encode of some real name).
bool IsCanonicalStandard(std::string_view name) {
  return kStandard.EncodeBare(kStandard.DecodeBare(name)) == name;
}

TEST(EncoderVectors, FileHasTheDocumentedShape) {
  const std::vector<VectorRow> rows = Rows();
  std::map<std::string, int> by_api;
  int encode_rows = 0;
  for (const VectorRow& row : rows) {
    ++by_api[row.api];
    encode_rows += row.encode;
  }
  EXPECT_EQ(rows.size(), 237u);
  EXPECT_EQ(by_api["both"], 129);
  EXPECT_EQ(by_api["std"], 35);
  EXPECT_EQ(by_api["raw"], 73);
  EXPECT_EQ(encode_rows, 137);
}

TEST(EncoderVectors, EncodeRowsMatchRclone) {
  int checked = 0;
  for (const VectorRow& row : Rows()) {
    if (!row.encode) continue;
    const MultiEncoder enc = MaskOf(row);
    SCOPED_TRACE(Where(row));
    if (row.api != "std") {
      EXPECT_EQ(base::HexLower(enc.EncodeBare(row.input)), base::HexLower(row.output));
      std::string scratch = "leftover";
      EXPECT_EQ(base::HexLower(enc.EncodeBare(row.input, &scratch)), base::HexLower(row.output));
    }
    if (row.api != "raw") {
      EXPECT_EQ(base::HexLower(enc.Encode(row.input)), base::HexLower(row.output));
      std::string scratch;
      EXPECT_EQ(base::HexLower(enc.Encode(row.input, &scratch)), base::HexLower(row.output));
      EXPECT_EQ(base::HexLower(enc.EncodePath(row.input)), base::HexLower(row.output));
    }
    ++checked;
  }
  EXPECT_EQ(checked, 137);
}

TEST(EncoderVectors, EncodeRowsReverse) {
  // Our decode inverts our encode on every real name; through the standard layer it does so on
  // every name rclone could have handed us (a canonical standard name).
  int bare = 0;
  int standard = 0;
  for (const VectorRow& row : Rows()) {
    if (!row.encode) continue;
    const MultiEncoder enc = MaskOf(row);
    SCOPED_TRACE(Where(row));
    if (row.api != "std") {
      EXPECT_EQ(base::HexLower(enc.DecodeBare(row.output)), base::HexLower(row.input));
      ++bare;
    }
    if (row.api != "raw" && IsCanonicalStandard(row.input)) {
      EXPECT_EQ(base::HexLower(enc.Decode(row.output)), base::HexLower(row.input));
      ++standard;
    }
  }
  EXPECT_GE(bare, 100);
  EXPECT_GE(standard, 80);
}

TEST(EncoderVectors, DecodeRowsMatchRcloneExceptTheDocumentedDefect) {
  int checked = 0;
  int defects = 0;
  for (const VectorRow& row : Rows()) {
    if (row.encode) continue;
    const MultiEncoder enc = MaskOf(row);
    SCOPED_TRACE(Where(row));
    const bool defect = IsRcloneDecodeDefect(enc, row.input);
    defects += defect;
    // rclone's own algorithm is reproduced exactly, defect included.
    if (row.api != "std") {
      EXPECT_EQ(base::HexLower(enc.DecodeBareRclone(row.input)), base::HexLower(row.output));
    }
    if (row.api != "raw") {
      EXPECT_EQ(base::HexLower(enc.DecodeRclone(row.input)), base::HexLower(row.output));
    }
    if (defect) continue;
    if (row.api != "std") {
      EXPECT_EQ(base::HexLower(enc.DecodeBare(row.input)), base::HexLower(row.output));
      std::string scratch = "leftover";
      EXPECT_EQ(base::HexLower(enc.DecodeBare(row.input, &scratch)), base::HexLower(row.output));
    }
    if (row.api != "raw") {
      EXPECT_EQ(base::HexLower(enc.Decode(row.input)), base::HexLower(row.output));
      EXPECT_EQ(base::HexLower(enc.DecodePath(row.input)), base::HexLower(row.output));
    }
    ++checked;
  }
  EXPECT_EQ(checked + defects, 100);
  // Rows 196/197 (fichier mask, "x‛‛␠") and 199/200 (RightPeriod, "x‛‛．"), std and bare each.
  EXPECT_EQ(defects, 4);
}

TEST(EncoderVectors, DefectRowsDecodeToTheTrueInverse) {
  // Where rclone decodes "x‛‛␠" to "x‛␠", we decode it to "x‛ ", the name whose encoding it is.
  int seen = 0;
  for (const VectorRow& row : Rows()) {
    if (row.encode) continue;
    const MultiEncoder enc = MaskOf(row);
    if (!IsRcloneDecodeDefect(enc, row.input)) continue;
    SCOPED_TRACE(Where(row));
    ++seen;
    if (row.api == "raw") {
      const std::string ours = enc.DecodeBare(row.input);
      EXPECT_NE(ours, row.output);
      EXPECT_EQ(base::HexLower(enc.EncodeBare(ours)), base::HexLower(row.input));
      EXPECT_EQ(ours, "x‛" + std::string(enc.Has(kRightSpace) ? " " : "."));
    } else {
      const std::string ours = enc.Decode(row.input);
      EXPECT_NE(ours, row.output);
      EXPECT_EQ(base::HexLower(enc.Encode(ours)), base::HexLower(row.input));
      EXPECT_EQ(ours, "x‛‛" + std::string(enc.Has(kRightSpace) ? " " : "."));
    }
  }
  EXPECT_EQ(seen, 4);
}

TEST(EncoderVectors, DecodeRowsReverse) {
  // For names rclone could have written (canonical wire names), encoding our decode gives the
  // wire name back.
  int checked = 0;
  for (const VectorRow& row : Rows()) {
    if (row.encode) continue;
    const MultiEncoder enc = MaskOf(row);
    SCOPED_TRACE(Where(row));
    if (IsRcloneDecodeDefect(enc, row.input)) continue;  // covered above
    const std::string real = enc.DecodeBare(row.input);
    if (enc.EncodeBare(real) != row.input) continue;  // non-canonical server name (§1.8)
    if (row.api != "std") {
      EXPECT_EQ(base::HexLower(enc.EncodeBare(row.output)), base::HexLower(row.input));
    }
    if (row.api != "raw") {
      EXPECT_EQ(base::HexLower(enc.Encode(enc.Decode(row.input))), base::HexLower(row.input));
    }
    ++checked;
  }
  EXPECT_GE(checked, 60);
}

}  // namespace
}  // namespace encoding
