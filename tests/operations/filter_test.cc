// The filter engine: the regexps under it (RE2 with Go's semantics), rclone's glob translation and directory
// globs, rule order, --files-from, sizes and ages, and listings of a tree compared with what
// rclone 1.60.1 printed for the same tree (testdata/filter_cases.txt).
#include "vfs/operations/filter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tests/operations/filter_cases.h"
#include "tests/operations/test_util.h"
#include "vfs/operations/filter_glob.h"
#include "vfs/operations/filter_regexp.h"
#include "vfs/operations/list.h"

namespace optest {
namespace {

namespace ops = vfs::operations;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

bool Re(std::string_view pattern, std::string_view text) {
  absl::StatusOr<ops::Regexp> re = ops::Regexp::Compile(pattern);
  EXPECT_TRUE(re.ok()) << pattern << ": " << re.status();
  return re.ok() && re->Match(text);
}

std::string ReError(std::string_view pattern) {
  absl::StatusOr<ops::Regexp> re = ops::Regexp::Compile(pattern);
  return re.ok() ? "compiled" : std::string(re.status().message());
}

// Checks one regexp as Go's MatchString would: it is found in each text of `found` and in none of
// `not_found`; `why` explains the cases that surprise.
void ExpectRe(std::string_view pattern, std::initializer_list<std::string_view> found,
              std::initializer_list<std::string_view> not_found = {}, std::string_view why = "") {
  for (std::string_view text : found) EXPECT_TRUE(Re(pattern, text)) << text << ": " << why;
  for (std::string_view text : not_found) EXPECT_FALSE(Re(pattern, text)) << text << ": " << why;
}

TEST(FilterRegexpTest, SearchesLikeGoMatchString) {
  ExpectRe("abc", {"xxabcxx"});
  ExpectRe("^abc$", {"abc"}, {"xabc"});
  ExpectRe("(^|/)b\\.txt$", {"a/b.txt", "b.txt"}, {"ab.txt", "b.txt/c"});
  ExpectRe("a|b", {"b"});
  ExpectRe("", {"anything"});
  ExpectRe("^$", {""}, {"x"});
}

TEST(FilterRegexpTest, ClassesAndRepetitions) {
  ExpectRe("^[^/]*\\.jpg$", {"photo.jpg"}, {"dir/photo.jpg"});
  ExpectRe("^.*\\.jpg$", {"dir/photo.jpg"});
  ExpectRe("^[^a]$", {"/"}, {}, "a negated class matches / (Go)");
  ExpectRe("^[a-c]+$", {"abcabc"}, {"abd"});
  ExpectRe("^[[:alpha:]]\\d\\w\\s$", {"x1_ "});
  ExpectRe("^[[:^alpha:]]$", {}, {"x"});
  ExpectRe("^[\\d-]+$", {"12-3"});
  ExpectRe("^[]a]$", {"]"});
  ExpectRe("^a{2,3}$", {"aaa"}, {"aaaa"});
  ExpectRe("^a{2,}$", {"aaaaa"});
  ExpectRe("^(ab)*c?$", {"ababab"});
  ExpectRe("^a+?b??$", {"aa"});
  ExpectRe("^x{0}y$", {"y"});
  ExpectRe("^a{,2}$", {"a{,2}"}, {}, "not a repetition: literal braces, as in Go");
  ExpectRe("^(?:a|bc)(?P<n>d)$", {"bcd"});
  ExpectRe("^\\Qa.b*\\E$", {"a.b*"});
  ExpectRe("^\\x41\\x{263a}\\101$", {"A\u263a" "A"});
  ExpectRe("\\bword\\b", {"a word here"}, {"swordfish"});
}

TEST(FilterRegexpTest, Flags) {
  ExpectRe("(?i)^abc$", {"AbC"});
  ExpectRe("^a(?i:b)c$", {"aBc"}, {"aBC"});
  ExpectRe("(?i)^[a-c]$", {"B"});
  ExpectRe("(?i)^[^a]$", {}, {"A"});
  ExpectRe("^.$", {}, {"\n"}, ". does not match a newline without (?s)");
  ExpectRe("(?s)^.$", {"\n"});
  ExpectRe("(?m)^b$", {"a\nb\nc"});
  ExpectRe("^b$", {}, {"a\nb\nc"});
}

TEST(FilterRegexpTest, MatchesRunesNotBytes) {
  ExpectRe("^[^/]\\.txt$", {"\xC3\xA9.txt"});  // é is one rune
  ExpectRe("(?i)^\xC3\xA9$", {"\xC3\x89"});    // é / É
  ExpectRe("^.$", {"\xFF"}, {}, "an invalid byte is one U+FFFD rune");
  ExpectRe("^\xEF\xBF\xBD$", {"\xFF"});
  ExpectRe("^\\pL+\\PL$", {"\xC3\xA9t\xC3\xA9!"}, {}, "Unicode classes, as in Go");
}

// Literal suffixes and runs, with invalid bytes, folding and top-level alternation around them.
TEST(FilterRegexpTest, LiteralsKeepGosAnswers) {
  ExpectRe("(^|/)[^/]*\\.txt$", {"a/b.txt"}, {"a/b.txt2", "txt"});
  ExpectRe("(^|/)node_modules/.*$", {"x/node_modules/y"}, {"x/node_module/y"});
  ExpectRe("^.a\\.txt$", {"\xFF" "a.txt"}, {}, "an invalid byte before the literal");
  ExpectRe("ab|cd$", {"ab"}, {}, "alternation at the top: no literal test");
  ExpectRe("(?i)\\.TXT$", {"a.txt"});
  ExpectRe("x\\.txt$", {"\xC3\xA9x.txt"});
}

TEST(FilterRegexpTest, ErrorsReadLikeGo) {
  EXPECT_EQ(ReError("[a"), "error parsing regexp: missing closing ]: `[a`");
  EXPECT_EQ(ReError("(a"), "error parsing regexp: missing closing ): `(a`");
  EXPECT_EQ(ReError("a)"), "error parsing regexp: unexpected ): `a)`");
  EXPECT_EQ(ReError("*a"), "error parsing regexp: missing argument to repetition operator: `*`");
  EXPECT_EQ(ReError("a**"), "error parsing regexp: invalid nested repetition operator: `**`");
  EXPECT_EQ(ReError("\\q"), "error parsing regexp: invalid escape sequence: `\\q`");
  EXPECT_EQ(ReError("[z-a]"), "error parsing regexp: invalid character class range: `z-a`");
  EXPECT_EQ(ReError("a{1001}"), "error parsing regexp: invalid repeat count: `{1001}`");
  EXPECT_EQ(ReError("\\C"), "error parsing regexp: invalid escape sequence: `\\C`");
  EXPECT_EQ(ReError("(?<n>x)"), "error parsing regexp: invalid or unsupported Perl syntax: `(?<`");
  EXPECT_EQ(ReError("a\\"), "error parsing regexp: trailing backslash at end of expression: ``");
}

// A backtracking engine takes exponential time on this pattern and would never finish (the
// test's ctest timeout catches that); RE2 answers in time linear in the text.
TEST(FilterRegexpTest, PathologicalPatternIsAnsweredWithoutBacktracking) {
  std::string text(20000, 'a');
  EXPECT_FALSE(Re("^(a*)*(a|aa)*b$", text));
  EXPECT_TRUE(Re("^(a*)*(a|aa)*$", text));
}

// The regexp texts rclone 1.60.1 prints with --dump filters for these globs.
TEST(FilterGlobTest, TranslatesLikeRclone) {
  struct Case {
    const char* glob;
    const char* regexp;
  };
  for (const Case& c : std::vector<Case>{
           {"*.jpg", "(^|/)[^/]*\\.jpg$"},
           {"/*.jpg", "^[^/]*\\.jpg$"},
           {"**.jpg", "(^|/).*\\.jpg$"},
           {"?.txt", "(^|/)[^/]\\.txt$"},
           {"[ab].txt", "(^|/)[ab]\\.txt$"},
           {"{a,b}.txt", "(^|/)(a|b)\\.txt$"},
           {"x\\[1\\].txt", "(^|/)x\\[1\\]\\.txt$"},
           {"a.b+c(d)|e^f$g", "(^|/)a\\.b\\+c\\(d\\)\\|e\\^f\\$g$"},
           {"a,b", "(^|/)a,b$"},
           {"{{.*\\.jpg}}", "(^|/)(.*\\.jpg)$"},
           {"a{{x}}}b", "(^|/)a(x})b$"},
           {"a\\", "(^|/)a\\$"},
           {"{a/b,c}/*.d", "(^|/)(a/b|c)/[^/]*\\.d$"},
       }) {
    absl::StatusOr<std::string> text = ops::GlobToRegexpText(c.glob, false);
    ASSERT_TRUE(text.ok()) << c.glob;
    EXPECT_EQ(*text, c.regexp) << c.glob;
  }
  EXPECT_EQ(*ops::GlobToRegexpText("*.jpg", true), "(?i)(^|/)[^/]*\\.jpg$");
}

TEST(FilterGlobTest, GlobsMatchPaths) {
  auto match = [](std::string_view glob, std::string_view path) {
    absl::StatusOr<ops::Regexp> re = ops::CompileGlob(glob, false);
    EXPECT_TRUE(re.ok()) << glob << ": " << re.status();
    return re.ok() && re->Match(path);
  };
  EXPECT_TRUE(match("*.jpg", "a/b/c.jpg")) << "no / in the pattern: the last element, any depth";
  EXPECT_FALSE(match("/*.jpg", "a/c.jpg"));
  EXPECT_TRUE(match("/*.jpg", "c.jpg"));
  EXPECT_TRUE(match("a/*.jpg", "x/a/c.jpg"));
  EXPECT_FALSE(match("a/*.jpg", "a/b/c.jpg")) << "* does not cross /";
  EXPECT_TRUE(match("a/**.jpg", "a/b/c.jpg"));
  EXPECT_TRUE(match("{x,y}/*", "y/z"));
  EXPECT_TRUE(match("\\*", "*"));
  EXPECT_FALSE(match("\\*", "a"));
  EXPECT_TRUE(match("dir/", "a/dir/")) << "directory rules are matched against dir + /";
}

TEST(FilterGlobTest, ErrorsAreRclones) {
  auto error = [](std::string_view glob) {
    absl::StatusOr<ops::Regexp> re = ops::CompileGlob(glob, false);
    return re.ok() ? std::string("compiled") : std::string(re.status().message());
  };
  EXPECT_EQ(error("[a"), "mismatched '[' and ']' in glob \"[a\"");
  EXPECT_EQ(error("/[a"), "mismatched '[' and ']' in glob \"[a\"");
  EXPECT_EQ(error("a]"), "mismatched ']' in glob \"a]\"");
  EXPECT_EQ(error("{a"), "mismatched '{' and '}' in glob \"{a\"");
  EXPECT_EQ(error("a}"), "mismatched '{' and '}' in glob \"a}\"");
  EXPECT_EQ(error("***"), "too many stars in \"***\"");
  EXPECT_EQ(error("{a,{b,c}}"), "can't nest '{' '}' in glob \"{a,{b,c}}\"");
  EXPECT_EQ(error("{{a"), "mismatched '{{' and '}}' in glob \"{{a\"");
  EXPECT_EQ(error("\\q"), "bad glob pattern \"\\\\q\" (regexp \"(^|/)\\\\q$\"): error parsing "
                          "regexp: invalid escape sequence: `\\q`");
  EXPECT_EQ(error("[]"), "bad glob pattern \"[]\" (regexp \"(^|/)[]$\"): error parsing regexp: "
                         "missing closing ]: `[]$`");
}

TEST(FilterGlobTest, DirectoryGlobs) {
  EXPECT_THAT(ops::GlobToDirGlobs("*.jpg"), ElementsAre("/**"));
  EXPECT_THAT(ops::GlobToDirGlobs("/a/b/*.jpg"), ElementsAre("/a/b/", "/a/", "/"));
  EXPECT_THAT(ops::GlobToDirGlobs("a//b/*.c"), ElementsAre("a/b/", "a/"));
  EXPECT_THAT(ops::GlobToDirGlobs("sub/**"), ElementsAre("sub/**/", "sub/"));
  EXPECT_THAT(ops::GlobToDirGlobs("**/a.txt"), ElementsAre("**/"));
  EXPECT_THAT(ops::GlobToDirGlobs("{a/b,c}/*.d"), ElementsAre("/**")) << "too hard to split";
  EXPECT_THAT(ops::GlobToDirGlobs("{{a/b}}"), ElementsAre("/**"));
}

std::unique_ptr<ops::Filter> MakeFilter(const ops::FilterOptions& options) {
  absl::StatusOr<std::unique_ptr<ops::Filter>> f = ops::Filter::Create(options);
  EXPECT_TRUE(f.ok()) << f.status();
  return f.ok() ? std::move(*f) : std::make_unique<ops::Filter>();
}

TEST(FilterTest, FirstMatchingRuleWinsAndIncludesEndWithExcludeAll) {
  ops::FilterOptions o;
  o.filter = {"- secret/**", "+ *.txt", "- *"};
  auto f = MakeFilter(o);
  EXPECT_TRUE(f->IncludeRemote("a.txt"));
  EXPECT_TRUE(f->IncludeRemote("d/a.txt"));
  EXPECT_FALSE(f->IncludeRemote("secret/a.txt"));
  EXPECT_FALSE(f->IncludeRemote("a.jpg"));
  EXPECT_FALSE(f->IncludeDirectory("secret"));
  EXPECT_TRUE(f->IncludeDirectory("other"));

  ops::FilterOptions inc;
  inc.include = {"*.txt"};
  auto g = MakeFilter(inc);
  EXPECT_TRUE(g->IncludeRemote("x/a.txt"));
  EXPECT_FALSE(g->IncludeRemote("a.jpg")) << "an include adds a final exclude of everything";
  EXPECT_TRUE(g->IncludeDirectory("x")) << "*.txt can be in any directory";
  ops::FilterOptions anchored;
  anchored.include = {"/docs/*.txt"};
  auto h = MakeFilter(anchored);
  EXPECT_TRUE(h->IncludeDirectory("docs"));
  EXPECT_FALSE(h->IncludeDirectory("photos")) << "never listed: saves calls on the remote";
  EXPECT_FALSE(h->IncludeDirectory("docs/sub"));
}

TEST(FilterTest, IncludesBeforeExcludesBeforeFilterRulesAndAWarning) {
  LogCapture logs;
  ops::FilterOptions o;
  o.exclude = {"*.txt"};
  o.include = {"keep.txt"};
  auto f = MakeFilter(o);
  EXPECT_TRUE(f->IncludeRemote("keep.txt"));
  EXPECT_FALSE(f->IncludeRemote("other.txt"));
  EXPECT_TRUE(logs.Contains("Using --filter is recommended instead of both --include and "
                            "--exclude as the order they are parsed in is indeterminate"));
}

TEST(FilterTest, BangClearsTheRulesSoFar) {
  ops::FilterOptions o;
  o.filter = {"- *.jpg", "!", "- *.txt"};
  auto f = MakeFilter(o);
  EXPECT_TRUE(f->IncludeRemote("a.jpg"));
  EXPECT_FALSE(f->IncludeRemote("a.txt"));
}

TEST(FilterTest, ExcludingADirectoryPrunesIt) {
  ops::FilterOptions o;
  o.exclude = {"cache/"};
  auto f = MakeFilter(o);
  EXPECT_FALSE(f->IncludeDirectory("cache"));
  EXPECT_FALSE(f->IncludeDirectory("a/cache"));
  EXPECT_TRUE(f->IncludeDirectory("cachet"));
  EXPECT_FALSE(f->IncludeRemote("cache/x")) << "rclone 1.60 also excludes the files (dir/**)";
  EXPECT_TRUE(f->IncludeRemote("cache"));
}

TEST(FilterTest, IgnoreCase) {
  ops::FilterOptions o;
  o.include = {"*.jpg"};
  o.ignore_case = true;
  auto f = MakeFilter(o);
  EXPECT_TRUE(f->IncludeRemote("A.JPG"));
}

TEST(FilterTest, SizesAndAges) {
  const absl::Time now = absl::FromUnixSeconds(1700000000);
  ops::FilterOptions o;
  o.min_size = 10;
  o.max_size = 100;
  o.max_age = absl::Hours(24);
  o.min_age = absl::Hours(1);
  absl::StatusOr<std::unique_ptr<ops::Filter>> f = ops::Filter::Create(o, now);
  ASSERT_TRUE(f.ok());
  const absl::Time recent = now - absl::Hours(2);
  EXPECT_TRUE((*f)->Include("a", 10, recent));
  EXPECT_TRUE((*f)->Include("a", 100, recent));
  EXPECT_FALSE((*f)->Include("a", 9, recent));
  EXPECT_FALSE((*f)->Include("a", 101, recent));
  EXPECT_FALSE((*f)->Include("a", -1, recent)) << "unknown size is below any --min-size";
  EXPECT_FALSE((*f)->Include("a", 50, now - absl::Hours(25)));
  EXPECT_FALSE((*f)->Include("a", 50, now - absl::Minutes(30)));
  EXPECT_TRUE((*f)->Active());

  ops::FilterOptions crossed;
  crossed.max_age = absl::Hours(1);
  crossed.min_age = absl::Hours(2);
  absl::StatusOr<std::unique_ptr<ops::Filter>> bad = ops::Filter::Create(crossed, now);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "--min-age can't be larger than --max-age");
}

TEST(FilterTest, FilesFrom) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("filter_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string list = (dir / "list").string();
  {
    std::ofstream f(list);
    f << "# comment\n  a.txt  \r\n/d/e/f.txt/\n; other\n\nx//y.txt\n";
  }
  ops::FilterOptions o;
  o.files_from = {list};
  auto f = MakeFilter(o);
  EXPECT_TRUE(f->Active());
  EXPECT_TRUE(f->Include("a.txt", 1, absl::Now()));
  EXPECT_TRUE(f->Include("d/e/f.txt", 1, absl::Now()));
  EXPECT_FALSE(f->Include("x/y.txt", 1, absl::Now())) << "paths are not cleaned";
  EXPECT_FALSE(f->Include("b.txt", 1, absl::Now()));
  EXPECT_TRUE(f->IncludeDirectory("d"));
  EXPECT_TRUE(f->IncludeDirectory("d/e"));
  EXPECT_TRUE(f->IncludeDirectory("x")) << "Go's path.Dir cleans the parent";
  EXPECT_FALSE(f->IncludeDirectory("z"));

  ops::FilterOptions raw;
  raw.files_from_raw = {list};
  auto r = MakeFilter(raw);
  EXPECT_TRUE(r->Include("# comment", 1, absl::Now()));
  EXPECT_FALSE(r->Include("a.txt", 1, absl::Now()));

  ops::FilterOptions both;
  both.files_from = {list};
  both.exclude = {"x"};
  absl::StatusOr<std::unique_ptr<ops::Filter>> bad = ops::Filter::Create(both);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("--files-from overrides all other filters"));

