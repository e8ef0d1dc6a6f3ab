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

// A row with the encoder its mask names.
struct MaskedRow {
  VectorRow row;
  MultiEncoder enc;
};

// The rows rclone was seen encoding (`encode`) or decoding (`!encode`), each with its encoder.
std::vector<MaskedRow> RowsObserved(bool encode) {
  std::vector<MaskedRow> out;
  for (VectorRow& row : Rows()) {
    if (row.encode != encode) continue;
    MultiEncoder enc = MaskOf(row);
    out.push_back({std::move(row), std::move(enc)});
  }
  return out;
}

// Whether rclone was seen on this row through its bare encoder (api "raw" or "both"), and through
// the standard layer (api "std" or "both").
bool ForBare(const VectorRow& row) { return row.api != "std"; }
bool ForStandard(const VectorRow& row) { return row.api != "raw"; }

// Compares two byte strings as hex, so that a failure shows every byte.
#define EXPECT_SAME_BYTES(actual, expected) \
  EXPECT_EQ(base::HexLower(actual), base::HexLower(expected))

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
  for (const auto& [row, enc] : RowsObserved(/*encode=*/true)) {
    SCOPED_TRACE(Where(row));
    if (ForBare(row)) {
      EXPECT_SAME_BYTES(enc.EncodeBare(row.input), row.output);
      std::string scratch = "leftover";
      EXPECT_SAME_BYTES(enc.EncodeBare(row.input, &scratch), row.output);
    }
    if (ForStandard(row)) {
      EXPECT_SAME_BYTES(enc.Encode(row.input), row.output);
      std::string scratch;
      EXPECT_SAME_BYTES(enc.Encode(row.input, &scratch), row.output);
      EXPECT_SAME_BYTES(enc.EncodePath(row.input), row.output);
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
  for (const auto& [row, enc] : RowsObserved(/*encode=*/true)) {
    SCOPED_TRACE(Where(row));
    if (ForBare(row)) {
      EXPECT_SAME_BYTES(enc.DecodeBare(row.output), row.input);
      ++bare;
    }
    if (ForStandard(row) && IsCanonicalStandard(row.input)) {
      EXPECT_SAME_BYTES(enc.Decode(row.output), row.input);
      ++standard;
    }
  }
  EXPECT_GE(bare, 100);
  EXPECT_GE(standard, 80);
}

TEST(EncoderVectors, DecodeRowsMatchRcloneExceptTheDocumentedDefect) {
  int checked = 0;
  int defects = 0;
  for (const auto& [row, enc] : RowsObserved(/*encode=*/false)) {
    SCOPED_TRACE(Where(row));
    const bool defect = IsRcloneDecodeDefect(enc, row.input);
    defects += defect;
    // rclone's own algorithm is reproduced exactly, defect included.
    if (ForBare(row)) {
      EXPECT_SAME_BYTES(enc.DecodeBareRclone(row.input), row.output);
    }
    if (ForStandard(row)) {
      EXPECT_SAME_BYTES(enc.DecodeRclone(row.input), row.output);
    }
    if (defect) continue;
    if (ForBare(row)) {
      EXPECT_SAME_BYTES(enc.DecodeBare(row.input), row.output);
      std::string scratch = "leftover";
      EXPECT_SAME_BYTES(enc.DecodeBare(row.input, &scratch), row.output);
    }
    if (ForStandard(row)) {
      EXPECT_SAME_BYTES(enc.Decode(row.input), row.output);
      EXPECT_SAME_BYTES(enc.DecodePath(row.input), row.output);
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
  for (const auto& [row, enc] : RowsObserved(/*encode=*/false)) {
    if (!IsRcloneDecodeDefect(enc, row.input)) continue;
    SCOPED_TRACE(Where(row));
    ++seen;
    if (row.api == "raw") {
      const std::string ours = enc.DecodeBare(row.input);
      EXPECT_NE(ours, row.output);
      EXPECT_SAME_BYTES(enc.EncodeBare(ours), row.input);
      EXPECT_EQ(ours, "x‛" + std::string(enc.Has(kRightSpace) ? " " : "."));
    } else {
      const std::string ours = enc.Decode(row.input);
      EXPECT_NE(ours, row.output);
      EXPECT_SAME_BYTES(enc.Encode(ours), row.input);
      EXPECT_EQ(ours, "x‛‛" + std::string(enc.Has(kRightSpace) ? " " : "."));
    }
  }
  EXPECT_EQ(seen, 4);
}

TEST(EncoderVectors, DecodeRowsReverse) {
  // For names rclone could have written (canonical wire names), encoding our decode gives the
  // wire name back.
  int checked = 0;
  for (const auto& [row, enc] : RowsObserved(/*encode=*/false)) {
    SCOPED_TRACE(Where(row));
    if (IsRcloneDecodeDefect(enc, row.input)) continue;  // covered above
    const std::string real = enc.DecodeBare(row.input);
    if (enc.EncodeBare(real) != row.input) continue;  // non-canonical server name (§1.8)
    if (ForBare(row)) {
      EXPECT_SAME_BYTES(enc.EncodeBare(row.output), row.input);
    }
    if (ForStandard(row)) {
      EXPECT_SAME_BYTES(enc.Encode(enc.Decode(row.input)), row.input);
    }
    ++checked;
  }
  EXPECT_GE(checked, 60);
}

}  // namespace
}  // namespace encoding
