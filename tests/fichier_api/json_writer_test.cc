#include "backend/fichier/json_writer.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>

namespace backend::fichier {
namespace {

// Parses `json` as {"name": <string>} and returns the string, to prove round trips.
std::string RoundTrip(const std::string& json) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(json);
  auto doc = parser.iterate(padded);
  std::string_view value;
  EXPECT_EQ(doc["name"].get_string().get(value), simdjson::SUCCESS) << json;
  return std::string(value);
}

TEST(JsonWriterTest, EscapesWhatJsonRequires) {
  std::string out;
  AppendJsonString(out, "a\"b\\c\nd\te\x01\x1f\x7f/");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\te\\u0001\\u001f\\u007f/\"");
}

TEST(JsonWriterTest, NamesSurviveARoundTrip) {
  const std::string names[] = {
      "plain.txt", "quote\"s", "back\\slash", "ctl\x01\x02\x1b", "tab\tnew\nline",
      "ünïcödé 日本語", "\xEF\xBC\x82" "fullwidth\xEF\xBC\x9C", "emoji \xF0\x9F\x98\x80",
      "$dollar 'single' `back`", " lead and trail ", ""};
  for (const std::string& name : names) {
    JsonWriter writer;
    writer.String("name", name).Int("folder_id", 42);
    absl::StatusOr<std::string> json = std::move(writer).Finish();
    ASSERT_TRUE(json.ok()) << json.status();
    EXPECT_EQ(RoundTrip(*json), name);
  }
}

TEST(JsonWriterTest, BuildsObjectsArraysAndNesting) {
  JsonWriter item;
  item.String("url", "https://1fichier.com/?abc").String("filename", "x\"y");
  std::string object = *std::move(item).Finish();
  JsonWriter body;
  body.Raw("urls", JsonArrayOf({object, object}))
      .StringArray("list", {"a", "b"})
      .Int("n", -5)
      .Int("big", int64_t{5304527242});
  EXPECT_EQ(*std::move(body).Finish(),
            R"({"urls":[{"url":"https://1fichier.com/?abc","filename":"x\"y"},)"
            R"({"url":"https://1fichier.com/?abc","filename":"x\"y"}],"list":["a","b"],)"
            R"("n":-5,"big":5304527242})");
}

TEST(JsonWriterTest, RefusesInvalidUtf8) {
  JsonWriter writer;
  writer.String("name", "bad\xff\xfe");
  absl::StatusOr<std::string> json = std::move(writer).Finish();
  EXPECT_EQ(json.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(json.status().message().find("name"), absl::string_view::npos);
  JsonWriter array;
  array.StringArray("urls", {"ok", "\xc3"});
  EXPECT_FALSE(std::move(array).Finish().ok());
}

}  // namespace
}  // namespace backend::fichier