  ops::FilterOptions empty;
  empty.files_from = {"/dev/null"};
  auto e = MakeFilter(empty);
  EXPECT_TRUE(e->Active()) << "an empty list still selects (nothing)";
  EXPECT_FALSE(e->Include("a.txt", 1, absl::Now()));
  std::filesystem::remove_all(dir);
}

TEST(FilterTest, UnreadableFilesGiveRclonesMessage) {
  ops::FilterOptions o;
  o.filter_from = {"/nonexistent/rules"};
  absl::StatusOr<std::unique_ptr<ops::Filter>> f = ops::Filter::Create(o);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().message(), "open /nonexistent/rules: no such file or directory");
  o.filter_from = {"/"};
  f = ops::Filter::Create(o);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().message(), "read /: is a directory");
}

TEST(FilterParseTest, SizesAsRcloneReadsThem) {
  struct Case {
    const char* text;
    int64_t bytes;
  };
  for (const Case& c : std::vector<Case>{
           {"1", 1024}, {"1.5", 1536}, {"100b", 100}, {"100B", 100}, {"1k", 1024},
           {"1K", 1024}, {"1Ki", 1024}, {"1KiB", 1024}, {"1kib", 1024}, {"2M", 2 << 20},
           {"1G", 1LL << 30}, {"1T", 1LL << 40}, {"1P", 1LL << 50}, {"0", 0}, {"1e3", 1024000},
           {"1.5b", 1}, {".5", 512}, {"5.", 5120}, {"1e-3", 1}, {"off", -1}, {"OFF", -1},
       }) {
    absl::StatusOr<int64_t> v = ops::ParseSizeSuffix(c.text);
    ASSERT_TRUE(v.ok()) << c.text << ": " << v.status();
    EXPECT_EQ(*v, c.bytes) << c.text;
  }
  struct Bad {
    const char* text;
    const char* error;
  };
  for (const Bad& b : std::vector<Bad>{
           {"", "empty string"},
           {"1X", "bad suffix 'X'"},
           {"1KB", "strconv.ParseFloat: parsing \"1K\": invalid syntax"},
           {"1KIB", "strconv.ParseFloat: parsing \"1KI\": invalid syntax"},
           {"1iB", "bad suffix '1'"},
           {"1i", "bad suffix '1'"},
           {"-1", "size can't be negative \"-1\""},
           {"k", "strconv.ParseFloat: parsing \"\": invalid syntax"},
           {"inf", "bad suffix 'f'"},
           {" 1k", "strconv.ParseFloat: parsing \" 1\": invalid syntax"},
       }) {
    absl::StatusOr<int64_t> v = ops::ParseSizeSuffix(b.text);
    ASSERT_FALSE(v.ok()) << b.text;
    EXPECT_EQ(v.status().message(), b.error) << b.text;
  }
}

