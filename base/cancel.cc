#include "base/cancel.h"

#include <utility>

namespace base {
namespace {

// Null: the process-wide token.
thread_local std::shared_ptr<Cancel> current_token;

}  // namespace

void Cancel::Trigger(absl::Status reason) {
  if (reason.ok()) reason = absl::CancelledError("cancelled");
  absl::MutexLock lock(&mu_);
  if (triggered_.load(std::memory_order_relaxed)) return;
  reason_ = std::move(reason);
  triggered_.store(true, std::memory_order_release);
}

absl::Status Cancel::status() const {
  if (!triggered()) return absl::OkStatus();
  absl::MutexLock lock(&mu_);
  return reason_;
}

bool Cancel::WaitFor(absl::Duration d) const {
  if (d <= absl::ZeroDuration()) return triggered();
  absl::MutexLock lock(&mu_);
  return mu_.AwaitWithTimeout(
      absl::Condition(+[](const std::atomic<bool>* t) { return t->load(); }, &triggered_), d);
}

Cancel& Cancel::Process() {
  static Cancel* token = new Cancel();
  return *token;
}

Cancel& CurrentCancel() { return current_token ? *current_token : Cancel::Process(); }

std::shared_ptr<Cancel> CurrentCancelShared() {
  if (current_token) return current_token;
  // The process token is never destroyed: share it without ownership.
  return std::shared_ptr<Cancel>(std::shared_ptr<Cancel>(), &Cancel::Process());
}

ScopedCancel::ScopedCancel(std::shared_ptr<Cancel> token) {
  if (token == nullptr) return;
  previous_ = std::move(current_token);
  current_token = std::move(token);
  installed_ = true;
}

ScopedCancel::~ScopedCancel() {
  if (installed_) current_token = std::move(previous_);
}

}  // namespace base
