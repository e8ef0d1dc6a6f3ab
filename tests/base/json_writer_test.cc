// The one JSON writer: escaping in both dialects, the invalid UTF-8 policy (written as \ufffd,
// refused by TakeIfValid), nesting and the indented layout.
#include "base/json_writer.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>

namespace base {
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
  EXPECT_EQ(JsonQuote("a\"b\\c\nd\te\x01\x1f\x7f/\b\f\r"),
            "\"a\\\"b\\\\c\\nd\\te\\u0001\\u001f\\u007f/\\u0008\\u000c\\r\"");
  EXPECT_EQ(JsonQuote("<&>\xE2\x80\xA8"), "\"<&>\xE2\x80\xA8\"") << "plain: HTML and U+2028 as is";
}

TEST(JsonWriterTest, GoDialectIsRclonesLsjson) {
  EXPECT_EQ(JsonQuote("a<b>&\"\\\n", JsonDialect::kGo), "\"a\\u003cb\\u003e\\u0026\\\"\\\\\\n\"");
  EXPECT_EQ(JsonQuote("bad\xff", JsonDialect::kGo), "\"bad\\ufffd\"");
  EXPECT_EQ(JsonQuote("h\xc3\xa9", JsonDialect::kGo), "\"h\xc3\xa9\"");
  EXPECT_EQ(JsonQuote("\x7f\xE2\x80\xA8\xE2\x80\xA9", JsonDialect::kGo),
            "\"\x7f\\u2028\\u2029\"");
}

TEST(JsonWriterTest, InvalidBytesAreEachOneReplacement) {
  // Go's rule: an overlong form, a surrogate and a cut sequence are one error per byte.
  EXPECT_EQ(JsonQuote("\xC0\xAF|\xED\xA0\x80|\xE2\x82"),
            "\"\\ufffd\\ufffd|\\ufffd\\ufffd\\ufffd|\\ufffd\\ufffd\"");
  EXPECT_EQ(JsonQuote("\xF0\x9F\x98\x80"), "\"\xF0\x9F\x98\x80\"");
}

TEST(JsonWriterTest, NamesSurviveARoundTrip) {
  const std::string names[] = {
      "plain.txt", "quote\"s", "back\\slash", "ctl\x01\x02\x1b", "tab\tnew\nline",
      "ünïcödé 日本語", "\xEF\xBC\x82" "fullwidth\xEF\xBC\x9C", "emoji \xF0\x9F\x98\x80",
      "$dollar 'single' `back`", " lead and trail ", ""};
  for (const std::string& name : names) {
    JsonWriter writer;
    writer.BeginObject().Field("name", name).Field("folder_id", 42).EndObject();
    absl::StatusOr<std::string> json = std::move(writer).TakeIfValid();
    ASSERT_TRUE(json.ok()) << json.status();
    EXPECT_EQ(RoundTrip(*json), name);
  }
}

TEST(JsonWriterTest, BuildsObjectsArraysAndNesting) {
  JsonWriter w;
  w.BeginObject()
      .Field("a\"b", "x\\y\n\x01")
      .Key("urls").BeginArray();
  for (int i = 0; i < 2; ++i) {
    w.BeginObject().Field("url", "https://1fichier.com/?abc").Field("filename", "x\"y").EndObject();
  }
  w.EndArray()
      .Field("list", std::vector<std::string>{"a", "b"})
      .Field("n", int64_t{-5})
      .Field("big", int64_t{5304527242})
      .Key("arr").BeginArray().Int(1).String("é").Null().Raw("{}").EndArray()
      .EndObject();
  EXPECT_EQ(w.str(),
            R"({"a\"b":"x\\y\n\u0001","urls":[{"url":"https://1fichier.com/?abc","filename":"x\"y"},)"
            R"({"url":"https://1fichier.com/?abc","filename":"x\"y"}],"list":["a","b"],)"
            R"("n":-5,"big":5304527242,"arr":[1,"é",null,{}]})");
}

TEST(JsonWriterTest, RepairsInvalidUtf8ButTakeIfValidRefusesIt) {
  JsonWriter w;
  w.BeginObject().Field("ok", "fine").Field("name", std::string("ok\xff\xc3", 4)).EndObject();
  EXPECT_EQ(w.str(), R"({"ok":"fine","name":"ok\ufffd\ufffd"})");
  absl::StatusOr<std::string> json = std::move(w).TakeIfValid();
  EXPECT_EQ(json.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(json.status().message().find("\"name\""), absl::string_view::npos)
      << json.status();

  JsonWriter array;
  array.BeginObject().Field("urls", std::vector<std::string>{"ok", "\xc3"}).EndObject();
  EXPECT_FALSE(std::move(array).TakeIfValid().ok());
}

TEST(JsonWriterTest, PrettyIsIndented) {
  JsonWriter w(true);
  w.BeginObject().Field("a", 1).Key("b").BeginArray().EndArray().Key("c").BeginArray().Int(2)
      .EndArray().EndObject();
  EXPECT_EQ(w.str(), "{\n  \"a\": 1,\n  \"b\": [],\n  \"c\": [\n    2\n  ]\n}");
}

}  // namespace
}  // namespace base