TEST(FilterParseTest, AgesAsRcloneReadsThem) {
  const absl::Time now = absl::FromUnixSeconds(1700000000);
  auto age = [&](const char* text) {
    absl::StatusOr<std::optional<absl::Duration>> d = ops::ParseAge(text, now);
    EXPECT_TRUE(d.ok()) << text << ": " << d.status();
    return d.ok() && d->has_value() ? **d : absl::InfiniteDuration();
  };
  EXPECT_EQ(age("1h30m"), absl::Minutes(90));
  EXPECT_EQ(age("1m"), absl::Minutes(1)) << "m is minutes (Go), M is months";
  EXPECT_EQ(age("1M"), absl::Hours(24 * 30));
  EXPECT_EQ(age("2d"), absl::Hours(48));
  EXPECT_EQ(age("1.5d"), absl::Hours(36));
  EXPECT_EQ(age("1w"), absl::Hours(24 * 7));
  EXPECT_EQ(age(".5w"), absl::Hours(84));
  EXPECT_EQ(age("1y"), absl::Hours(24 * 365));
  EXPECT_EQ(age("3600"), absl::Hours(1));
  EXPECT_EQ(age("1e2"), absl::Seconds(100));
  EXPECT_EQ(age("10ms"), absl::Milliseconds(10));
  EXPECT_EQ(age("1\xC2\xB5s"), absl::Microseconds(1));
  EXPECT_EQ(age("-1h"), absl::Hours(-1));
  EXPECT_EQ(age("2023-11-14T22:13:20Z"), absl::ZeroDuration());  // == now
  EXPECT_EQ(age("2023-11-13T22:13:20.5Z"), absl::Hours(24) - absl::Milliseconds(500));
  EXPECT_EQ(age("2023-11-15T00:13:20+02:00"), absl::ZeroDuration());
  // Dates without a zone are local time (the tests run in UTC).
  EXPECT_EQ(age("2023-11-14 22:13:20"), absl::ZeroDuration());
  EXPECT_EQ(age("2023-11-14T22:13:20"), absl::ZeroDuration());
  EXPECT_EQ(age("2023-11-14"), absl::Hours(22) + absl::Minutes(13) + absl::Seconds(20));
  absl::StatusOr<std::optional<absl::Duration>> off = ops::ParseAge("off", now);
  ASSERT_TRUE(off.ok());
  EXPECT_FALSE(off->has_value());
  for (const char* bad : {"1d12h", "2d3h", "abc", "", "1x", "1h 30m", "2020-6-1",
                          "2020-06-01 10:00", "2020-02-30", "2020-06-01 10:00:00Z", "inf"}) {
    absl::StatusOr<std::optional<absl::Duration>> d = ops::ParseAge(bad, now);
    EXPECT_FALSE(d.ok()) << bad;
    if (!d.ok()) {
      EXPECT_THAT(d.status().message(), HasSubstr("can't parse"));
    }
  }
}

