#include "vfs/operations/session_deadline.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/string_views.h"
#include "vfs/operations/context.h"
#include "vfs/operations/limits.h"

namespace vfs::operations {
namespace {

constexpr char kMaxDurationCancelPayload[] = "fichier/max-duration-cancel";

}  // namespace

absl::Status MaxDurationCancel() {
  absl::Status st = absl::CancelledError("context deadline exceeded");
  st.SetPayload(kMaxDurationCancelPayload, absl::Cord("1"));
  return st;
}

bool IsMaxDurationCancel(const absl::Status& status) {
  return status.GetPayload(kMaxDurationCancelPayload).has_value();
}

SessionDeadline::SessionDeadline(absl::Duration duration, CutoffMode mode,
                                 std::string_view subject) {
  if (duration <= absl::ZeroDuration()) return;
  const absl::Time end = absl::Now() + duration;
  LogInfo(subject,
          absl::StrCat("Transfer session ", base::ToAbsl(CutoffModeName(mode)), " deadline: ",
                       absl::FormatTime("%Y/%m/%d %H:%M:%S", end, absl::LocalTimeZone())));
  // The token of the run that started the session, kept alive for the watcher.
  std::shared_ptr<base::Cancel> run = base::CurrentCancelShared();
  watcher_ = std::thread([this, duration, mode, run] {
    if (done_.WaitFor(duration)) return;  // the session ended first
    reached_.store(true, std::memory_order_release);
    if (mode == CutoffMode::kHard) run->Trigger(MaxDurationCancel());
  });
}

SessionDeadline::~SessionDeadline() {
  done_.Trigger(absl::CancelledError("session over"));
  if (watcher_.joinable()) watcher_.join();
}

}  // namespace vfs::operations
