#include "tests/operations/filter_cases.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace optest {

absl::Time FilterCases::File::Time(absl::Time now) const {
  int64_t seconds = 0;
  if (mtime.rfind("now-", 0) == 0) {
    if (!absl::SimpleAtoi(mtime.substr(4), &seconds)) std::abort();
    return now - absl::Seconds(seconds);
  }
  if (!absl::SimpleAtoi(mtime, &seconds)) std::abort();
  return absl::FromUnixSeconds(seconds);
}

std::string FilterCases::Case::Title() const {
  return kind + " [" + absl::StrJoin(args, "] [") + "]";
}

FilterCases LoadFilterCases(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    std::abort();
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  FilterCases out;
  std::vector<std::string> lines = absl::StrSplit(buffer.str(), '\n');
  for (const std::string& line : lines) {
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '\t') {
      if (out.cases.empty()) std::abort();
      out.cases.back().expected.push_back(line.substr(1));
      continue;
    }
    std::vector<std::string> fields = absl::StrSplit(line, '\t');
    const std::string kind = fields[0];
    fields.erase(fields.begin());
    if (kind == "tree" && fields.size() == 3) {
      FilterCases::File f;
      f.path = fields[0];
      if (!absl::SimpleAtoi(fields[1], &f.size)) std::abort();
      f.mtime = fields[2];
      out.tree.push_back(f);
    } else if (kind == "dir" && fields.size() == 1) {
      out.empty_dirs.push_back(fields[0]);
    } else if (kind == "file" && fields.size() == 2) {
      out.helper_files[fields[0]] += fields[1] + "\n";
    } else if (kind == "case" || kind == "dump") {
      out.cases.push_back({kind, fields, {}});
    } else {
      std::fprintf(stderr, "bad line in %s: %s\n", path.c_str(), line.c_str());
      std::abort();
    }
  }
  return out;
}

std::vector<std::string> ResolveHelperFiles(const FilterCases& cases,
                                            const std::vector<std::string>& args,
                                            const std::string& dir) {
  std::vector<std::string> out;
  for (const std::string& arg : args) {
    if (arg.size() < 2 || arg[0] != '@') {
      out.push_back(arg);
      continue;
    }
    std::string name = arg.substr(1);
    std::string path = dir + "/" + name;
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << cases.helper_files.at(name);
    out.push_back(path);
  }
  return out;
}

}  // namespace optest