// A listing's lines, sorted, as the case file stores them.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n', absl::SkipEmpty());
  std::sort(lines.begin(), lines.end());
  return lines;
}

// The filter options a case's command line gives (the subset of flags the cases use).
absl::StatusOr<std::unique_ptr<ops::Filter>> FilterFromArgs(const std::vector<std::string>& args,
                                                            absl::Time now) {
  ops::FilterOptions o;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (flag == "--ignore-case") {
      o.ignore_case = true;
      continue;
    }
    if (i + 1 >= args.size()) return absl::InvalidArgumentError("missing value: " + flag);
    const std::string& v = args[++i];
    std::map<std::string, std::vector<std::string>*> lists = {
        {"--include", &o.include},         {"--exclude", &o.exclude},
        {"--filter", &o.filter},           {"--include-from", &o.include_from},
        {"--exclude-from", &o.exclude_from}, {"--filter-from", &o.filter_from},
        {"--files-from", &o.files_from},   {"--files-from-raw", &o.files_from_raw}};
    if (auto it = lists.find(flag); it != lists.end()) {
      it->second->push_back(v);
    } else if (flag == "--min-size" || flag == "--max-size") {
      absl::StatusOr<int64_t> size = ops::ParseSizeSuffix(v);
      if (!size.ok()) return size.status();
      (flag == "--min-size" ? o.min_size : o.max_size) = *size;
    } else if (flag == "--min-age" || flag == "--max-age") {
      absl::StatusOr<std::optional<absl::Duration>> d = ops::ParseAge(v, now);
      if (!d.ok()) return d.status();
      (flag == "--min-age" ? o.min_age : o.max_age) = *d;
    } else if (flag == "--exclude-if-present") {
      o.exclude_if_present = v;
    } else {
      return absl::InvalidArgumentError("unknown flag in case: " + flag);
    }
  }
  return ops::Filter::Create(o, now);
}

class FilterCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cases_ = LoadFilterCases(FILTER_CASES_FILE);
    helper_dir_ = std::filesystem::temp_directory_path() /
                  ("filter_cases_" + std::to_string(getpid()));
    std::filesystem::create_directories(helper_dir_);
  }
  void TearDown() override { std::filesystem::remove_all(helper_dir_); }

  FilterCases cases_;
  std::filesystem::path helper_dir_;
};

TEST_F(FilterCasesTest, ListingsMatchRclone) {
  const absl::Time now = absl::Now();
  auto fs = NewMemory();
  for (const FilterCases::File& f : cases_.tree) {
    Put(*fs, f.path, std::string(static_cast<size_t>(f.size), 'x'), f.Time(now));
  }
  for (const std::string& d : cases_.empty_dirs) ASSERT_TRUE(fs->Mkdir(d).ok());
  int checked = 0;
  for (const FilterCases::Case& c : cases_.cases) {
    if (c.kind != "case") continue;
    ++checked;
    std::vector<std::string> args = ResolveHelperFiles(cases_, c.args, helper_dir_.string());
    absl::StatusOr<std::unique_ptr<ops::Filter>> filter = FilterFromArgs(args, now);
    if (!filter.ok()) {
      EXPECT_THAT(c.expected, ElementsAre("!error " + std::string(filter.status().message())))
          << c.Title();
      continue;
    }
    ops::LsfOptions options;
    options.max_depth = -1;
    std::ostringstream out;
    absl::Status st = ops::Lsf(*fs, "", options, out, filter->get());
    ASSERT_TRUE(st.ok()) << c.Title() << ": " << st;
    EXPECT_EQ(absl::StrJoin(Lines(out.str()), "\n"), absl::StrJoin(c.expected, "\n"))
        << c.Title();
  }
  EXPECT_GT(checked, 60);
}

