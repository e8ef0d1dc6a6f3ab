// Groups calls that arrive close together into one. API calls are rationed (the pacer spaces
// them 400 ms apart), while upload.cgi takes many files and file/rm.cgi many URLs: so the first
// caller for a key waits for companions until none came for a short window (or the group is
// full, or it has waited max_hold), then runs the whole group; the others wait for it and read
// their own result. The group's runner is the leader's thread. While another group runs, a
// waiting group stays open: the calls are paced one after the other anyway, and the callers the
// running group holds (a bounded pool's threads) may bring more members once it is done.
#ifndef FICHIER_BACKEND_FICHIER_CALL_BATCHER_H_
#define FICHIER_BACKEND_FICHIER_CALL_BATCHER_H_

#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace backend::fichier {

struct BatchLimits {
  // The group closes once no member joined for `window` (0 = never wait: every call alone)...
  absl::Duration window = absl::Milliseconds(60);
  size_t max_members = 100;
  int64_t max_weight = INT64_MAX;  // e.g. bytes per upload session
  // A group also closes once its leader has waited this long, however steadily members come.
  absl::Duration max_hold = absl::Seconds(10);
};

template <typename Member>
class CallBatcher {
 public:
  // Runs one group; must give every member its result before returning.
  using Runner = std::function<void(int64_t key, const std::vector<Member*>& members)>;

  explicit CallBatcher(BatchLimits limits) : limits_(limits) {}

  // Adds `member` to the group open for `key` (or leads a new one) and returns once the group
  // has run. `runner` is used when this caller leads.
  void Join(int64_t key, Member* member, int64_t weight, const Runner& runner) {
    if (limits_.window <= absl::ZeroDuration()) {
      runner(key, {member});
      return;
    }
    Group group;
    {
      absl::MutexLock lock(&mu_);
      auto it = open_.find(key);
      if (it != open_.end() && Fits(*it->second, weight)) {
        // Follow: the leader sets `done` once the group has run.
        Group* leader = it->second;
        bool done = false;
        leader->members.push_back(member);
        leader->done_flags.push_back(&done);
        leader->weight += weight;
        leader->last_join = absl::Now();
        if (leader->members.size() >= limits_.max_members) Close(key, *leader);
        mu_.Await(absl::Condition(&done));
        return;
      }
      // Lead: wait for companions until none came for a window, or the group is full.
      group.members.push_back(member);
      group.weight = weight;
      const absl::Time started = absl::Now();
      group.last_join = started;
      open_[key] = &group;
      const absl::Time hold_until = started + limits_.max_hold;
      while (!group.closed && absl::Now() < hold_until) {
        if (running_ > 0) {
          // Another group's calls hold the pacer anyway: waiting costs nothing, and the
          // callers it occupies may be ours once it is done.
          auto idle_or_closed = [&group, this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
            return group.closed || running_ == 0;
          };
          mu_.AwaitWithDeadline(absl::Condition(&idle_or_closed), hold_until);
          continue;
        }
        const absl::Time until =
            std::min(std::max(group.last_join, last_run_end_) + limits_.window, hold_until);
        if (absl::Now() >= until) break;
        mu_.AwaitWithDeadline(absl::Condition(&group.closed), until);
      }
      Close(key, group);  // from here on no follower touches `group`
      ++running_;
    }
    runner(key, group.members);
    absl::MutexLock lock(&mu_);
    for (bool* done : group.done_flags) *done = true;
    --running_;
    last_run_end_ = absl::Now();
  }

 private:
  struct Group {
    std::vector<Member*> members;
    std::vector<bool*> done_flags;  // one per follower, set when the group has run
    int64_t weight = 0;
    absl::Time last_join;
    bool closed = false;
  };

  bool Fits(const Group& group, int64_t weight) const {
    return !group.closed && group.members.size() < limits_.max_members &&
           group.weight + weight <= limits_.max_weight;
  }

  // No more members; the group stays alive on its leader's stack until it has run.
  void Close(int64_t key, Group& group) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    group.closed = true;
    if (auto it = open_.find(key); it != open_.end() && it->second == &group) open_.erase(it);
  }

  const BatchLimits limits_;
  absl::Mutex mu_;
  std::map<int64_t, Group*> open_ ABSL_GUARDED_BY(mu_);
  int running_ ABSL_GUARDED_BY(mu_) = 0;  // groups closed and not yet done
  // A group that ends frees its members' callers: a waiting group's window restarts then.
  absl::Time last_run_end_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_CALL_BATCHER_H_
