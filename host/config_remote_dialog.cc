// The new/edit remote dialog of `fclone config` (rclone 1.60's wording and order).
#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "host/config_view.h"
#include "host/config_wizard.h"
#include "vfs/config/config_crypt.h"
#include "vfs/config/obscure.h"
#include "vfs/registry.h"

namespace fclone {
namespace {

constexpr const char* kColors[] = {"\x1b[91m", "\x1b[92m"};
constexpr const char* kReset = "\x1b[0m";

// rclone lists the backends by description (byte order: "1Fichier" first, lower case last).
std::vector<std::shared_ptr<const vfs::BackendInfo>> BackendsByDescription() {
  std::vector<std::shared_ptr<const vfs::BackendInfo>> list = vfs::Registry::Global().List();
  std::stable_sort(list.begin(), list.end(),
                   [](const auto& a, const auto& b) { return a->description < b->description; });
  return list;
}

absl::StatusOr<std::shared_ptr<const vfs::BackendInfo>> AskStorage(WizardIo& io) {
  std::vector<std::shared_ptr<const vfs::BackendInfo>> list = BackendsByDescription();
  for (;;) {
    io.out() << "Option Storage.\nType of storage to configure.\n"
                "Choose a number from below, or type in your own value.\n";
    for (size_t i = 0; i < list.size(); ++i) {
      if (io.color()) io.out() << kColors[i % 2];
      io.out() << absl::StrFormat("%2d / %s\n   \\ (%s)\n", i + 1, list[i]->description,
                                  list[i]->name);
      if (io.color()) io.out() << kReset;
    }
    for (;;) {
      absl::StatusOr<std::string> answer = io.Line("Storage> ");
      if (!answer.ok()) return answer.status();
      size_t number = 0;
      if (absl::SimpleAtoi(*answer, &number)) {
        if (number >= 1 && number <= list.size()) return list[number - 1];
        io.out() << "No choices with this number.\n";
        continue;
      }
      absl::StatusOr<std::shared_ptr<const vfs::BackendInfo>> found =
          vfs::Registry::Global().Find(*answer);
      if (found.ok()) return found;
      io.out() << "Bad remote \"" << *answer << "\": didn't find backend called \"" << *answer
               << "\"\n";
      break;  // the whole question again, as rclone does
    }
  }
}

// "- key: value" lines; obscured passwords masked as rclone masks them.
void ListOptions(WizardIo& io, const vfs::ConfigFile& config, const std::string& name,
                 const vfs::BackendInfo& backend) {
  for (const std::string& key : config.Keys(name)) {
    const vfs::Option* opt = backend.FindOption(key);
    std::string value = config.Get(name, key).value_or("");
    io.out() << "- " << key << ": "
             << (opt != nullptr && opt->secret && !value.empty() ? "*** ENCRYPTED ***" : value)
             << "\n";
  }
}

// A password option: type one, generate one, or leave it (blank, or as it is).
absl::StatusOr<std::optional<std::string>> AskPassword(WizardIo& io, bool has_current) {
  io.out() << "Choose an alternative below. Press Enter for the default (n).\n";
  absl::StatusOr<char> how = io.Letter(
      {{'y', "Yes, type in my own password"},
       {'g', "Generate random password"},
       {'n', has_current ? "No, keep existing" : "No, leave this optional password blank"}},
      'n');
  if (!how.ok()) return how.status();
  if (*how == 'n') return std::optional<std::string>();
  if (*how == 'y') {
    absl::StatusOr<std::string> typed = io.NewPassword();
    if (!typed.ok()) return typed.status();
    return std::optional<std::string>(*typed);
  }
  for (;;) {
    io.out() << "Password strength in bits.\n64 is just about memorable\n128 is secure\n"
                "1024 is the maximum\n";
    absl::StatusOr<std::string> answer = io.Line("Bits> ");
    if (!answer.ok()) return answer.status();
    int bits = 0;
    if (!absl::SimpleAtoi(*answer, &bits)) {
      io.out() << "This value must be a number.\n";
      continue;
    }
    absl::StatusOr<std::string> generated = vfs::RandomPassword(bits);
    if (!generated.ok()) {
      io.out() << "Error: " << generated.status().message() << "\n";
      continue;
    }
    io.out() << "Your password is: " << *generated
             << "\nUse this password? Please note that an obscured version of this \n"
                "password (and not the password itself) will be stored under your \n"
                "configuration file, so keep this generated password in a safe place.\n";
    absl::StatusOr<char> use = io.Letter({{'y', "Yes"}, {'n', "No"}}, 'y');
    if (!use.ok()) return use.status();
    if (*use == 'y') return std::optional<std::string>(*generated);
  }
}

// One option: its help, the kind of answer, the prompt; stores the answer in `config`.
absl::Status AskOption(WizardIo& io, vfs::ConfigFile& config, const std::string& name,
                       const vfs::BackendInfo& backend, const vfs::Option& opt) {
  std::optional<std::string> current = config.Get(name, opt.name);
  if (current && current->empty()) current.reset();
  // rclone prints the help without its blank lines.
  io.out() << "\nOption " << opt.name << ".\n";
  for (absl::string_view line : absl::StrSplit(opt.help, '\n', absl::SkipEmpty())) {
    io.out() << line << "\n";
  }
  const OptionKind kind = KindOf(opt);
  if (kind == OptionKind::kPassword) {
    absl::StatusOr<std::optional<std::string>> password = AskPassword(io, current.has_value());
    if (!password.ok()) return password.status();
    if (!password->has_value()) return absl::OkStatus();
    absl::StatusOr<std::string> obscured = vfs::Obscure(**password);
    if (!obscured.ok()) return obscured.status();
    return config.Set(name, opt.name, *obscured);
  }
  const std::string fallback = current.value_or(opt.default_value);
  const std::string type_name = kind == OptionKind::kBool       ? "boolean value (true or false)"
                                : kind == OptionKind::kEncoding ? "encoder.MultiEncoder value"
                                                                : "string value";
  const std::string how = fallback.empty()
                              ? std::string("Enter a value. Press Enter to leave empty.\n")
                              : absl::StrCat("Enter a ", type_name,
                                             ". Press Enter for the default (", fallback, ").\n");
  for (;;) {
    io.out() << how;
    absl::StatusOr<std::string> answer = io.Line(absl::StrCat(opt.name, "> "));
    if (!answer.ok()) return answer.status();
    if (answer->empty()) return absl::OkStatus();  // the default, or the value kept
    if (absl::Status st = CheckOptionValue(backend, opt, *answer); !st.ok()) {
      // rclone's words for a boolean that does not parse.
      io.out() << "Failed to parse \"" << *answer << "\": "
               << (kind == OptionKind::kBool
                       ? absl::StrCat("parsing \"", *answer, "\" as bool failed: expected newline")
                       : std::string(st.message()))
               << "\n";
      continue;
    }
    std::string value = *answer;
    bool flag = false;
    // rclone stores the parsed value: "1" and "T" become "true".
    if (kind == OptionKind::kBool && ParseGoBool(value, &flag)) value = flag ? "true" : "false";
    if (value == opt.default_value) {
      config.DeleteKey(name, opt.name);
      return absl::OkStatus();
    }
    return config.Set(name, opt.name, value);
  }
}

// The options (standard, then advanced on request) and the summary; whether the remote is kept.
absl::StatusOr<bool> OptionsAndSummary(WizardIo& io, vfs::ConfigFile& config,
                                       const std::string& name, const vfs::BackendInfo& backend) {
  for (;;) {
    for (const vfs::Option& opt : backend.options) {
      if (opt.hidden || opt.advanced) continue;
      if (absl::Status st = AskOption(io, config, name, backend, opt); !st.ok()) return st;
    }
    // rclone asks again after each pass through the advanced options.
    for (;;) {
      io.out() << "\nEdit advanced config?\n";
      absl::StatusOr<char> advanced = io.Letter({{'y', "Yes"}, {'n', "No"}}, 'n');
      if (!advanced.ok()) return advanced.status();
      if (*advanced == 'n') break;
      for (const vfs::Option& opt : backend.options) {
        if (opt.hidden || !opt.advanced) continue;
        if (absl::Status st = AskOption(io, config, name, backend, opt); !st.ok()) return st;
      }
    }
    io.out() << "\nConfiguration complete.\nOptions:\n";
    ListOptions(io, config, name, backend);
    io.out() << "Keep this \"" << name << "\" remote?\n";
    absl::StatusOr<char> keep = io.Letter(
        {{'y', "Yes this is OK"}, {'e', "Edit this remote"}, {'d', "Delete this remote"}}, 'y');
    if (!keep.ok()) return keep.status();
    if (*keep == 'y') return true;
    if (*keep == 'd') {
      config.DeleteRemote(name);
      return false;
    }
    io.out() << "\nEditing existing \"" << name << "\" remote with options:\n";
    ListOptions(io, config, name, backend);
  }
}

}  // namespace

absl::StatusOr<bool> NewRemoteDialog(WizardIo& io, vfs::ConfigFile& config,
                                     const std::string& name) {
  io.out() << "\n";
  absl::StatusOr<std::shared_ptr<const vfs::BackendInfo>> backend = AskStorage(io);
  if (!backend.ok()) return backend.status();
  if (absl::Status st = config.Set(name, "type", (*backend)->name); !st.ok()) return st;
  return OptionsAndSummary(io, config, name, **backend);
}

absl::StatusOr<bool> EditRemoteDialog(WizardIo& io, vfs::ConfigFile& config,
                                      const std::string& name) {
  absl::StatusOr<std::shared_ptr<const vfs::BackendInfo>> backend = BackendOfRemote(config, name);
  if (!backend.ok()) return backend.status();
  io.out() << "Editing existing \"" << name << "\" remote with options:\n";
  ListOptions(io, config, name, **backend);
  return OptionsAndSummary(io, config, name, **backend);
}

}  // namespace fclone