TEST_F(FilterCasesTest, RuleDumpsMatchRclone) {
  int checked = 0;
  for (const FilterCases::Case& c : cases_.cases) {
    if (c.kind != "dump") continue;
    ++checked;
    absl::StatusOr<std::unique_ptr<ops::Filter>> filter = FilterFromArgs(c.args, absl::Now());
    ASSERT_TRUE(filter.ok()) << c.Title() << ": " << filter.status();
    EXPECT_EQ((*filter)->Dump(), absl::StrJoin(c.expected, "\n")) << c.Title();
  }
  EXPECT_GT(checked, 25);
}

TEST(FilterListingTest, ExcludedDirectoriesAreNeverListed) {
  auto inner = NewMemory();
  PutAll(*inner, {{"docs/a.txt", "a"},
                  {"docs/old/b.txt", "b"},
                  {"photos/c.jpg", "c"},
                  {"photos/2020/d.jpg", "d"}});
  CountingFs fs(inner);
  ops::FilterOptions o;
  o.include = {"/docs/*.txt"};
  auto f = MakeFilter(o);
  std::ostringstream out;
  ASSERT_TRUE(ops::Ls(fs, "", -1, out, f.get()).ok());
  EXPECT_EQ(out.str(), "        1 docs/a.txt\n");
  EXPECT_THAT(fs.listed(), ElementsAre("", "docs"));
}

TEST(FilterListingTest, ExcludeIfPresentDropsTheDirectoryAndItsContent) {
  auto fs = NewMemory();
  PutAll(*fs, {{"keep/a", "a"}, {"skip/.nobackup", ""}, {"skip/b", "b"}, {"skip/sub/c", "c"}});
  ops::FilterOptions o;
  o.exclude_if_present = ".nobackup";
  auto f = MakeFilter(o);
  std::ostringstream recursive, one_level;
  ops::LsfOptions options;
  options.max_depth = -1;
  ASSERT_TRUE(ops::Lsf(*fs, "", options, recursive, f.get()).ok());
  EXPECT_EQ(recursive.str(), "keep/\nkeep/a\n");
  options.max_depth = 1;
  ASSERT_TRUE(ops::Lsf(*fs, "", options, one_level, f.get()).ok());
  EXPECT_EQ(one_level.str(), "keep/\n") << "found by name at the depth limit";
}

}  // namespace
}  // namespace optest
